using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Supacrypt.Backend.KeyVault;

namespace Supacrypt.Tests.Unit;

/// <summary>
/// The internal validator and configure step, reached the way the host reaches them: through
/// <see cref="KeyVaultServiceCollectionExtensions.AddKeyVaultKeys"/> and the options interfaces.
/// </summary>
public sealed class KeyVaultOptionsTests
{
    [Fact]
    public void Valid_settings_pass()
    {
        Assert.Empty(Failures(Options("https://myvault.vault.azure.net/"), Environments.Production));
        Assert.Empty(Failures(Options("https://myvault.vault.azure.net/", KeyVaultCredentialKind.ManagedIdentity), Environments.Production));
        Assert.Empty(Failures(Options("http://127.0.0.1:5123/", KeyVaultCredentialKind.None), Environments.Development));
    }

    [Fact]
    public void A_missing_vault_uri_is_refused_with_the_settings_to_use()
    {
        var failure = Assert.Single(Failures(new KeyVaultOptions(), Environments.Production));

        Assert.Contains("ConnectionStrings:keyvault", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://myvault.vault.azure.net/")]
    [InlineData("http://10.0.0.5:8080/")]
    [InlineData("ftp://myvault.vault.azure.net/")]
    public void A_non_https_vault_off_loopback_is_refused(string uri)
    {
        var failure = Assert.Single(Failures(Options(uri), Environments.Development));

        Assert.Contains("https", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5123/")]
    [InlineData("http://localhost:5123/")]
    [InlineData("http://[::1]:5123/")]
    public void Plain_http_is_allowed_on_loopback(string uri) =>
        Assert.Empty(Failures(Options(uri), Environments.Production));

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void No_credential_outside_development_is_refused_for_a_remote_vault(string environment)
    {
        var failure = Assert.Single(Failures(Options("https://myvault.vault.azure.net/", KeyVaultCredentialKind.None), environment));

        Assert.Contains("Credential=None", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void No_credential_is_allowed_in_development_or_for_a_loopback_vault()
    {
        Assert.Empty(Failures(Options("https://myvault.vault.azure.net/", KeyVaultCredentialKind.None), Environments.Development));
        Assert.Empty(Failures(Options("http://127.0.0.1:5123/", KeyVaultCredentialKind.None), Environments.Production));
        Assert.Empty(Failures(Options("https://localhost:5123/", KeyVaultCredentialKind.None), Environments.Production));
    }

    [Theory]
    [InlineData(null, "client", "secret")]
    [InlineData("tenant", " ", "secret")]
    [InlineData("tenant", "client", "")]
    [InlineData(null, null, null)]
    public void A_client_secret_credential_needs_tenant_client_and_secret(string? tenant, string? client, string? secret)
    {
        var options = Options("https://myvault.vault.azure.net/", KeyVaultCredentialKind.ClientSecret);
        options.TenantId = tenant;
        options.ClientId = client;
        options.ClientSecret = secret;

        var failure = Assert.Single(Failures(options, Environments.Production));

        Assert.Contains("KeyVault:TenantId", failure, StringComparison.Ordinal);
        options.TenantId = options.ClientId = options.ClientSecret = "x";
        Assert.Empty(Failures(options, Environments.Production));
    }

    [Theory]
    [InlineData("7.5", true)]
    [InlineData("7.6", true)]
    [InlineData("7.4", false)]
    [InlineData("7.0", false)]
    [InlineData("7", false)]
    [InlineData("", false)]
    [InlineData("latest", false)]
    public void The_api_version_must_be_7_5_or_newer(string apiVersion, bool accepted)
    {
        var options = Options("https://myvault.vault.azure.net/");
        options.ApiVersion = apiVersion;

        var failures = Failures(options, Environments.Production);

        Assert.Equal(accepted, failures.Count == 0);
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(10, true)]
    [InlineData(11, false)]
    public void Max_retries_is_between_0_and_10(int maxRetries, bool accepted)
    {
        var options = Options("https://myvault.vault.azure.net/");
        options.MaxRetries = maxRetries;

        Assert.Equal(accepted, Failures(options, Environments.Production).Count == 0);
    }

    [Fact]
    public void Timeouts_and_durations_must_not_be_negative()
    {
        var options = Options("https://myvault.vault.azure.net/");
        options.NetworkTimeout = TimeSpan.Zero;
        Assert.Single(Failures(options, Environments.Production));

        options = Options("https://myvault.vault.azure.net/");
        options.RetryDelay = TimeSpan.FromSeconds(-1);
        Assert.Single(Failures(options, Environments.Production));

        options = Options("https://myvault.vault.azure.net/");
        options.LatestVersionCacheDuration = TimeSpan.FromSeconds(-1);
        Assert.Single(Failures(options, Environments.Production));

        options.LatestVersionCacheDuration = TimeSpan.Zero;
        Assert.Empty(Failures(options, Environments.Production));
    }

    [Fact]
    public void Every_failure_is_reported_at_once()
    {
        var options = Options("http://myvault.vault.azure.net/", KeyVaultCredentialKind.None);
        options.ApiVersion = "7.4";
        options.MaxRetries = 99;

        Assert.Equal(4, Failures(options, Environments.Production).Count);
    }

    [Fact]
    public void The_aspire_connection_string_names_the_vault_and_wins_over_the_section()
    {
        using var services = Services(Environments.Production, new()
        {
            ["KeyVault:VaultUri"] = "https://section.vault.azure.net/",
            ["ConnectionStrings:keyvault"] = " https://aspire.vault.azure.net/ ",
            ["KeyVault:MaxRetries"] = "4",
            ["KeyVault:Credential"] = "WorkloadIdentity",
            ["KeyVault:KeyType"] = "Hsm",
            ["KeyVault:LatestVersionCacheDuration"] = "00:00:05",
        });

        var options = services.GetRequiredService<IOptions<KeyVaultOptions>>().Value;

        Assert.Equal(new Uri("https://aspire.vault.azure.net/"), options.VaultUri);
        Assert.Equal(4, options.MaxRetries);
        Assert.Equal(KeyVaultCredentialKind.WorkloadIdentity, options.Credential);
        Assert.Equal(KeyVaultKeyType.Hsm, options.KeyType);
        Assert.Equal(TimeSpan.FromSeconds(5), options.LatestVersionCacheDuration);
    }

    [Fact]
    public void The_section_names_the_vault_without_a_connection_string()
    {
        using var services = Services(Environments.Production, new() { ["KeyVault:VaultUri"] = "https://section.vault.azure.net/" });

        Assert.Equal(new Uri("https://section.vault.azure.net/"), services.GetRequiredService<IOptions<KeyVaultOptions>>().Value.VaultUri);
    }

    [Fact]
    public void A_connection_string_that_is_not_an_absolute_uri_fails_with_a_clear_message()
    {
        using var services = Services(Environments.Production, new() { ["ConnectionStrings:keyvault"] = "myvault.vault.azure.net" });

        var exception = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<KeyVaultOptions>>().Value);

        Assert.Contains("ConnectionStrings:keyvault", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_bound_settings_fail_when_the_options_are_read()
    {
        using var services = Services(Environments.Production, new()
        {
            ["ConnectionStrings:keyvault"] = "https://myvault.vault.azure.net/",
            ["KeyVault:Credential"] = "None",
        });

        var exception = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<KeyVaultOptions>>().Value);

        Assert.Contains("Credential=None", exception.Message, StringComparison.Ordinal);
    }

    private static KeyVaultOptions Options(string uri, KeyVaultCredentialKind credential = KeyVaultCredentialKind.Default) =>
        new() { VaultUri = new Uri(uri), Credential = credential };

    private static List<string> Failures(KeyVaultOptions options, string environment)
    {
        using var services = Services(environment, []);
        var result = Assert.Single(services.GetServices<IValidateOptions<KeyVaultOptions>>()).Validate(Microsoft.Extensions.Options.Options.DefaultName, options);
        Assert.False(result.Skipped);
        return result.Failed ? [.. result.Failures] : [];
    }

    private static ServiceProvider Services(string environment, Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IHostEnvironment>(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment
        {
            EnvironmentName = environment,
            ApplicationName = "Supacrypt.Backend",
            ContentRootPath = AppContext.BaseDirectory,
            ContentRootFileProvider = new NullFileProvider(),
        });
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddKeyVaultKeys();
        return services.BuildServiceProvider();
    }
}
