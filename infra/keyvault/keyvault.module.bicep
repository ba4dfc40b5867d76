// Supacrypt's key store: an Azure Key Vault in RBAC mode whose only data-plane user is the backend's identity.
// The AppHost names this file in its manifest (azure.bicep.v0); azd fills principalId, principalType and
// logAnalyticsWorkspaceId by convention when they are empty there.
@description('Azure region.')
param location string = resourceGroup().location

@description('Tags for every resource.')
param tags object = {}

@description('Object id of the identity that calls Key Vault (the backend).')
param principalId string

@description('Kind of that principal.')
@allowed([
  'ServicePrincipal'
  'User'
  'Group'
])
param principalType string

@description('true: Key Vault Crypto Officer (the backend may create and delete keys); false: Key Vault Crypto User (only use them).')
param allowKeyManagement bool

@description('standard: software-protected keys; premium: adds HSM-protected keys (KeyVault:KeyType=Hsm).')
@allowed([
  'standard'
  'premium'
])
param skuName string

@description('Whether the vault answers on its public endpoint (Disabled needs a private endpoint).')
@allowed([
  'Enabled'
  'Disabled'
])
param publicNetworkAccess string

@description('Resource id of the Log Analytics workspace that receives the vault\'s audit events.')
param logAnalyticsWorkspaceId string

@description('Subnet for the vault\'s private endpoint; empty: no private endpoint (the vault must then be public).')
param privateEndpointSubnetId string = ''

@description('Virtual network the privatelink.vaultcore.azure.net zone is linked to, so names resolve to the endpoint.')
param virtualNetworkId string = ''

var private = !empty(privateEndpointSubnetId)

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv${uniqueString(resourceGroup().id)}'
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: skuName
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: publicNetworkAccess
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: publicNetworkAccess == 'Enabled' ? 'Allow' : 'Deny'
    }
  }
}

// Exactly one of the two built-in roles, on this vault only:
// https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/security
resource cryptoOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (allowKeyManagement) {
  name: guid(vault.id, principalId, 'Key Vault Crypto Officer')
  scope: vault
  properties: {
    principalId: principalId
    principalType: principalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '14b46e9e-c2b7-41b4-b07b-48a6ebf60603')
  }
}

resource cryptoUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!allowKeyManagement) {
  name: guid(vault.id, principalId, 'Key Vault Crypto User')
  scope: vault
  properties: {
    principalId: principalId
    principalType: principalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '12338af0-0e69-4776-bea7-57ae8d297424')
  }
}

resource audit 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'audit-to-log-analytics'
  scope: vault
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      {
        categoryGroup: 'audit'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

// The vault's private address inside the virtual network, and the DNS zone that makes its name resolve there.
resource privateEndpoint 'Microsoft.Network/privateEndpoints@2024-05-01' = if (private) {
  name: 'pe-${vault.name}'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: privateEndpointSubnetId
    }
    privateLinkServiceConnections: [
      {
        name: 'vault'
        properties: {
          privateLinkServiceId: vault.id
          groupIds: [
            'vault'
          ]
        }
      }
    ]
  }
}

resource privateDnsZone 'Microsoft.Network/privateDnsZones@2024-06-01' = if (private) {
  name: 'privatelink.vaultcore.azure.net'
  location: 'global'
  tags: tags
}

resource privateDnsZoneLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = if (private) {
  parent: privateDnsZone
  name: 'vnet'
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: virtualNetworkId
    }
  }
}

resource privateDnsZoneGroup 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = if (private) {
  parent: privateEndpoint
  name: 'vault'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: 'privatelink-vaultcore-azure-net'
        properties: {
          privateDnsZoneId: privateDnsZone.id
        }
      }
    ]
  }
}

output vaultUri string = vault.properties.vaultUri
output name string = vault.name
