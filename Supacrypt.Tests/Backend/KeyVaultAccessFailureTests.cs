using Azure.Core;
using Azure.Identity;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Supacrypt.Tests.Infrastructure;
using Supacrypt.V1;

namespace Supacrypt.Tests.Backend;

/// <summary>When the backend cannot get a token, or Key Vault refuses its identity, callers learn that much and no more.</summary>
[Collection(BackendTests.Name)]
public sealed class KeyVaultAccessFailureTests(BackendFixture fixture) : IAsyncLifetime
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_credential_that_cannot_get_a_token_is_unavailable_not_internal(bool unavailable)
    {
        var credential = new FailingCredential(unavailable
            ? new CredentialUnavailableException("ManagedIdentityCredential authentication unavailable. No response from the managed identity endpoint.")
            : new AuthenticationFailedException("ClientSecretCredential authentication failed: AADSTS7000222: The provided client secret keys are expired."));
        // https, so the bearer-token policy asks the credential; the closed loopback port is never reached.
        var vault = new Uri($"https://127.0.0.1:{BackendFixture.FreePort()}/");
        await using var backend = StartedBackend.Start(
            vault, settings => settings["KeyVault:Credential"] = "Default", services: services => services.AddSingleton<TokenCredential>(credential));

        var failure = await Assert.ThrowsAsync<RpcException>(() => backend.Client.GetKeyAsync(new GetKeyRequest { KeyId = "any-key" }).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, failure.StatusCode);
        Assert.Contains("could not obtain a Key Vault token", failure.Status.Detail, StringComparison.Ordinal);
        Assert.True(credential.Calls > 0);
    }

    [Theory]
    [InlineData(401, ErrorCode.AuthenticationFailed)]
    [InlineData(403, ErrorCode.AuthorizationFailed)]
    public async Task Key_vaults_text_about_the_backends_identity_reaches_no_caller(int status, ErrorCode expected)
    {
        await fixture.Emulator.InjectFaultAsync(status, count: 1, operation: "get");

        var response = await fixture.Client.GetKeyAsync(new GetKeyRequest { KeyId = KeyNames.Unique("identity") });

        Assert.Equal(expected, response.Error.Code);
        Assert.DoesNotContain("injected fault", response.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("oid=", response.Error.Message, StringComparison.Ordinal);
        Assert.True(response.Error.Context.TryGetValue("trace_id", out var traceId));
        Assert.Contains(traceId, response.Error.Message, StringComparison.Ordinal);
    }

    public Task InitializeAsync() => fixture.Emulator.ClearFaultsAsync();

    public Task DisposeAsync() => fixture.Emulator.ClearFaultsAsync();

    /// <summary>A credential failing as Azure.Identity's do when an identity endpoint is down or a secret expired.</summary>
    private sealed class FailingCredential(AuthenticationFailedException failure) : TokenCredential
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            throw failure;
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            throw failure;
        }
    }
}
