// The registry azd pushes the backend's image to. No admin user: the only way to pull is an Entra identity holding
// AcrPull on this registry, granted here, in provisioning, before any app exists.
@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object

@description('Name of the registry (alphanumeric).')
param name string

@description('Principal id of the identity that pulls images.')
param pullPrincipalId string

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Basic'
  }
  properties: {
    adminUserEnabled: false
  }
}

// AcrPull, a built-in role: https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/containers
resource acrPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, pullPrincipalId, 'AcrPull')
  scope: registry
  properties: {
    principalId: pullPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7f951dda-4ed3-4680-a7ca-43fe172d538d')
  }
}

output loginServer string = registry.properties.loginServer
output name string = registry.name
