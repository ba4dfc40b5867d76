// The Container Apps environment, inside our virtual network: its Envoy ingress ends TLS, checks that a client
// certificate was presented and forwards it to the backend in X-Forwarded-Client-Cert.
@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object

@description('Name of the environment.')
param name string

@description('Name of the Log Analytics workspace that receives console and system logs.')
param logAnalyticsWorkspaceName string

@description('Resource id of the delegated infrastructure subnet.')
param infrastructureSubnetId string

@description('Only the virtual network can reach the environment (no public ingress address).')
param internal bool

@description('Name of the Application Insights component the managed OpenTelemetry agent exports traces and logs to; empty for none.')
param applicationInsightsName string

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: logAnalyticsWorkspaceName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = if (!empty(applicationInsightsName)) {
  name: applicationInsightsName
}

var exportsToApplicationInsights = !empty(applicationInsightsName)

resource environment 'Microsoft.App/managedEnvironments@2024-10-02-preview' = {
  name: name
  location: location
  tags: tags
  properties: {
    vnetConfiguration: {
      infrastructureSubnetId: infrastructureSubnetId
      internal: internal
    }
    workloadProfiles: [
      {
        name: 'Consumption'
        workloadProfileType: 'Consumption'
      }
    ]
    zoneRedundant: false
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: workspace.properties.customerId
        sharedKey: workspace.listKeys().primarySharedKey
      }
    }
    // The managed agent injects OTEL_EXPORTER_OTLP_ENDPOINT into every app and forwards what they send.
    appInsightsConfiguration: exportsToApplicationInsights
      ? {
          connectionString: applicationInsights!.properties.ConnectionString
        }
      : null
    openTelemetryConfiguration: exportsToApplicationInsights
      ? {
          tracesConfiguration: {
            destinations: [
              'appInsights'
            ]
          }
          logsConfiguration: {
            destinations: [
              'appInsights'
            ]
          }
        }
      : null
  }
}

output id string = environment.id
output name string = environment.name
output defaultDomain string = environment.properties.defaultDomain
