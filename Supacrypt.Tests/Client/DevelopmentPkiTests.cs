using Supacrypt.Client;
using Supacrypt.Tests.Cli;

namespace Supacrypt.Tests.Client;

public sealed class DevelopmentPkiTests
{
    [Fact]
    public void Find_walks_up_from_a_nested_directory_to_the_repository_root()
    {
        using var repository = DevelopmentPkiRepository.Create();

        var pki = DevelopmentPki.Find(repository.Subdirectory);

        Assert.NotNull(pki);
        var connection = pki.Connection();
        Assert.Equal(new Uri("https://localhost:5000"), connection.Endpoint);
        Assert.Equal(Path.Combine(repository.PkiDirectory, "admin.crt"), connection.CertificatePath);
        Assert.Equal(Path.Combine(repository.PkiDirectory, "admin.key"), connection.KeyPath);
        Assert.Equal(Path.Combine(repository.PkiDirectory, "ca.crt"), connection.CertificateAuthorityPath);
    }

    [Fact]
    public void Find_does_not_look_past_the_repository_root()
    {
        using var outer = DevelopmentPkiRepository.Create();
        var inner = Directory.CreateDirectory(Path.Combine(outer.Subdirectory, "nested-repository", "src"));
        Directory.CreateDirectory(Path.Combine(inner.Parent!.FullName, ".git"));

        Assert.Null(DevelopmentPki.Find(inner.FullName));
    }

    [Fact]
    public void A_plaintext_endpoint_with_certificates_is_refused()
    {
        var options = new SupacryptConnectionOptions { Endpoint = new Uri("http://localhost:5000"), CertificatePath = "client.crt" };

        var refusal = Assert.Throws<SupacryptConnectionException>(() => SupacryptChannel.CreateHandler(options));

        Assert.Contains("https://", refusal.Message, StringComparison.Ordinal);
    }
}
