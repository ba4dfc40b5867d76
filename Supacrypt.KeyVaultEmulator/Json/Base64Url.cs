namespace Supacrypt.KeyVaultEmulator.Json;

/// <summary>Base64url without padding (RFC 7515 §2), the encoding Key Vault uses for every binary field.</summary>
public static class Base64Url
{
    private static readonly System.Buffers.SearchValues<char> Forbidden = System.Buffers.SearchValues.Create("+/ \r\n\t");

    public static string Encode(ReadOnlySpan<byte> data) => System.Buffers.Text.Base64Url.EncodeToString(data);

    /// <summary>Decodes base64url; padding is tolerated because some clients send it.</summary>
    public static bool TryDecode(string? text, out byte[] data)
    {
        data = [];
        if (text is null)
        {
            return false;
        }

        var trimmed = text.TrimEnd('=');
        if (trimmed.Length % 4 == 1 || trimmed.AsSpan().ContainsAny(Forbidden))
        {
            return false;
        }

        try
        {
            data = System.Buffers.Text.Base64Url.DecodeFromChars(trimmed);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
