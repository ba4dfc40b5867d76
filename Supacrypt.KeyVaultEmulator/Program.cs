using Supacrypt.KeyVaultEmulator;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddKeyVaultEmulator();

var app = builder.Build();
app.UseKeyVaultEmulator();
app.MapDefaultEndpoints();
app.MapKeyVaultEmulator();
app.Run();
