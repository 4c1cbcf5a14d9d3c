namespace Engagement.Infra.Tests;

/// <summary>
/// The settings the code binds and the settings infra/ defines move together: a setting only one side knows is
/// either dead configuration or a deployment that starts without something it needs.
/// </summary>
[Collection(InfraCollection.Name)]
public sealed class SettingsDriftTests(InfraFixture infra)
{
    private IReadOnlyDictionary<string, string?> Infra => AppSettings.DefinedByInfra(infra.Template);

    [Fact]
    public void EverySettingInfraDefinesIsReadByTheCode()
    {
        var unread = Infra.Keys.Except(AppSettings.CodeSettings).Order().ToList();
        Assert.True(unread.Count == 0, "infra/ sets app settings no code reads: " + string.Join(", ", unread));
    }

    [Fact]
    public void EveryCodeSettingWithoutASafeDefaultIsDefinedByInfra()
    {
        var missing = AppSettings.CodeSettings
            .Except(AppSettings.AllowedAbsent.Keys)
            .Except(Infra.Keys)
            .Order()
            .ToList();
        Assert.True(
            missing.Count == 0,
            "The code reads settings infra/ does not define (define them in infra/app/function.bicep, or list them in "
            + "AppSettings.AllowedAbsent with the reason the default is right in Azure): " + string.Join(", ", missing));
    }

    [Fact]
    public void SettingsAllowedToBeAbsentAreCodeSettingsInfraLeavesOut()
    {
        // An allowance for a setting the code dropped, or that infra now defines, is stale and hides nothing real.
        Assert.All(AppSettings.AllowedAbsent.Keys, name =>
        {
            Assert.Contains(name, AppSettings.OptionSettings);
            Assert.DoesNotContain(name, Infra.Keys);
        });
    }

    [Fact]
    public void SettingsTriggersBindToAreDefinedDespiteTheirDefaults()
    {
        Assert.All(AppSettings.TriggerSettings, name =>
        {
            Assert.DoesNotContain(name, AppSettings.AllowedAbsent.Keys);
            Assert.Contains(name, Infra.Keys);
        });
    }

    [Fact]
    public void HostStorageAndTelemetryAuthenticateAsTheManagedIdentity()
    {
        Assert.Equal("managedidentity", Infra["AzureWebJobsStorage__credential"]);
        Assert.DoesNotContain("AzureWebJobsStorage", Infra.Keys);
        Assert.Matches(@"^\[format\('ClientId=\{0\};Authorization=AAD'", Infra["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
    }

    [Fact]
    public void OptionSettingsAreReadFromTheOptionsClass()
    {
        // Guards the reflection the other tests stand on: a rename of the class or section would empty the set.
        Assert.Contains("Engagement__KeyVaultUri", AppSettings.OptionSettings);
        Assert.Contains("Engagement__ServiceBusNamespace", AppSettings.OptionSettings);
        Assert.Contains("Engagement__EventsTopic", AppSettings.OptionSettings);
    }
}
