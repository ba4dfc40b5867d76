using Supacrypt.Backend.Grpc;
using Supacrypt.Backend.Health;
using Supacrypt.Backend.KeyVault;
using Supacrypt.Backend.Security;
using Supacrypt.Backend.Shutdown;

// The container's HEALTHCHECK: no shell or curl in the image, so the service probes itself.
if (HealthProbe.IsRequested(args))
{
    return await HealthProbe.RunAsync(args, Console.Out);
}

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddSupacryptSecurity();
builder.Services.AddKeyVaultKeys();
builder.Services.AddSupacryptGrpc();
builder.Services.AddSupacryptHealth();
builder.Services.AddGracefulShutdown(builder.Configuration);

var app = builder.Build();

app.UseSupacryptSecurity();
app.MapSupacryptGrpc();
app.MapSupacryptHealth();
app.MapDefaultEndpoints();

await app.RunAsync();
return 0;
