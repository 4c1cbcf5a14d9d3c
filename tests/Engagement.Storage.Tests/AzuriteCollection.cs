using Engagement.Testing;

namespace Engagement.Storage.Tests;

/// <summary>Integration tests in this collection share one Azurite; each uses tables of its own.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
