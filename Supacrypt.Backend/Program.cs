using Supacrypt.Backend.Grpc;
using Supacrypt.Backend.KeyVault;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddKeyVaultKeys();
builder.Services.AddSupacryptGrpc();

var app = builder.Build();

app.MapGrpcService<SupacryptGrpcService>();
app.MapDefaultEndpoints();

app.Run();
