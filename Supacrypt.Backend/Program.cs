using Supacrypt.Backend.Grpc;
using Supacrypt.Backend.KeyVault;
using Supacrypt.Backend.Security;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddSupacryptSecurity();
builder.Services.AddKeyVaultKeys();
builder.Services.AddSupacryptGrpc();

var app = builder.Build();

app.UseSupacryptSecurity();
app.MapSupacryptGrpc();
app.MapDefaultEndpoints();

app.Run();
