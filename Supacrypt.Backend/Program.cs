using Supacrypt.Backend.Grpc;
using Supacrypt.Backend.Health;
using Supacrypt.Backend.KeyVault;
using Supacrypt.Backend.Security;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddSupacryptSecurity();
builder.Services.AddKeyVaultKeys();
builder.Services.AddSupacryptGrpc();
builder.Services.AddSupacryptHealth();

var app = builder.Build();

app.UseAuthentication();
app.UseAuthorization();
app.MapSupacryptGrpc();
app.MapSupacryptHealth();
app.MapDefaultEndpoints();

app.Run();
