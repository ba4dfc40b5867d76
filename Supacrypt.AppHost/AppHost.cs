var builder = DistributedApplication.CreateBuilder(args);

var keyvault = builder.AddProject<Projects.Supacrypt_KeyVaultEmulator>("keyvault");

builder.AddProject<Projects.Supacrypt_Backend>("backend")
    .WithReference(keyvault)
    .WaitFor(keyvault);

builder.Build().Run();
