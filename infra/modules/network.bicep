// The virtual network the Container Apps environment joins, so the ingress's own addresses are known: the backend
// believes X-Forwarded-Client-Cert only from the infrastructure subnet.
@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object

@description('Name of the virtual network.')
param name string

@description('Address space of the virtual network.')
param addressPrefix string

@description('Address range of the Container Apps infrastructure subnet (workload profiles need /27 or larger).')
param infrastructureSubnetPrefix string

@description('Address range of the subnet that holds private endpoints (Key Vault\'s).')
param privateEndpointSubnetPrefix string

resource virtualNetwork 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        addressPrefix
      ]
    }
    subnets: [
      {
        name: 'infrastructure'
        properties: {
          addressPrefix: infrastructureSubnetPrefix
          delegations: [
            {
              name: 'container-apps'
              properties: {
                serviceName: 'Microsoft.App/environments'
              }
            }
          ]
        }
      }
      {
        name: 'private-endpoints'
        properties: {
          addressPrefix: privateEndpointSubnetPrefix
        }
      }
    ]
  }
}

output id string = virtualNetwork.id
output infrastructureSubnetId string = virtualNetwork.properties.subnets[0].id
output privateEndpointSubnetId string = virtualNetwork.properties.subnets[1].id
output infrastructureSubnetPrefix string = infrastructureSubnetPrefix
