using System.Globalization;
using Azure;
using Azure.Core;

namespace Supacrypt.Backend.KeyVault;

/// <summary>
/// Azure.Core's retry rules (408, 429, 500, 502, 503, 504 and transport errors, waiting out Retry-After), except that
/// an answer asking for a longer wait than <see cref="KeyVaultOptions.MaxRetryAfter"/> is handed straight back to the
/// caller, who is told how long to wait (RESOURCE_EXHAUSTED with <c>retry-after-ms</c>) instead of holding a call open.
/// </summary>
internal sealed class KeyVaultResponseClassifier(TimeSpan maxRetryAfter) : ResponseClassifier
{
    public override bool IsRetriableResponse(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return base.IsRetriableResponse(message) && !(RetryAfterOf(message.Response) > maxRetryAfter);
    }

    /// <summary>The wait an answer asks for: <c>retry-after-ms</c>, <c>x-ms-retry-after-ms</c> or <c>Retry-After</c> in seconds (Key Vault's form).</summary>
    public static TimeSpan? RetryAfterOf(Response response)
    {
        ArgumentNullException.ThrowIfNull(response);
        foreach (var header in (string[])["retry-after-ms", "x-ms-retry-after-ms"])
        {
            if (response.Headers.TryGetValue(header, out var milliseconds) &&
                int.TryParse(milliseconds, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return TimeSpan.FromMilliseconds(value);
            }
        }

        return response.Headers.TryGetValue("Retry-After", out var retryAfter) &&
            int.TryParse(retryAfter, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                ? TimeSpan.FromSeconds(seconds)
                : null;
    }
}
