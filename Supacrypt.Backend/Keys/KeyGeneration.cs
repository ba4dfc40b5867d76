using Microsoft.Extensions.Options;
using Supacrypt.Backend.KeyVault;
using Supacrypt.Backend.KeyVault.Models;
using Supacrypt.V1;

namespace Supacrypt.Backend.Keys;

public sealed record GeneratedKey(KeyDescription Key, KeyAlgorithm RequestedAlgorithm);

/// <summary>GenerateKey: validates every parameter, refuses an existing name, and creates the key in Key Vault.</summary>
public sealed class KeyGeneration(KeyVaultKeyClient client, PublicKeyCache cache, IOptions<KeyVaultOptions> options)
{
    public async Task<GeneratedKey> GenerateAsync(
        string name,
        KeyAlgorithm algorithm,
        KeyParameters? parameters,
        IReadOnlyDictionary<string, string> tags,
        IReadOnlyList<string> operations,
        CancellationToken cancellationToken)
    {
        var spec = KeySpecification.Resolve(algorithm, parameters);
        if (string.IsNullOrEmpty(name))
        {
            throw new KeyOperationException(ErrorCode.InvalidRequest, "name is required: 1 to 127 letters, digits and hyphens.");
        }

        KeyReference.EnsureValidName(name, "name");
        var keyOps = KeyOperationNames.Normalize(operations, spec.Kind);
        KeyTags.Validate(tags);

        await EnsureNameIsFreeAsync(name, cancellationToken);
        var hsm = options.Value.KeyType == KeyVaultKeyType.Hsm;
        var create = new KeyCreateParameters
        {
            Kty = (spec.Kind, hsm) switch
            {
                (KeyKind.Rsa, false) => "RSA",
                (KeyKind.Rsa, true) => "RSA-HSM",
                (KeyKind.Ec, false) => "EC",
                _ => "EC-HSM",
            },
            KeySize = spec.Kind == KeyKind.Rsa ? spec.ModulusBits : null,
            PublicExponent = spec.Kind == KeyKind.Rsa ? spec.PublicExponent : null,
            Crv = spec.Kind == KeyKind.Ec ? Curves.Name(spec.Curve) : null,
            KeyOps = keyOps,
            Attributes = new KeyAttributes { Enabled = true },
            Tags = tags.Count == 0 ? null : tags,
        };

        KeyBundle bundle;
        try
        {
            bundle = await client.CreateKeyAsync(name, create, cancellationToken);
        }
        catch (KeyVaultException exception) when (exception.Status == 409)
        {
            throw new KeyOperationException(
                ErrorCode.KeyAlreadyExists,
                $"A deleted key named '{name}' still exists in the vault; purge or recover it before reusing the name.",
                exception.ErrorCode);
        }

        cache.Evict(name);
        var key = KeyDescription.From(bundle);
        if (key.Kind != spec.Kind || key.ModulusBits != spec.ModulusBits || key.PublicExponent != spec.PublicExponent || key.Curve != spec.Curve)
        {
            throw new KeyVaultException(502, "InvalidResponse", $"Key Vault created key '{name}' with other parameters than requested.");
        }

        return new GeneratedKey(key, algorithm);
    }

    // Key Vault silently adds a new version when a name exists; the contract promises KEY_ALREADY_EXISTS instead.
    private async Task EnsureNameIsFreeAsync(string name, CancellationToken cancellationToken)
    {
        if (await NameExistsAsync(name, cancellationToken))
        {
            throw new KeyOperationException(ErrorCode.KeyAlreadyExists, $"A key named '{name}' already exists; choose another name or delete it first.");
        }
    }

    private async Task<bool> NameExistsAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await client.GetKeyAsync(name, null, cancellationToken);
            return true;
        }
        catch (KeyVaultException exception) when (exception.Status == 404)
        {
            return false;
        }
        catch (KeyVaultException exception) when (exception is { Status: 403, InnerErrorCode: "KeyDisabled" })
        {
            // Key Vault refuses to read a disabled key; the name is taken all the same.
            return true;
        }
    }
}
