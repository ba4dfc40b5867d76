using Supacrypt.Backend.Keys;
using static Supacrypt.Tests.Unit.Refusals;

namespace Supacrypt.Tests.Unit;

public sealed class KeyOperationNamesTests
{
    [Fact]
    public void No_operations_let_key_vault_permit_everything_the_key_type_can_do()
    {
        Assert.Null(KeyOperationNames.Normalize([], KeyKind.Rsa));
        Assert.Null(KeyOperationNames.Normalize([], KeyKind.Ec));
    }

    [Fact]
    public void Operations_take_key_vault_spelling_whatever_their_case_and_duplicates_collapse()
    {
        var normalized = KeyOperationNames.Normalize(["SIGN", "Verify", "wrapkey", "UNWRAPKEY", "sign", "Encrypt", "decrypt"], KeyKind.Rsa);

        Assert.Equal(["sign", "verify", "wrapKey", "unwrapKey", "encrypt", "decrypt"], normalized);
    }

    [Fact]
    public void Ec_keys_take_sign_and_verify()
    {
        Assert.Equal(["verify", "sign"], KeyOperationNames.Normalize(["verify", "Sign"], KeyKind.Ec));
    }

    [Theory]
    [InlineData("encrypt")]
    [InlineData("decrypt")]
    [InlineData("wrapKey")]
    [InlineData("UnwrapKey")]
    public void Ec_keys_refuse_rsa_only_operations(string operation)
    {
        var refusal = Refused(KeyError.OperationNotSupported, () => KeyOperationNames.Normalize(["sign", operation], KeyKind.Ec));

        Assert.Contains("EC", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("import")]
    [InlineData("export")]
    [InlineData("sign ")]
    [InlineData("wrap_key")]
    [InlineData("all")]
    public void Unknown_operations_are_refused(string operation)
    {
        foreach (var kind in new[] { KeyKind.Rsa, KeyKind.Ec })
        {
            Refused(KeyError.InvalidRequest, () => KeyOperationNames.Normalize(["verify", operation], kind));
        }
    }
}
