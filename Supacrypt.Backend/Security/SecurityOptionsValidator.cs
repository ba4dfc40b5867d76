using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Supacrypt.Backend.Security;

/// <summary>Refuses to start without working mutual TLS, unless a developer explicitly switched it off.</summary>
internal sealed class SecurityOptionsValidator(IHostEnvironment environment, IConfiguration configuration) : IValidateOptions<SecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        if (options.Mode == TransportSecurity.Insecure)
        {
            return environment.IsDevelopment()
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(
                    $"Security:Mode=Insecure serves the crypto API without TLS or client identity; it is allowed only in the Development environment (this is '{environment.EnvironmentName}'). " +
                    "Configure Security:ServerCertificatePath, Security:ServerCertificateKeyPath and Security:ClientCertificateAuthorityPath instead.");
        }

        var failures = new List<string>();
        var grpcUrl = configuration["Kestrel:Endpoints:grpc:Url"];
        if (grpcUrl is not null && !grpcUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"Security:Mode=MutualTls needs the grpc endpoint on https://, but Kestrel:Endpoints:grpc:Url is '{grpcUrl}'.");
        }

        try
        {
            using var server = ServerCertificate.Load(options);
            foreach (var authority in ServerCertificate.LoadAuthorities(options))
            {
                authority.Dispose();
            }
        }
        catch (Exception exception) when (exception is InvalidOperationException or IOException or CryptographicException or UnauthorizedAccessException)
        {
            failures.Add(exception.Message);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
