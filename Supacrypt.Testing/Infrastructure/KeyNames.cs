namespace Supacrypt.Tests.Infrastructure;

/// <summary>Unique key names, so tests sharing one emulator never collide.</summary>
public static class KeyNames
{
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 127)];
}
