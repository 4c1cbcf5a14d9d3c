// The Functions app on Flex Consumption: Linux, .NET 10 isolated worker, scaled to zero at rest. It runs as the
// user-assigned identity for everything: host storage, the deployment package, telemetry, Key Vault, Service Bus.
param name string
param planName string
param location string
param tags object

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of that identity; the SDKs need it to pick it among the identities of the app.')
param identityClientId string

param blobEndpoint string
param queueEndpoint string
param tableEndpoint string
param deploymentContainerName string
param applicationInsightsConnectionString string

@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@allowed([
  2048
  4096
])
@description('Memory of each instance. 2048 MB holds the ML.NET model and a page of interactions with room to spare.')
param instanceMemoryMB int = 2048

param keyVaultUri string
param scheduleTickCron string
param ingestQueueName string
param ingestPageSize int
param defaultTimeZone string

@description('SHA-256 of the admin key (not the key): the routes are anonymous to the host and the app checks keys itself.')
param adminKeyHash string

@description('Fully qualified Service Bus namespace; empty when Service Bus is not deployed.')
param serviceBusNamespace string
param eventsTopicName string

// Each group below is named in the appsettings resource, and Engagement.Infra.Tests reads these names to check
// them against the settings the code binds: add a setting here and to the code, or the test fails.

// Identity-based host storage: service URIs plus the identity, no connection string.
var hostStorageSettings = {
  AzureWebJobsStorage__blobServiceUri: blobEndpoint
  AzureWebJobsStorage__queueServiceUri: queueEndpoint
  AzureWebJobsStorage__tableServiceUri: tableEndpoint
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
}

// Telemetry authenticated with Entra ID, since the component has local auth disabled.
var telemetrySettings = {
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
}

// EngagementOptions, bound from section Engagement. The queue name and the cron must be here whatever the defaults:
// the trigger attributes read them as %Engagement:...% expressions, which the host resolves from app settings only.
// ImportRoot is left out on purpose: import channels read files
// from a local folder, and Flex Consumption instances have no persistent shared file system to put them on.
var engagementSettings = {
  Engagement__ScheduleTickCron: scheduleTickCron
  Engagement__IngestQueueName: ingestQueueName
  Engagement__IngestPageSize: string(ingestPageSize)
  Engagement__DefaultTimeZone: defaultTimeZone
  Engagement__KeyVaultUri: keyVaultUri
}

// AccessOptions: the HTTP routes are anonymous to the Functions host, whose function keys cannot be scoped to a
// client; the app checks the admin key (this hash) and the client keys (hashed in the ApiKeys table) on every route.
var accessSettings = {
  Engagement__AdminKeyHash: adminKeyHash
}

var serviceBusSettings = {
  Engagement__ServiceBusNamespace: serviceBusNamespace
  Engagement__EventsTopic: eventsTopicName
}

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-11-01' = {
  name: name
  location: location
  tags: union(tags, {
    'azd-service-name': 'api'
  })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }

  resource appSettings 'config' = {
    name: 'appsettings'
    properties: union(
      hostStorageSettings,
      telemetrySettings,
      engagementSettings,
      accessSettings,
      empty(serviceBusNamespace) ? {} : serviceBusSettings
    )
  }

  // Deployment goes through Entra ID (azd deploy signs in with az/azd credentials): no basic-auth publishing.
  resource ftpPublishing 'basicPublishingCredentialsPolicies' = {
    name: 'ftp'
    properties: {
      allow: false
    }
  }

  resource scmPublishing 'basicPublishingCredentialsPolicies' = {
    name: 'scm'
    properties: {
      allow: false
    }
  }
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName
