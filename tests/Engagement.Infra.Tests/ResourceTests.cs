using System.Text.Json.Nodes;

namespace Engagement.Infra.Tests;

/// <summary>
/// What the deployment would create, read from Bicep snapshots: nothing accepts a shared key or local auth, and the
/// app reaches everything as its user-assigned identity through the roles it needs, and no more.
/// </summary>
[Collection(InfraCollection.Name)]
public sealed class ResourceTests(InfraFixture infra)
{
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageBlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string KeyVaultSecretsOfficer = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";
    private const string ServiceBusDataSender = "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39";

    public static TheoryData<string> Shapes => new() { nameof(InfraFixture.Minimal), nameof(InfraFixture.Full) };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void NoStorageAccountAllowsSharedKeyAccessOrPublicBlobs(string shape)
    {
        var accounts = Snapshot(shape).OfType("Microsoft.Storage/storageAccounts");
        Assert.NotEmpty(accounts);
        foreach (var account in accounts)
        {
            var properties = account["properties"]!;
            Assert.False((bool)properties["allowSharedKeyAccess"]!);
            Assert.False((bool)properties["allowBlobPublicAccess"]!);
            Assert.Equal("TLS1_2", (string?)properties["minimumTlsVersion"]);
            Assert.True((bool)properties["supportsHttpsTrafficOnly"]!);
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ApplicationInsightsAndItsWorkspaceHaveLocalAuthDisabled(string shape)
    {
        var snapshot = Snapshot(shape);
        Assert.True((bool)snapshot.Single("Microsoft.Insights/components")["properties"]!["DisableLocalAuth"]!);
        Assert.True((bool)snapshot.Single("Microsoft.OperationalInsights/workspaces")["properties"]!["features"]!["disableLocalAuth"]!);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void KeyVaultAuthorizesWithRbacOnly(string shape)
    {
        var properties = Snapshot(shape).Single("Microsoft.KeyVault/vaults")["properties"]!;
        Assert.True((bool)properties["enableRbacAuthorization"]!);
        Assert.Null(properties["accessPolicies"]);
    }

    [Fact]
    public void ServiceBusIsOffUnlessAskedFor()
    {
        Assert.DoesNotContain(infra.Minimal.Resources, r => ((string)r["type"]!).StartsWith("Microsoft.ServiceBus/", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void ServiceBusWhenEnabledHasLocalAuthDisabledAndTheEventsTopic()
    {
        var serviceBus = infra.Full.Single("Microsoft.ServiceBus/namespaces");
        Assert.True((bool)serviceBus["properties"]!["disableLocalAuth"]!);
        Assert.Equal($"{serviceBus["name"]}/engagement-events", (string?)infra.Full.Single("Microsoft.ServiceBus/namespaces/topics")["name"]);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void FunctionAppRunsOnFlexConsumptionAsTheUserAssignedIdentity(string shape)
    {
        var snapshot = Snapshot(shape);
        var identityId = (string)snapshot.Single("Microsoft.ManagedIdentity/userAssignedIdentities")["id"]!;
        var plan = snapshot.Single("Microsoft.Web/serverfarms");
        var site = snapshot.Single("Microsoft.Web/sites");

        Assert.Equal("FC1", (string?)plan["sku"]!["name"]);
        Assert.True((bool)plan["properties"]!["reserved"]!);
        Assert.Equal("functionapp,linux", (string?)site["kind"]);
        Assert.Equal((string?)plan["id"], (string?)site["properties"]!["serverFarmId"]);

        Assert.Equal("UserAssigned", (string?)site["identity"]!["type"]);
        Assert.Equal([identityId], site["identity"]!["userAssignedIdentities"]!.AsObject().Select(p => p.Key));

        var config = site["properties"]!["functionAppConfig"]!;
        var authentication = config["deployment"]!["storage"]!["authentication"]!;
        Assert.Equal("UserAssignedIdentity", (string?)authentication["type"]);
        Assert.Equal(identityId, (string?)authentication["userAssignedIdentityResourceId"]);
        Assert.Equal("dotnet-isolated", (string?)config["runtime"]!["name"]);
        Assert.Equal("10.0", (string?)config["runtime"]!["version"]);
        Assert.Equal(2048, (int)config["scaleAndConcurrency"]!["instanceMemoryMB"]!);
        Assert.InRange((int)config["scaleAndConcurrency"]!["maximumInstanceCount"]!, 1, 1000);
        Assert.True((bool)site["properties"]!["httpsOnly"]!);
    }

    [Fact]
    public void FunctionAppCarriesTheServiceNameAzureYamlDeploysTo()
    {
        Assert.Equal(AzureYamlServiceNames(), ["api"]);
        Assert.Equal("api", (string?)infra.Minimal.Single("Microsoft.Web/sites")["tags"]!["azd-service-name"]);
        Assert.Equal("ci", (string?)infra.Minimal.Single("Microsoft.Web/sites")["tags"]!["azd-env-name"]);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void BasicAuthPublishingIsOff(string shape)
    {
        var policies = Snapshot(shape).OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies");
        Assert.Equal(["ftp", "scm"], policies.Select(p => ((string)p["name"]!).Split('/')[^1]).Order());
        Assert.All(policies, p => Assert.False((bool)p["properties"]!["allow"]!));
    }

    [Fact]
    public void AppIdentityHoldsExactlyTheDataRolesItNeeds()
    {
        var identityName = (string)infra.Full.Single("Microsoft.ManagedIdentity/userAssignedIdentities")["name"]!;
        var roles = RolesOf(infra.Full, principal => principal.Contains(identityName, StringComparison.Ordinal));

        Assert.Equal(
            new[]
            {
                ("storageAccounts", StorageBlobDataOwner),
                ("storageAccounts", StorageQueueDataContributor),
                ("storageAccounts", StorageTableDataContributor),
                ("components", MonitoringMetricsPublisher),
                ("vaults", KeyVaultSecretsUser),
                ("topics", ServiceBusDataSender),
            }.Order(),
            roles.Select(r => (r.ScopeType, r.Role)).Order());
        Assert.All(roles, r => Assert.Equal("ServicePrincipal", r.PrincipalType));
    }

    [Fact]
    public void DeployingUserGetsTheDataRolesLocalRunsNeed()
    {
        var roles = RolesOf(infra.Full, principal => principal == InfraFixture.UserPrincipalId);

        Assert.Equal(
            new[]
            {
                ("storageAccounts", StorageBlobDataContributor),
                ("storageAccounts", StorageQueueDataContributor),
                ("storageAccounts", StorageTableDataContributor),
                ("vaults", KeyVaultSecretsOfficer),
                ("topics", ServiceBusDataSender),
            }.Order(),
            roles.Select(r => (r.ScopeType, r.Role)).Order());
        Assert.All(roles, r => Assert.Equal("User", r.PrincipalType));
    }

    [Fact]
    public void NoUserRolesAreAssignedWithoutAPrincipalId()
    {
        var identityName = (string)infra.Minimal.Single("Microsoft.ManagedIdentity/userAssignedIdentities")["name"]!;
        var all = RolesOf(infra.Minimal, _ => true);
        Assert.All(all, r => Assert.Contains(identityName, r.Principal, StringComparison.Ordinal));
        Assert.Equal(5, all.Count);
    }

    [Fact]
    public void NothingInTheTemplateListsKeysOrCarriesAConnectionSecret()
    {
        var template = infra.Template.ToJsonString();
        Assert.DoesNotContain("listKeys(", template, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("listConnectionStrings(", template, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AccountKey=", template, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("SharedAccessKey", template, StringComparison.OrdinalIgnoreCase);
    }

    private Snapshot Snapshot(string shape) => shape == nameof(InfraFixture.Full) ? infra.Full : infra.Minimal;

    private static List<RoleAssignment> RolesOf(Snapshot snapshot, Func<string, bool> principal) =>
        snapshot.OfType("Microsoft.Authorization/roleAssignments")
            .Select(RoleAssignment.From)
            .Where(r => principal(r.Principal))
            .ToList();

    private static List<string> AzureYamlServiceNames()
    {
        // Service names are the keys indented once under `services:`; enough YAML for one small file.
        var lines = File.ReadAllLines(RepoRoot.Combine("azure.yaml"));
        return lines
            .SkipWhile(l => l.TrimEnd() != "services:")
            .Skip(1)
            .TakeWhile(l => l.Length == 0 || l.StartsWith(' ') || l.StartsWith('#'))
            .Where(l => l.Length > 2 && l.StartsWith("  ", StringComparison.Ordinal) && l[2] != ' ' && l[2] != '#' && l.TrimEnd().EndsWith(':'))
            .Select(l => l.Trim().TrimEnd(':'))
            .ToList();
    }

    private sealed record RoleAssignment(string ScopeType, string Role, string Principal, string PrincipalType)
    {
        public static RoleAssignment From(JsonObject resource)
        {
            // The id reads <scope>/providers/Microsoft.Authorization/roleAssignments/<name>; the scope's type is the
            // segment before its name.
            var id = (string)resource["id"]!;
            var scope = id[..id.IndexOf("/providers/Microsoft.Authorization/", StringComparison.OrdinalIgnoreCase)].Split('/');
            var properties = resource["properties"]!;
            var roleDefinitionId = (string)properties["roleDefinitionId"]!;
            return new RoleAssignment(
                scope[^2],
                roleDefinitionId[(roleDefinitionId.LastIndexOf('/') + 1)..],
                (string)properties["principalId"]!,
                (string)properties["principalType"]!);
        }
    }
}
