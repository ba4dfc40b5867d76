using Supacrypt.Backend.Keys;

namespace Supacrypt.Tests.Unit;

/// <summary>Asserts that an action is refused in-band with exactly the given domain error.</summary>
internal static class Refusals
{
    public static KeyOperationException Refused(KeyError expected, Action action)
    {
        var exception = Assert.Throws<KeyOperationException>(action);
        Assert.True(expected == exception.Code, $"expected {expected}, got {exception.Code}: {exception.Message}");
        Assert.False(string.IsNullOrWhiteSpace(exception.Message));
        return exception;
    }
}
