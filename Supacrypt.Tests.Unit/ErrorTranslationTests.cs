using Azure;
using Azure.Identity;
using Grpc.Core;
using Supacrypt.Backend.Pipeline;
using Supacrypt.Backend.KeyVault;
using Supacrypt.Backend.Keys;
using Supacrypt.V1;

namespace Supacrypt.Tests.Unit;

public sealed class ErrorTranslationTests
{
    [Fact]
    public void Every_domain_error_reaches_the_wire_as_the_contract_code_of_the_same_name()
    {
        foreach (var error in Enum.GetValues<KeyError>())
        {
            var details = ErrorTranslation.ToDetails(new KeyOperationException(error, "refused", "ProviderCode"));
            Assert.Equal(Enum.Parse<ErrorCode>(error.ToString()), details.Code);
            Assert.Equal("refused", details.Message);
            Assert.Equal("ProviderCode", details.ProviderError);
        }
    }

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
        var details = ErrorTranslation.ToDetails(new KeyVaultException(status, code, "Key Vault says no.", innerErrorCode: innerCode), "trace-1");

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

        Assert.Null(ErrorTranslation.ToDetails(exception, "trace-1"));
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
        Assert.Equal(StatusCode.DeadlineExceeded, ErrorTranslation.ToTransientStatus(timedOut, "trace-3").StatusCode);
        Assert.Equal(StatusCode.Unavailable, ErrorTranslation.ToTransientStatus(refused, "trace-3").StatusCode);
        Assert.False(ErrorTranslation.IsExhaustedRetries(bug));
    }

    // Key Vault's 401/403 text names the backend's tenant, object id and vault: it goes to the log, never to callers.
    [Theory]
    [InlineData(401, "Unauthorized", null)]
    [InlineData(403, "Forbidden", null)]
    [InlineData(403, "Forbidden", "KeyDisabled")]
    public void Key_vaults_own_text_for_401_and_403_stays_inside(int status, string code, string? innerCode)
    {
        const string Secret = "The user, group or application 'appid=1b2c;oid=9f8e;iss=https://sts.windows.net/72f988bf/' does not have keys sign permission on key vault 'contoso;location=westeurope'.";

        var details = ErrorTranslation.ToDetails(new KeyVaultException(status, code, Secret, innerErrorCode: innerCode), "4bf92f3577b34da6")!;

        Assert.DoesNotContain("oid=", details.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("contoso", details.Message, StringComparison.Ordinal);
        Assert.True(innerCode is not null || details.Message.Contains("4bf92f3577b34da6", StringComparison.Ordinal), details.Message);
    }

    [Fact]
    public void A_credential_failure_is_unavailable_and_says_no_token_was_obtained()
    {
        var status = ErrorTranslation.ToTransientStatus(
            new AuthenticationFailedException("ClientSecretCredential authentication failed: AADSTS7000222: the client secret keys are expired."), "trace-2");

        Assert.Equal(StatusCode.Unavailable, status.StatusCode);
        Assert.Contains("could not obtain a Key Vault token", status.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("AADSTS", status.Status.Detail, StringComparison.Ordinal);
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
