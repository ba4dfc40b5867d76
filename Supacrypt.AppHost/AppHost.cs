using Microsoft.Extensions.Configuration;
using Supacrypt.AppHost;

var builder = DistributedApplication.CreateBuilder(args);

// keyvault ── where the keys live, spoken to over the Key Vault keys REST API.
//   run:     Supacrypt.KeyVaultEmulator, a development and test double; no Azure subscription needed.
//   publish: an Azure Key Vault created by infra/keyvault/keyvault.module.bicep (azd); its output vaultUri is the
//            connection string "keyvault". Supacrypt:AllowKeyManagement=false grants the backend Crypto User only.
var keyvault = builder.ExecutionContext.IsRunMode
    ? builder.AddKeyVaultEmulator<Projects.Supacrypt_KeyVaultEmulator>("keyvault")
    : builder.AddAzureKeyVault("keyvault");

// backend ── supacrypt.v1 over gRPC on "grpc" (HTTP/2 only); probes on "http" (HTTP/1.1, never the crypto API).
// Both endpoints are declared in the Kestrel section of the backend's appsettings.json; this pins what they must be.
var backend = builder.AddProject<Projects.Supacrypt_Backend>("backend")
    .WithEndpoint("grpc", grpc => grpc.Transport = "http2")
    .WithEndpoint("http", http => http.Transport = "http")
    .WithoutDefaultHttpsEndpoint()
    .WithHttpHealthCheck("/health/ready", endpointName: "http")
    .WithReference(keyvault)
    .WaitFor(keyvault.Resource)
    // Deployment tools build the repository's hardened image (root Dockerfile, context = repository root).
    .PublishAsDockerFile(container => container.WithDockerfile(".."));

if (builder.ExecutionContext.IsRunMode)
{
    // The emulator on loopback needs no token; the backend refuses Credential=None anywhere else.
    backend.WithEnvironment("KeyVault__Credential", "None");

    // Mutual TLS with the development PKI (created once under .supacrypt/dev-pki/), as deployments run it.
    // Supacrypt:Insecure=true keeps plaintext h2c without client certificates, which the backend allows in Development only.
    if (builder.Configuration.GetValue<bool>("Supacrypt:Insecure"))
    {
        backend.WithEnvironment("Security__Mode", "Insecure");
    }
    else
    {
        backend.WithDevelopmentMutualTls(builder.AppHostDirectory);
    }

    // appsettings.json binds every interface, as containers need; a laptop serves only itself.
    backend.WithKestrelEndpointsOnLoopback("grpc", "http");
}
else
{
    // azd deploys it as an Azure Container App behind the environment's mutual-TLS ingress.
    backend.PublishAsAzureContainerApp("infra/backend/backend.module.bicep", keyvault);
}

// sample ── samples/Supacrypt.Sample.Api, a consumer that signs through Supacrypt.Client with the development PKI's
// signer certificate. Opt-in with Supacrypt:SampleConsumer=true.
if (builder.ExecutionContext.IsRunMode && builder.Configuration.GetValue<bool>("Supacrypt:SampleConsumer"))
{
    builder.AddProject<Projects.Supacrypt_Sample_Api>("sample")
        .WithReference(backend)
        .WaitFor(backend)
        .WithSupacryptClientCertificate()
        .WithHttpHealthCheck("/health");
}

// otel-collector ── routes telemetry as deployments do. Opt-in with Supacrypt:OtelCollector=true: it is a container,
// and a single container resource stops the whole application where no container runtime runs.
if (builder.Configuration.GetValue<bool>("Supacrypt:OtelCollector"))
{
    var collector = builder.AddOpenTelemetryCollector("otel-collector", configFile: "../otel-collector-config.yaml");

    backend.WithOtlpExporterTo(collector);
    keyvault.Emulator?.WithOtlpExporterTo(collector);
}

builder.Build().Run();
