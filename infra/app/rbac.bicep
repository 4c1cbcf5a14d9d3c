// Every role assignment in one place: what the app identity needs to run, and what the deploying user needs to
// run `engage` against the cloud. Built-in role definition ids are the same in every tenant.
param storageAccountName string
param applicationInsightsName string
param keyVaultName string

@description('Empty when Service Bus is not deployed.')
param serviceBusNamespaceName string
param serviceBusTopicName string

@description('Name of the app\'s user-assigned identity.')
param appIdentityName string

@description('Deploying user; empty means no user roles.')
param userPrincipalId string
param userPrincipalType string

var storageBlobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b' // Storage Blob Data Owner
var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe' // Storage Blob Data Contributor
var storageQueueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88' // Storage Queue Data Contributor
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3' // Storage Table Data Contributor
var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb' // Monitoring Metrics Publisher
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6' // Key Vault Secrets User
var keyVaultSecretsOfficer = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7' // Key Vault Secrets Officer
var serviceBusDataSender = '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39' // Azure Service Bus Data Sender

// The host takes blob leases (timer singleton, listeners) and Flex Consumption reads the package blob: Blob Data
// Owner is what the Functions runtime documents for identity-based AzureWebJobsStorage. Queue Data Contributor
// covers reading, deleting and sending messages (continuations, poison queue) and creating queues, so the narrower
// Message Processor/Sender roles would add nothing. Table Data Contributor lets the stores create and write tables.
var appStorageRoles = [
  storageBlobDataOwner
  storageQueueDataContributor
  storageTableDataContributor
]

// The user runs `engage` locally against the same data; Blob Data Contributor is enough outside the host.
var userStorageRoles = [
  storageBlobDataContributor
  storageQueueDataContributor
  storageTableDataContributor
]

var assignUser = !empty(userPrincipalId)
var withServiceBus = !empty(serviceBusNamespaceName)

resource appIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: appIdentityName
}

resource storageAccount 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: keyVaultName
}

resource serviceBusNamespace 'Microsoft.ServiceBus/namespaces@2024-01-01' existing = if (withServiceBus) {
  name: serviceBusNamespaceName

  resource topic 'topics' existing = {
    name: serviceBusTopicName
  }
}

resource appStorage 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in appStorageRoles: {
    name: guid(storageAccount.id, appIdentity.id, role)
    scope: storageAccount
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
      principalId: appIdentity.properties.principalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource appTelemetry 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, appIdentity.id, monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher)
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource appSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, appIdentity.id, keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Scoped to the topic, not the namespace: the app publishes to this one topic only.
resource appEvents 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (withServiceBus) {
  name: guid(serviceBusNamespace::topic.id, appIdentity.id, serviceBusDataSender)
  scope: serviceBusNamespace::topic
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', serviceBusDataSender)
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource userStorage 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in userStorageRoles: if (assignUser) {
    name: guid(storageAccount.id, userPrincipalId, role)
    scope: storageAccount
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
      principalId: userPrincipalId
      principalType: userPrincipalType
    }
  }
]

// Officer, not User: the deploying user is the one who stores connector tokens in the first place.
resource userSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (assignUser) {
  name: guid(vault.id, userPrincipalId, keyVaultSecretsOfficer)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsOfficer)
    principalId: userPrincipalId
    principalType: userPrincipalType
  }
}

resource userEvents 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (assignUser && withServiceBus) {
  name: guid(serviceBusNamespace::topic.id, userPrincipalId, serviceBusDataSender)
  scope: serviceBusNamespace::topic
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', serviceBusDataSender)
    principalId: userPrincipalId
    principalType: userPrincipalType
  }
}
