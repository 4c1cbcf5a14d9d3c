// Outbound events for downstream tools. Standard tier, because Basic has no topics. SAS keys are off: senders and
// receivers use Entra ID and the Azure Service Bus Data Sender/Receiver roles.
param name string
param location string
param tags object
param topicName string

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }

  resource topic 'topics' = {
    name: topicName
    properties: {
      defaultMessageTimeToLive: 'P14D'
      maxSizeInMegabytes: 1024
    }
  }
}

output name string = namespace.name
// The endpoint reads https://<name>.servicebus.windows.net:443/ (another suffix in sovereign clouds); the SDK wants the host.
output fullyQualifiedNamespace string = split(replace(namespace.properties.serviceBusEndpoint, 'https://', ''), ':')[0]
