// The backend's user-assigned identity: it pulls the image (AcrPull, see container-registry.bicep) and calls Key Vault
// (Crypto Officer or Crypto User, see ../keyvault/keyvault.module.bicep), and nothing else.
@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object

@description('Name of the identity.')
param name string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
