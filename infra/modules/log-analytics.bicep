// Where the environment's console logs, Key Vault's audit events and (optionally) Application Insights land.
@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object

@description('Name of the workspace.')
param name string

@description('Create a workspace-based Application Insights component for traces, logs and metrics.')
param enableApplicationInsights bool

@description('Days the workspace keeps data.')
@minValue(30)
@maxValue(730)
param retentionInDays int = 30

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = if (enableApplicationInsights) {
  name: 'appi-${name}'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: false
  }
}

output workspaceId string = workspace.id
output workspaceName string = workspace.name
output workspaceCustomerId string = workspace.properties.customerId
output applicationInsightsName string = enableApplicationInsights ? applicationInsights.name : ''
