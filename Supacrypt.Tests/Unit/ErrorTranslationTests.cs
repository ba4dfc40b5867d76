using Azure;
using Grpc.Core;
using Supacrypt.Backend.Grpc;
using Supacrypt.Backend.KeyVault;
using Supacrypt.V1;

namespace Supacrypt.Tests.Unit;

public sealed class ErrorTranslationTests
{
    [Theory]
    [InlineData(400, "BadParameter", null, ErrorCode.InvalidRequest)]
    [InlineData(401, "Unauthorized", null, ErrorCode.AuthenticationFailed)]
    [InlineData(403, "Forbidden", null, ErrorCode.AuthorizationFailed)]
    [InlineData(403, "Forbidden", "KeyDisabled", ErrorCode.OperationNotSupported)]
    [InlineData(403, "Forbidden", "KeyOperationForbidden", ErrorCode.OperationNotSupported)]
    [InlineData(404, "KeyNotFound", null, ErrorCode.KeyNotFound)]
    [InlineData(409, "Conflict", null, ErrorCode.KeyAlreadyExists)]
    [InlineData(413, "RequestTooLarge", null, ErrorCode.AzureKvError)]
    public void Key_vault_refusals_become_in_band_errors_with_key_vaults_code(int status, string code, string? innerCode, ErrorCode expected)
    {
        var details = ErrorTranslation.ToDetails(new KeyVaultException(status, code, "Key Vault says no.", innerErrorCode: innerCode));

        Assert.NotNull(details);
        Assert.Equal(expected, details.Code);
        Assert.Equal(code, details.ProviderError);
        Assert.False(string.IsNullOrWhiteSpace(details.Message));
    }

    [Theory]
    [InlineData(408, StatusCode.DeadlineExceeded)]
    [InlineData(429, StatusCode.ResourceExhausted)]
    [InlineData(500, StatusCode.Unavailable)]
    [InlineData(502, StatusCode.Unavailable)]
    [InlineData(503, StatusCode.Unavailable)]
    [InlineData(504, StatusCode.Unavailable)]
    public void Transient_key_vault_answers_become_retryable_grpc_statuses(int status, StatusCode expected)
    {
        var exception = new KeyVaultException(status, "Busy", "Try later.", TimeSpan.FromSeconds(7));

        Assert.Null(ErrorTranslation.ToDetails(exception));
        var rpc = ErrorTranslation.ToTransientStatus(exception);
        Assert.Equal(expected, rpc.StatusCode);
        Assert.Equal(status == 429 ? "7000" : null, rpc.Trailers.GetValue("retry-after-ms"));
    }

    [Fact]
    public void Exhausted_retries_are_judged_by_the_last_attempt()
    {
        var timedOut = new AggregateException(new RequestFailedException("refused"), new TaskCanceledException("timeout"));
        var refused = new AggregateException(new TaskCanceledException("timeout"), new RequestFailedException("refused"));
        var bug = new AggregateException(new InvalidOperationException("bug"));

        Assert.True(ErrorTranslation.IsExhaustedRetries(timedOut));
        Assert.Equal(StatusCode.DeadlineExceeded, ErrorTranslation.ToTransientStatus(timedOut).StatusCode);
        Assert.Equal(StatusCode.Unavailable, ErrorTranslation.ToTransientStatus(refused).StatusCode);
        Assert.False(ErrorTranslation.IsExhaustedRetries(bug));
    }

    [Theory]
    [InlineData("https://contoso.vault.azure.net/", "https://vault.azure.net/.default")]
    [InlineData("https://contoso.vault.azure.cn/", "https://vault.azure.cn/.default")]
    [InlineData("https://contoso.vault.usgovcloudapi.net/", "https://vault.usgovcloudapi.net/.default")]
    [InlineData("https://contoso.managedhsm.azure.net/", "https://managedhsm.azure.net/.default")]
    [InlineData("http://127.0.0.1:5199/", "https://vault.azure.net/.default")]
    public void The_token_scope_follows_the_vaults_cloud(string vault, string scope) =>
        Assert.Equal(scope, KeyVaultCredentials.ScopeFor(new Uri(vault)));
}
