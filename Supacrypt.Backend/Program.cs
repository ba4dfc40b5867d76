using Supacrypt.Backend.Grpc;
using Supacrypt.Backend.KeyVault;
using Supacrypt.Backend.Security;
using Supacrypt.Backend.Shutdown;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddSupacryptSecurity();
builder.Services.AddKeyVaultKeys();
builder.Services.AddSupacryptGrpc();
builder.Services.AddGracefulShutdown(builder.Configuration);

var app = builder.Build();

app.UseAuthentication();
app.UseAuthorization();
app.MapSupacryptGrpc();
app.MapDefaultEndpoints();

app.Run();
