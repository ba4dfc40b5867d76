using Supacrypt.KeyVaultEmulator;

// The container's HEALTHCHECK: no shell or curl in the image, so the service probes itself.
if (HealthProbe.IsRequested(args))
{
    return await HealthProbe.RunAsync(args, Console.Out);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddKeyVaultEmulator();

var app = builder.Build();
app.UseKeyVaultEmulator();
app.MapDefaultEndpoints();
app.MapKeyVaultEmulator();
await app.RunAsync();
return 0;
