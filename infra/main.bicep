// Engagement on Azure: one resource group holding the Functions app (Flex Consumption), its storage, monitoring,
// Key Vault and, when asked for, a Service Bus topic for outbound events. `azd up` deploys it; nothing in it uses
// a shared key or a local auth method: every caller is an Entra ID identity with a data-plane role.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; names the resource group and seeds the unique token of every resource name.')
param environmentName string

@minLength(1)
@description('Region of every resource. It must offer Flex Consumption.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the deploying user (azd fills it in). When set, that user gets the data roles that local runs of `engage` against the cloud need. Leave empty in CI.')
param principalId string = ''

@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
@description('Kind of principal that principalId names.')
param principalType string = 'User'

@description('Create a Service Bus namespace with the engagement-events topic for downstream tools.')
param enableServiceBus bool = false

@minValue(1)
@maxValue(1000)
@description('Most instances Flex Consumption may scale out to. Bounds cost and the load on one storage account.')
param maximumInstanceCount int = 40

@description('Six-field cron of the schedule tick (seconds first).')
param scheduleTickCron string = '0 * * * * *'

@description('Queue that carries one ingestion job per channel.')
param ingestQueueName string = 'ingest-jobs'

@minValue(1)
@maxValue(5000)
@description('Most interactions one job fetches before it enqueues a continuation.')
param ingestPageSize int = 500

@description('IANA time zone of a client registered without one.')
param defaultTimeZone string = 'Europe/Rome'

@description('SHA-256 (64 hex) of the admin key, from engage keys admin. Empty: no admin key opens the HTTP API, only client keys do.')
param adminKeyHash string = ''

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
  application: 'engagement'
}
var eventsTopicName = 'engagement-events'
var identityName = '${abbrs.managedIdentityUserAssignedIdentities}api-${resourceToken}'
var storageAccountName = '${abbrs.storageStorageAccounts}${resourceToken}'
var applicationInsightsName = '${abbrs.insightsComponents}${resourceToken}'
var keyVaultName = '${abbrs.keyVaultVaults}${resourceToken}'
var serviceBusNamespaceName = '${abbrs.serviceBusNamespaces}${resourceToken}'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: identityName
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: storageAccountName
    location: location
    tags: tags
    ingestQueueName: ingestQueueName
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: applicationInsightsName
    location: location
    tags: tags
  }
}

module keyVault 'app/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: keyVaultName
    location: location
    tags: tags
  }
}

module serviceBus 'app/servicebus.bicep' = if (enableServiceBus) {
  name: 'servicebus'
  scope: rg
  params: {
    name: serviceBusNamespaceName
    location: location
    tags: tags
    topicName: eventsTopicName
  }
}

// Names, not outputs, go in: role assignment names must be known before deployment (what-if can then predict
// them), so the dependencies are spelled out instead.
module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  dependsOn: [
    identity
    storage
    monitoring
    keyVault
    serviceBus
  ]
  params: {
    storageAccountName: storageAccountName
    applicationInsightsName: applicationInsightsName
    keyVaultName: keyVaultName
    serviceBusNamespaceName: enableServiceBus ? serviceBusNamespaceName : ''
    serviceBusTopicName: eventsTopicName
    appIdentityName: identityName
    userPrincipalId: principalId
    userPrincipalType: principalType
  }
}

module api 'app/function.bicep' = {
  name: 'api'
  scope: rg
  // The host starts as soon as the site exists; with its roles already in place it never sees a 403 on storage.
  dependsOn: [
    rbac
  ]
  params: {
    name: '${abbrs.webSitesFunctions}api-${resourceToken}'
    planName: '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerName: storage.outputs.deploymentContainerName
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    maximumInstanceCount: maximumInstanceCount
    keyVaultUri: keyVault.outputs.uri
    scheduleTickCron: scheduleTickCron
    ingestQueueName: ingestQueueName
    ingestPageSize: ingestPageSize
    defaultTimeZone: defaultTimeZone
    adminKeyHash: adminKeyHash
    serviceBusNamespace: enableServiceBus ? serviceBus!.outputs.fullyQualifiedNamespace : ''
    eventsTopicName: eventsTopicName
  }
}

// azd writes these to .azure/<env>/.env; docs/deploy.md maps them onto the settings `engage` reads.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output SERVICE_API_NAME string = api.outputs.name
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output AZURE_STORAGE_QUEUE_ENDPOINT string = storage.outputs.queueEndpoint
output AZURE_STORAGE_TABLE_ENDPOINT string = storage.outputs.tableEndpoint
output AZURE_KEY_VAULT_URI string = keyVault.outputs.uri
output AZURE_SERVICE_BUS_NAMESPACE string = enableServiceBus ? serviceBus!.outputs.fullyQualifiedNamespace : ''
