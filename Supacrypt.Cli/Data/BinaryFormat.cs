namespace Supacrypt.Cli;

/// <summary>How signatures and ciphertexts are written and read: as bytes, base64 or hex text.</summary>
public enum BinaryFormat
{
    Raw,
    Base64,
    Hex,
}

internal static class BinaryFormats
{
    public static byte[] Encode(BinaryFormat format, byte[] value) => format switch
    {
        BinaryFormat.Base64 => System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(value) + "\n"),
        BinaryFormat.Hex => System.Text.Encoding.ASCII.GetBytes(Convert.ToHexStringLower(value) + "\n"),
        _ => value,
    };

    public static byte[] Decode(BinaryFormat format, byte[] content, string source)
    {
        if (format == BinaryFormat.Raw)
        {
            return content;
        }

        var text = string.Concat(System.Text.Encoding.ASCII.GetString(content).Where(c => !char.IsWhiteSpace(c)));
        try
        {
            return format == BinaryFormat.Base64 ? Convert.FromBase64String(text) : Convert.FromHexString(text);
        }
        catch (FormatException)
        {
            throw new UsageException($"{source} is not {(format == BinaryFormat.Base64 ? "base64" : "hex")}; use --format to say how it is encoded.");
        }
    }
}
