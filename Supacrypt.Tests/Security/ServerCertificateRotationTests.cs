using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Supacrypt.Tests.Infrastructure;
using Supacrypt.Tests.Interop;

namespace Supacrypt.Tests.Security;

[Collection(BackendTests.Name)]
public sealed class ServerCertificateRotationTests(BackendFixture fixture)
{
    [Fact]
    public async Task A_server_certificate_replaced_on_disk_is_served_to_the_next_connection()
    {
        using var directory = new TempDirectory();
        var certificatePath = directory.File("server.crt");
        var keyPath = directory.File("server.key");
        File.Copy(TestCertificates.Shared.ServerCertificatePath, certificatePath);
        File.Copy(TestCertificates.Shared.ServerKeyPath, keyPath);
        await using var backend = SecuredBackend.Start(fixture.Emulator.VaultUri, settings =>
        {
            settings["Security:ServerCertificatePath"] = certificatePath;
            settings["Security:ServerCertificateKeyPath"] = keyPath;
            settings["Security:FileCheckInterval"] = "00:00:00.100";
        });
        var before = await PresentedThumbprintAsync(backend.GrpcUri);

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var replacement = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        await File.WriteAllTextAsync(keyPath + ".new", key.ExportPkcs8PrivateKeyPem());
        await File.WriteAllTextAsync(certificatePath + ".new", replacement.ExportCertificatePem());
        File.Move(keyPath + ".new", keyPath, overwrite: true);
        File.Move(certificatePath + ".new", certificatePath, overwrite: true);

        using var original = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(TestCertificates.Shared.ServerCertificatePath));
        Assert.Equal(original.Thumbprint, before);
        await Eventually.HoldsAsync(async () => await PresentedThumbprintAsync(backend.GrpcUri) == replacement.Thumbprint, "Serving the replaced server certificate");
    }

    private static async Task<string?> PresentedThumbprintAsync(Uri address)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        string? thumbprint = null;
        await using var tls = new SslStream(tcp.GetStream(), false, (_, certificate, _, _) =>
        {
            // Only which certificate is served matters here, not whom it names.
            thumbprint = certificate?.GetCertHashString();
            return certificate is not null;
        });
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            ApplicationProtocols = [SslApplicationProtocol.Http2],
        });
        return thumbprint;
    }
}
