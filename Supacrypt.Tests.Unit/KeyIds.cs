using Supacrypt.Backend.Keys;

namespace Supacrypt.Tests.Unit;

/// <summary>A contract key id parsed as the call pipeline parses it, its refusal thrown as a use case would throw it.</summary>
internal static class KeyIds
{
    public static KeyReference Parse(string? keyId) =>
        KeyReference.TryParse(keyId, out var reference, out var problem) ? reference : throw problem;
}
