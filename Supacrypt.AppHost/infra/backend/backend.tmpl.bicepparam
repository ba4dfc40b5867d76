using './backend.module.bicep'

// azd renders this file as a Go template before deploying: .Image is the image it just pushed, .Env the azd
// environment (infra/main.bicep's outputs and what the operator set with `azd env set`).
param containerImage = '{{ .Image }}'
param containerAppsEnvironmentId = '{{ .Env.AZURE_CONTAINER_APPS_ENVIRONMENT_ID }}'
param registryEndpoint = '{{ .Env.AZURE_CONTAINER_REGISTRY_ENDPOINT }}'
param identityId = '{{ .Env.AZURE_CONTAINER_REGISTRY_MANAGED_IDENTITY_ID }}'
param identityClientId = '{{ .Env.MANAGED_IDENTITY_CLIENT_ID }}'
param keyVaultUri = '{{ .Env.KEYVAULT_VAULTURI }}'
param keyType = '{{ .Env.SUPACRYPT_KEY_TYPE }}'
param trustedIngressNetwork = '{{ .Env.AZURE_CONTAINER_APPS_INFRASTRUCTURE_SUBNET_PREFIX }}'
// Empty when provisioning ran with SUPACRYPT_APPLICATION_INSIGHTS=false.
param applicationInsightsName = '{{ .Env.APPLICATIONINSIGHTS_NAME }}'
// The client CA bundle (PEM) is the operator's: `azd env set SUPACRYPT_CLIENT_CA "$(cat ca.crt)"` before `azd up`.
param clientCaCertificates = '''{{ .Env.SUPACRYPT_CLIENT_CA }}'''
// Where the client CA publishes its CRL: `azd env set SUPACRYPT_CRL_URL https://pki.example.com/ca.crl`.
param certificateRevocationListUrl = '{{ .Env.SUPACRYPT_CRL_URL }}'
// Who may call (JSON array, nobody unless listed):
// `azd env set SUPACRYPT_AUTHORIZED_CLIENTS '[{"subject":"CN=…","roles":["CryptoUser"],"keyPrefixes":["app-"]}]'`.
param authorizedClients = json('''{{ .Env.SUPACRYPT_AUTHORIZED_CLIENTS }}''')
