using Spectre.Console;
using Supacrypt.V1;

namespace Supacrypt.Cli.Commands;

/// <summary>How a key looks to a person: a table of its metadata; names as the contract spells them.</summary>
internal static class KeyView
{
    public static string Shape(KeyMetadata key) => key.Parameters?.AlgorithmParamsCase switch
    {
        KeyParameters.AlgorithmParamsOneofCase.RsaParams => $"RSA {(int)key.Parameters.RsaParams.KeySize}",
        KeyParameters.AlgorithmParamsOneofCase.EccParams => $"{Name(key.Algorithm)} {key.Parameters.EccParams.Curve.ToString().ToUpperInvariant().Insert(1, "-")}",
        // A listing does not carry the key type (Key Vault's list does not return it): say nothing rather than guess.
        _ => key.Algorithm == KeyAlgorithm.Unspecified ? "" : Name(key.Algorithm),
    };

    public static void Show(Terminal terminal, KeyMetadata key)
    {
        var table = new Table().HideHeaders().AddColumns("", "");
        table.AddRow("name", Markup.Escape(key.Name));
        table.AddRow("key id", Markup.Escape(key.KeyId));
        table.AddRow("type", Shape(key));
        table.AddRow("enabled", key.Enabled ? "yes" : "no");
        table.AddRow("operations", Markup.Escape(string.Join(", ", key.Operations)));
        table.AddRow("tags", Markup.Escape(string.Join(", ", key.Tags.Select(tag => $"{tag.Key}={tag.Value}"))));
        table.AddRow("created", key.CreatedAt?.ToDateTimeOffset().ToString("u") ?? "");
        table.AddRow("updated", key.UpdatedAt?.ToDateTimeOffset().ToString("u") ?? "");
        terminal.Console.Write(table);
    }

    // Key Vault's listing carries names, attributes and tags, not the key type or its operations (`keys show` has them).
    public static void List(Terminal terminal, IReadOnlyList<KeyMetadata> keys)
    {
        var table = new Table().AddColumns("name", "enabled", "tags", "created", "updated");
        foreach (var key in keys)
        {
            table.AddRow(
                Markup.Escape(key.Name), key.Enabled ? "yes" : "no",
                Markup.Escape(string.Join(", ", key.Tags.Select(tag => $"{tag.Key}={tag.Value}"))),
                key.CreatedAt?.ToDateTimeOffset().ToString("u") ?? "", key.UpdatedAt?.ToDateTimeOffset().ToString("u") ?? "");
        }

        terminal.Console.Write(table);
        terminal.Console.WriteLine($"{keys.Count} key(s)");
    }

    private static string Name(KeyAlgorithm algorithm) => algorithm switch
    {
        KeyAlgorithm.Rsa => "RSA",
        KeyAlgorithm.Ecc => "EC",
        KeyAlgorithm.Ecdsa => "ECDSA",
        _ => algorithm.ToString(),
    };
}
