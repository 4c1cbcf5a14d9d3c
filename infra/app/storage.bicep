// One account for the Functions host (leases, timers, deployment package) and for Engagement's data (tables and
// the ingest queue). Shared keys are off: every client signs in with Entra ID.
param name string
param location string
param tags object

@description('Queue the app triggers on; created here so the trigger has it from the first start.')
param ingestQueueName string

// Flex Consumption pulls the app package from this container with the app identity.
var deploymentContainerName = 'app-package'

resource account 'Microsoft.Storage/storageAccounts@2024-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }

  resource blobServices 'blobServices' = {
    name: 'default'

    resource deploymentContainer 'containers' = {
      name: deploymentContainerName
      properties: {
        publicAccess: 'None'
      }
    }
  }

  resource queueServices 'queueServices' = {
    name: 'default'

    resource ingestQueue 'queues' = {
      name: ingestQueueName
    }
  }

  resource tableServices 'tableServices' = {
    name: 'default'
  }
}

output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
output queueEndpoint string = account.properties.primaryEndpoints.queue
output tableEndpoint string = account.properties.primaryEndpoints.table
output deploymentContainerName string = deploymentContainerName
