// Supacrypt on Azure Container Apps, in the layout `azd infra synth` writes for the AppHost (resource group,
// one module per Azure resource, the outputs azd reads by name), hardened: a virtual network around the
// environment, a registry without admin user, one least-privilege identity, Key Vault with purge protection.
// The backend's container app itself is ../Supacrypt.AppHost/infra/backend/backend.module.bicep, deployed by azd
// after this template has run, with these outputs.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; the resource group is rg-<name>.')
param environmentName string

@minLength(1)
@description('Azure region for every resource.')
param location string

@description('true: the backend\'s identity is Key Vault Crypto Officer (GenerateKey, DeleteKey work); false: Key Vault Crypto User (only existing keys are used).')
param allowKeyManagement bool = true

@description('Key Vault SKU: premium adds HSM-protected keys (the backend then creates keys with KeyVault:KeyType=Hsm).')
@allowed([
  'standard'
  'premium'
])
param keyVaultSku string = 'standard'

@description('Whether Key Vault also answers on its public endpoint. Disabled (default): only through its private endpoint in the virtual network; Enabled opens it for a quick start.')
@allowed([
  'Enabled'
  'Disabled'
])
param keyVaultPublicNetworkAccess string = 'Disabled'

@description('true: the environment has a public address; false: it is internal, reachable only from the virtual network.')
param backendExternal bool = true

@description('Create Application Insights: the environment\'s managed OpenTelemetry agent sends it traces and logs, and the backend exports metrics (and traces and logs) to it with APPLICATIONINSIGHTS_CONNECTION_STRING; otherwise only console logs reach Log Analytics.')
param enableApplicationInsights bool = true

@description('Address space of the virtual network.')
param virtualNetworkAddressPrefix string = '10.40.0.0/16'

@description('Address range of the Container Apps infrastructure subnet.')
param infrastructureSubnetPrefix string = '10.40.0.0/23'

@description('Address range of the subnet for private endpoints (Key Vault).')
param privateEndpointSubnetPrefix string = '10.40.2.0/27'

var tags = {
  'azd-env-name': environmentName
}
var resourceToken = uniqueString(subscription().id, environmentName, location)

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module logAnalytics 'modules/log-analytics.bicep' = {
  name: 'log-analytics'
  scope: rg
  params: {
    location: location
    tags: tags
    name: 'law-${resourceToken}'
    enableApplicationInsights: enableApplicationInsights
  }
}

module network 'modules/network.bicep' = {
  name: 'network'
  scope: rg
  params: {
    location: location
    tags: tags
    name: 'vnet-${resourceToken}'
    addressPrefix: virtualNetworkAddressPrefix
    infrastructureSubnetPrefix: infrastructureSubnetPrefix
    privateEndpointSubnetPrefix: privateEndpointSubnetPrefix
  }
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    location: location
    tags: tags
    name: 'id-backend-${resourceToken}'
  }
}

module registry 'modules/container-registry.bicep' = {
  name: 'container-registry'
  scope: rg
  params: {
    location: location
    tags: tags
    name: 'cr${resourceToken}'
    pullPrincipalId: identity.outputs.principalId
  }
}

module environment 'modules/container-apps-environment.bicep' = {
  name: 'container-apps-environment'
  scope: rg
  params: {
    location: location
    tags: tags
    name: 'cae-${resourceToken}'
    logAnalyticsWorkspaceName: logAnalytics.outputs.workspaceName
    infrastructureSubnetId: network.outputs.infrastructureSubnetId
    internal: !backendExternal
    applicationInsightsName: logAnalytics.outputs.applicationInsightsName
  }
}

// The AppHost's "keyvault" resource (azure.bicep.v0): azd names the module after the resource and fills
// principalId, principalType and logAnalyticsWorkspaceId by convention.
module keyvault 'keyvault/keyvault.module.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    location: location
    tags: tags
    principalId: identity.outputs.principalId
    principalType: 'ServicePrincipal'
    allowKeyManagement: allowKeyManagement
    skuName: keyVaultSku
    publicNetworkAccess: keyVaultPublicNetworkAccess
    logAnalyticsWorkspaceId: logAnalytics.outputs.workspaceId
    privateEndpointSubnetId: network.outputs.privateEndpointSubnetId
    virtualNetworkId: network.outputs.id
  }
}

// Names azd reads: MANAGED_IDENTITY_*, AZURE_CONTAINER_*; <RESOURCE>_<OUTPUT> for the AppHost's Bicep resources.
output MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output MANAGED_IDENTITY_NAME string = identity.outputs.name
output AZURE_LOG_ANALYTICS_WORKSPACE_NAME string = logAnalytics.outputs.workspaceName
output AZURE_CONTAINER_REGISTRY_ENDPOINT string = registry.outputs.loginServer
output AZURE_CONTAINER_REGISTRY_NAME string = registry.outputs.name
// The pull identity, read by the app's deployment: azd deploys only after this template, AcrPull included, succeeded.
output AZURE_CONTAINER_REGISTRY_MANAGED_IDENTITY_ID string = identity.outputs.id
output AZURE_CONTAINER_APPS_ENVIRONMENT_NAME string = environment.outputs.name
output AZURE_CONTAINER_APPS_ENVIRONMENT_ID string = environment.outputs.id
output AZURE_CONTAINER_APPS_ENVIRONMENT_DEFAULT_DOMAIN string = environment.outputs.defaultDomain
output AZURE_CONTAINER_APPS_INFRASTRUCTURE_SUBNET_PREFIX string = network.outputs.infrastructureSubnetPrefix
output KEYVAULT_VAULTURI string = keyvault.outputs.vaultUri
output KEYVAULT_NAME string = keyvault.outputs.name
// The backend's deployment reads the component's connection string itself (a secret, so not an output).
output APPLICATIONINSIGHTS_NAME string = logAnalytics.outputs.applicationInsightsName
output SUPACRYPT_KEY_TYPE string = keyVaultSku == 'premium' ? 'Hsm' : 'Software'
