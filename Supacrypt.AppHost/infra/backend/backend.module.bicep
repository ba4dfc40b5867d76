// The backend's container app. azd deploys it after provisioning (the AppHost's manifest names this file as the
// backend's deployment) with the values in backend.tmpl.bicepparam, most of them outputs of ../../../infra/main.bicep.
//
// Callers reach it only through the environment's Envoy ingress, which ends TLS, insists on a client certificate
// (clientCertificateMode) and forwards it in X-Forwarded-Client-Cert over HTTP/2 without TLS (h2c) to port 5000.
// The backend believes that header only from the infrastructure subnet the ingress lives in, and validates the
// certificate against the client CA itself: the ingress accepts any certificate, even self-signed ones.
import { authorizationEnvironment } from 'authorized-clients.bicep'

@description('Azure region: the resource group\'s, where provisioning put the environment.')
param location string = resourceGroup().location

@description('Tags for every resource.')
param tags object = {}

@description('Name of the container app.')
param name string = 'backend'

@description('Image azd built and pushed.')
param containerImage string

@description('Resource id of the Container Apps environment.')
param containerAppsEnvironmentId string

@description('Login server of the registry the image comes from.')
param registryEndpoint string

@description('Resource id of the user-assigned identity: pulls the image (AcrPull) and calls Key Vault.')
param identityId string

@description('Client id of that identity (KeyVault:ManagedIdentityClientId).')
param identityClientId string

@description('Vault URI, the keyvault module\'s output (ConnectionStrings:keyvault).')
param keyVaultUri string

@description('Key type GenerateKey creates: Software, or Hsm on a premium vault.')
@allowed([
  'Software'
  'Hsm'
])
param keyType string

@description('Address range of the environment\'s infrastructure subnet: the only source of a believed X-Forwarded-Client-Cert.')
param trustedIngressNetwork string

@description('true: callers outside the environment reach it (from the internet, or only from the virtual network when the environment is internal); false: only other apps in the environment.')
param external bool = true

@description('require: the ingress refuses callers without a certificate; accept: lets them through to be refused by the backend.')
@allowed([
  'require'
  'accept'
])
param clientCertificateMode string = 'require'

@description('PEM bundle of the client certificate authorities (two during a rotation).')
@secure()
param clientCaCertificates string

@description('http(s) URL where the client CA publishes its CRL: the backend fetches it at start and refreshes it before its nextUpdate, so a renewed CRL needs no redeploy.')
param certificateRevocationListUrl string

@description('Name of the Application Insights component in this resource group (provisioning\'s APPLICATIONINSIGHTS_NAME); empty: no Azure Monitor export from the process.')
param applicationInsightsName string = ''

@description('Who may call, deny by default: an array of { "subject": "CN=…" or "thumbprint": "<SHA-256 hex>", "roles": ["CryptoUser" | "Administrator" …], "keyPrefixes": ["app-"] (optional; none means every key) }. Set it with `azd env set SUPACRYPT_AUTHORIZED_CLIENTS \'[{"subject":"CN=…","roles":["CryptoUser"],"keyPrefixes":["app-"]}]\'`; an empty array grants nobody.')
param authorizedClients array

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = if (!empty(applicationInsightsName)) {
  name: applicationInsightsName
}

// The environment's managed agent forwards traces and logs only; with this connection string ServiceDefaults exports
// metrics (and traces and logs) to Azure Monitor itself. A secret, so the key is not readable in the app's definition.
var telemetrySecrets = empty(applicationInsightsName)
  ? []
  : [
      {
        name: 'appinsights-connection-string'
        value: applicationInsights!.properties.ConnectionString
      }
    ]

var telemetrySettings = empty(applicationInsightsName)
  ? []
  : [
      {
        name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
        secretRef: 'appinsights-connection-string'
      }
    ]

// The backend's settings, besides who may call (authorizedClients).
var settings = [
  {
    name: 'ConnectionStrings__keyvault'
    value: keyVaultUri
  }
  {
    name: 'KeyVault__Credential'
    value: 'ManagedIdentity'
  }
  {
    name: 'KeyVault__ManagedIdentityClientId'
    value: identityClientId
  }
  {
    name: 'KeyVault__KeyType'
    value: keyType
  }
  {
    name: 'Security__Mode'
    value: 'ForwardedClientCertificate'
  }
  {
    name: 'Security__ForwardedCertificate__Header'
    value: 'X-Forwarded-Client-Cert'
  }
  {
    name: 'Security__ForwardedCertificate__Format'
    value: 'Envoy'
  }
  {
    name: 'Security__ForwardedCertificate__KnownNetworks__0'
    value: trustedIngressNetwork
  }
  {
    name: 'Security__ClientCertificateAuthorityPath'
    value: '/certs/client-ca/ca.crt'
  }
  // Revocation is a decision, stated here: every forwarded certificate is checked against the CA's CRL.
  {
    name: 'Security__RevocationMode'
    value: 'Crl'
  }
  {
    name: 'Security__CertificateRevocationListUrls__0'
    value: certificateRevocationListUrl
  }
  // The audit trail is not a log level: pinned at Information whatever the general level is.
  {
    name: 'Logging__LogLevel__Supacrypt.Audit'
    value: 'Information'
  }
  // The image's default is https:// (MutualTls); behind the ingress the backend speaks h2c.
  {
    name: 'Kestrel__Endpoints__grpc__Url'
    value: 'http://+:5000'
  }
]

resource app 'Microsoft.App/containerApps@2024-10-02-preview' = {
  name: name
  location: location
  tags: union(tags, {
    'azd-service-name': name
    'aspire-resource-name': name
  })
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    environmentId: containerAppsEnvironmentId
    workloadProfileName: 'Consumption'
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: external
        targetPort: 5000
        transport: 'http2'
        allowInsecure: false
        clientCertificateMode: clientCertificateMode
        traffic: [
          {
            latestRevision: true
            weight: 100
          }
        ]
      }
      registries: [
        {
          server: registryEndpoint
          identity: identityId
        }
      ]
      secrets: concat(
        [
          {
            name: 'client-ca'
            value: clientCaCertificates
          }
        ],
        telemetrySecrets
      )
    }
    template: {
      // Longer than Supacrypt:ShutdownGracePeriod (25 s), so calls in flight finish before the replica is killed.
      terminationGracePeriodSeconds: 35
      containers: [
        {
          name: name
          image: containerImage
          resources: {
            cpu: json('0.5')
            memory: '1Gi'
          }
          env: concat(settings, telemetrySettings, authorizationEnvironment(authorizedClients))
          probes: [
            {
              type: 'Startup'
              httpGet: {
                path: '/health'
                port: 8081
                scheme: 'HTTP'
              }
              periodSeconds: 5
              failureThreshold: 24
              timeoutSeconds: 3
            }
            {
              type: 'Liveness'
              httpGet: {
                path: '/health'
                port: 8081
                scheme: 'HTTP'
              }
              periodSeconds: 30
              failureThreshold: 3
              timeoutSeconds: 5
            }
            {
              type: 'Readiness'
              httpGet: {
                path: '/health/ready'
                port: 8081
                scheme: 'HTTP'
              }
              periodSeconds: 10
              failureThreshold: 3
              timeoutSeconds: 5
            }
          ]
          volumeMounts: [
            {
              volumeName: 'client-ca'
              mountPath: '/certs/client-ca'
            }
          ]
        }
      ]
      volumes: [
        {
          name: 'client-ca'
          storageType: 'Secret'
          secrets: [
            {
              secretRef: 'client-ca'
              path: 'ca.crt'
            }
          ]
        }
      ]
      scale: {
        minReplicas: 2
        maxReplicas: 10
        rules: [
          {
            name: 'concurrent-requests'
            http: {
              metadata: {
                concurrentRequests: '100'
              }
            }
          }
          {
            name: 'cpu'
            custom: {
              type: 'cpu'
              metadata: {
                type: 'Utilization'
                value: '70'
              }
            }
          }
          {
            name: 'memory'
            custom: {
              type: 'memory'
              metadata: {
                type: 'Utilization'
                value: '80'
              }
            }
          }
        ]
      }
    }
  }
}

output name string = app.name
output fqdn string = app.properties.configuration.ingress.fqdn
