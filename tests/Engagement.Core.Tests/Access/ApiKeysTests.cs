using Engagement.Core.Access;

namespace Engagement.Core.Tests.Access;

public sealed class ApiKeysTests
{
    [Fact]
    public void AKeyStoresOnlyItsHashAndCarriesItsId()
    {
        var (stored, key) = ApiKeys.Create("acme", "Power BI", DateTimeOffset.UnixEpoch);

        Assert.True(ApiKeys.TryReadKeyId(key, out var keyId));
        Assert.Equal(stored.KeyId, keyId);
        Assert.DoesNotContain(key, stored.Hash, StringComparison.Ordinal);
        Assert.Equal(ApiKeys.Hash(key), stored.Hash);
        Assert.True(ApiKeys.Matches(key, stored.Hash));
    }

    [Fact]
    public void TwoKeysForTheSameClientDiffer()
    {
        var (first, a) = ApiKeys.Create("acme", null, DateTimeOffset.UnixEpoch);
        var (second, b) = ApiKeys.Create("acme", null, DateTimeOffset.UnixEpoch);

        Assert.NotEqual(a, b);
        Assert.NotEqual(first.KeyId, second.KeyId);
        Assert.False(ApiKeys.Matches(a, second.Hash));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-hex-not-hex-not-hex-not-hex-not-hex-not-hex-not-hex-not-hex!")]
    [InlineData("abc")]
    public void NoKeyMatchesAMissingOrMalformedHash(string? hash) =>
        Assert.False(ApiKeys.Matches("anything", hash));

    [Theory]
    [InlineData("ek_0123456789ab_short")]
    [InlineData("ek_0123456789AB_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("0123456789ab")]
    public void OnlyTheIssuedShapeReadsAsAClientKey(string key) =>
        Assert.False(ApiKeys.TryReadKeyId(key, out _));

    [Fact]
    public void TheAdminKeyIsNotAClientKey()
    {
        var (key, hash) = ApiKeys.CreateAdmin();

        Assert.False(ApiKeys.TryReadKeyId(key, out _));
        Assert.True(ApiKeys.IsHash(hash));
        Assert.True(ApiKeys.Matches(key, hash));
    }

    [Fact]
    public void AClientCallerReadsOnlyItsOwnClient()
    {
        var caller = Caller.ForClient("alpha", "0123456789ab");

        Assert.True(caller.MayRead("alpha"));
        Assert.False(caller.MayRead("beta"));
        Assert.False(caller.MayRead("Alpha"));
        Assert.False(caller.IsAdmin);
        Assert.True(Caller.Admin.MayRead("beta"));
    }
}
