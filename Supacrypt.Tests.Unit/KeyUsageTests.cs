using System.Security.Cryptography;
using Supacrypt.Backend.Keys;
using Supacrypt.Backend.KeyVault.Models;
using static Supacrypt.Tests.Unit.Refusals;

namespace Supacrypt.Tests.Unit;

public sealed class KeyUsageTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 4, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_enabled_key_within_its_validity_permits_its_operations()
    {
        KeyUsage.EnsureAllowed(Key(new KeyAttributes()), "sign", Now);
        KeyUsage.EnsureAllowed(Key(new KeyAttributes { Enabled = true, NotBefore = Now.ToUnixTimeSeconds(), Expires = Now.ToUnixTimeSeconds() + 1 }), "verify", Now);
        KeyUsage.EnsureAllowed(Key(new KeyAttributes(), ["Sign", "VERIFY"]), "verify", Now);
    }

    [Fact]
    public void A_disabled_key_is_refused_with_its_id_and_the_operation()
    {
        var refusal = Refused(KeyError.OperationNotSupported, () => KeyUsage.EnsureAllowed(Key(new KeyAttributes { Enabled = false }), "decrypt", Now));

        Assert.Contains("disabled", refusal.Message, StringComparison.Ordinal);
        Assert.Equal($"rsa-key/{KeyShapes.Version}", refusal.Context["key_id"]);
        Assert.Equal("decrypt", refusal.Context["operation"]);
    }

    [Fact]
    public void A_key_before_its_not_before_time_is_refused() =>
        Refused(KeyError.OperationNotSupported, () => KeyUsage.EnsureAllowed(Key(new KeyAttributes { NotBefore = Now.ToUnixTimeSeconds() + 1 }), "sign", Now));

    [Fact]
    public void A_key_at_or_after_its_expiry_no_longer_signs_or_encrypts_but_still_verifies_and_decrypts()
    {
        var expired = Key(new KeyAttributes { Expires = Now.ToUnixTimeSeconds() });

        Refused(KeyError.OperationNotSupported, () => KeyUsage.EnsureAllowed(expired, "encrypt", Now));
        Refused(KeyError.OperationNotSupported, () => KeyUsage.EnsureAllowed(expired, "sign", Now));
        KeyUsage.EnsureAllowed(expired, "verify", Now);
        KeyUsage.EnsureAllowed(expired, "decrypt", Now);
    }

    [Fact]
    public void An_operation_outside_the_keys_operations_is_refused()
    {
        var refusal = Refused(KeyError.OperationNotSupported, () => KeyUsage.EnsureAllowed(Key(new KeyAttributes(), ["sign", "verify"]), "encrypt", Now));
        Assert.Contains("sign, verify", refusal.Message, StringComparison.Ordinal);

        Refused(KeyError.OperationNotSupported, () => KeyUsage.EnsureAllowed(Key(new KeyAttributes(), []), "verify", Now));
    }

    [Theory]
    [InlineData("SHA256", 32)]
    [InlineData("SHA384", 48)]
    [InlineData("SHA512", 64)]
    public void A_prehashed_digest_must_have_exactly_the_hash_length(string name, int length)
    {
        var hash = new HashAlgorithmName(name);
        var digest = new byte[length];

        Assert.Same(digest, HashAlgorithms.Digest(hash, digest, isPrehashed: true));
        Refused(KeyError.InvalidRequest, () => HashAlgorithms.Digest(hash, new byte[length - 1], isPrehashed: true));
        Refused(KeyError.InvalidRequest, () => HashAlgorithms.Digest(hash, new byte[length + 1], isPrehashed: true));
        Refused(KeyError.InvalidRequest, () => HashAlgorithms.Digest(hash, [], isPrehashed: true));
        Assert.Equal(CryptographicOperations.HashData(hash, digest), HashAlgorithms.Digest(hash, digest, isPrehashed: false));
        Assert.Equal(length, HashAlgorithms.DigestLength(hash));
    }

    private static KeyDescription Key(KeyAttributes attributes, IReadOnlyList<string>? operations = null) =>
        KeyShapes.Rsa() with { Bundle = new KeyBundle { Attributes = attributes, Key = new JsonWebKey { KeyOps = operations } } };
}
