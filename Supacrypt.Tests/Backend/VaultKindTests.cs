using System.Net;
using System.Security.Cryptography;
using Supacrypt.Tests.Emulator;
using Supacrypt.Tests.Infrastructure;
using Supacrypt.V1;

namespace Supacrypt.Tests.Backend;

/// <summary>
/// A backend and an emulator configured as a Managed HSM with purge protection: exponent 3 is honoured there, and
/// a forced delete is refused before anything is deleted. (The shared fixture plays a standard vault.)
/// </summary>
public sealed class ManagedHsmBackend : IAsyncLifetime
{
    public EmulatorFixture Emulator { get; } = EmulatorFixture.WithSettings(new Dictionary<string, string?>
    {
        ["Emulator:RequireAuthentication"] = "false",
        ["Emulator:VaultKind"] = "ManagedHsm",
        ["Emulator:PurgeProtection"] = "true",
    });

    public StartedBackend Backend { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Emulator.InitializeAsync();
        Backend = StartedBackend.Start(Emulator.VaultUri, settings =>
        {
            settings["KeyVault:VaultKind"] = "ManagedHsm";
            settings["KeyVault:KeyType"] = "Hsm";
        });
    }

    public async Task DisposeAsync()
    {
        await Backend.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}

public sealed class VaultKindTests(ManagedHsmBackend hsm) : IClassFixture<ManagedHsmBackend>
{
    [Fact]
    public async Task A_managed_hsm_creates_an_rsa_key_with_exponent_three()
    {
        var key = await hsm.Backend.Client.CreateAsync(ContractKeys.Rsa(KeyNames.Unique("hsm-e3"), RSAKeySize._2048, exponent: 3));

        using var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(key.PublicKey.KeyData.Span, out _);
        Assert.Equal([3], rsa.ExportParameters(false).Exponent);
        Assert.Equal(3u, key.Metadata.Parameters.RsaParams.PublicExponent);
    }

    [Fact]
    public async Task Delete_with_force_under_purge_protection_is_refused_and_deletes_nothing()
    {
        var created = await hsm.Backend.Client.CreateAsync(ContractKeys.Ec(KeyNames.Unique("protected"), ECCCurve.P256));

        var refused = await hsm.Backend.Client.DeleteKeyAsync(new DeleteKeyRequest { KeyId = created.Metadata.Name, Force = true });
        var stillThere = await hsm.Backend.Client.GetKeyAsync(new GetKeyRequest { KeyId = created.Metadata.Name });

        Assert.Equal(ErrorCode.OperationNotSupported, refused.Error.Code);
        Assert.Contains("purge protection", refused.Error.Message, StringComparison.Ordinal);
        Assert.Equal("false", refused.Error.Context["deleted"]);
        Assert.Equal(GetKeyResponse.ResultOneofCase.Success, stillThere.ResultCase);
    }

    [Fact]
    public async Task The_emulator_as_managed_hsm_refuses_software_key_types_and_reports_purge_protection()
    {
        using var vault = new VaultClient(hsm.Emulator.CreateClient());
        var name = VaultClient.NewName();

        (await vault.PostAsync($"keys/{name}/create", new { kty = "EC" })).AssertError(HttpStatusCode.BadRequest, "BadParameter");
        var created = await vault.CreateKeyAsync(name, new { kty = "EC-HSM" });
        await vault.SendAsync(HttpMethod.Delete, $"keys/{name}");

        Assert.Equal("Recoverable", created["attributes"]!["recoveryLevel"]!.GetValue<string>());
        (await vault.SendAsync(HttpMethod.Delete, $"deletedkeys/{name}")).AssertError(HttpStatusCode.Forbidden, "Forbidden");
    }
}
