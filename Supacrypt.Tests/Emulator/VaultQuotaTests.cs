using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using Supacrypt.KeyVaultEmulator.Keys;
using Supacrypt.KeyVaultEmulator.Load;

namespace Supacrypt.Tests.Emulator;

/// <summary>Key Vault's documented limits per 10-second window, on a clock the test controls.</summary>
public sealed class VaultQuotaTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData("RSA", 256, 4_000)]
    [InlineData("EC", 0, 4_000)]
    [InlineData("RSA", 384, 1_000)]
    [InlineData("RSA", 512, 500)]
    [InlineData("RSA-HSM", 256, 2_000)]
    [InlineData("EC-HSM", 0, 2_000)]
    [InlineData("RSA-HSM", 384, 500)]
    [InlineData("RSA-HSM", 512, 250)]
    public void A_window_admits_the_documented_number_of_operations_per_key_type(string kty, int modulusBytes, int limit)
    {
        var quota = new VaultQuota(_time);
        var charge = QuotaCharge.ForKey(Key(kty, modulusBytes));

        for (var i = 0; i < limit; i++)
        {
            Assert.Null(quota.TryCharge(charge));
        }

        Assert.Equal(VaultQuota.Window, quota.TryCharge(charge));
    }

    [Fact]
    public void A_throttled_caller_is_told_when_the_window_ends_and_is_admitted_then()
    {
        var quota = new VaultQuota(_time);
        var charge = QuotaCharge.ForKey(Key("EC", 0));
        for (var i = 0; i < VaultQuota.OperationBudget; i++)
        {
            quota.TryCharge(charge);
        }

        _time.Advance(TimeSpan.FromSeconds(7.5));
        Assert.Equal(TimeSpan.FromSeconds(2.5), quota.TryCharge(charge));
        _time.Advance(TimeSpan.FromSeconds(2.5));
        Assert.Null(quota.TryCharge(charge));
    }

    [Fact]
    public void Different_key_types_share_one_weighted_budget()
    {
        var quota = new VaultQuota(_time);
        for (var i = 0; i < 250; i++)
        {
            Assert.Null(quota.TryCharge(QuotaCharge.ForKey(Key("RSA", 512))));
        }

        // Half the budget is spent on RSA-4096 (250 × 8 units): 2,000 RSA-2048 operations remain.
        for (var i = 0; i < 2_000; i++)
        {
            Assert.Null(quota.TryCharge(QuotaCharge.ForKey(Key("RSA", 256))));
        }

        Assert.NotNull(quota.TryCharge(QuotaCharge.ForKey(Key("EC", 0))));
    }

    [Theory]
    [InlineData(false, 20)]
    [InlineData(true, 10)]
    public void Key_creation_has_its_own_budget_of_20_and_10_for_hsm_keys(bool hsm, int limit)
    {
        var quota = new VaultQuota(_time);
        for (var i = 0; i < limit; i++)
        {
            Assert.Null(quota.TryCharge(QuotaCharge.ForCreation(hsm)));
        }

        Assert.NotNull(quota.TryCharge(QuotaCharge.ForCreation(hsm)));
        Assert.Null(quota.TryCharge(QuotaCharge.ForKey(Key("EC", 0))));
    }

    // Only the modulus length and key type matter to the quota; the pool imports nothing until an operation needs it.
    private static KeyVersionRecord Key(string kty, int modulusBytes) => new(
        "v1",
        kty,
        modulusBytes > 0
            ? KeyMaterial.FromRsa(new RSAParameters { Modulus = new byte[modulusBytes], Exponent = [1, 0, 1] })
            : KeyMaterial.FromEc(new ECParameters { Curve = ECCurve.NamedCurves.nistP256 }, "P-256"),
        ["sign"], true, null, null, 0, 0, null);
}
