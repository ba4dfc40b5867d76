using Microsoft.Extensions.Options;
using Supacrypt.Backend.KeyVault;
using Supacrypt.Backend.KeyVault.Models;
using Supacrypt.Backend.Telemetry;

namespace Supacrypt.Backend.Keys;

public sealed record GeneratedKey(KeyDescription Key, KeyFamily RequestedAlgorithm);

/// <summary>
/// GenerateKey: validates every parameter against what the configured vault can honour, refuses an existing name,
/// and creates the key in Key Vault, so that one new name is created exactly once.
/// </summary>
public sealed class KeyGeneration(
    KeyVaultKeyClient client, PublicKeyCache cache, IOptions<KeyVaultOptions> options, KeyCreateRace race, KeyNameLocks locks)
{
    public async Task<GeneratedKey> GenerateAsync(
        string name,
        KeyRequest request,
        IReadOnlyDictionary<string, string> tags,
        IReadOnlyList<string> operations,
        OperationTags telemetry,
        CancellationToken cancellationToken)
    {
        var spec = KeySpecification.Resolve(request);
        if (string.IsNullOrEmpty(name))
        {
            throw new KeyOperationException(KeyError.InvalidRequest, "name is required: 1 to 127 letters, digits and hyphens.");
        }

        KeyReference.EnsureValidName(name, "name");
        var keyOps = KeyOperationNames.Normalize(operations, spec.Kind);
        KeyTags.Validate(tags);
        var managedHsm = options.Value.VaultKind == KeyVaultKind.ManagedHsm;
        if (spec.Kind == KeyKind.Rsa && spec.PublicExponent != 65537 && !managedHsm)
        {
            // A vault ignores public_exponent and makes 65537; refusing here leaves no key the caller did not ask for.
            throw new KeyOperationException(
                KeyError.InvalidRequest,
                $"public_exponent {spec.PublicExponent} is not available: this backend uses a Key Vault vault, which creates RSA keys with exponent 65537 only (Managed HSM honours public_exponent). Omit it or use 65537.");
        }

        var create = new KeyCreateParameters
        {
            Kty = (spec.Kind, options.Value.KeyType == KeyVaultKeyType.Hsm) switch
            {
                (KeyKind.Rsa, false) => "RSA",
                (KeyKind.Rsa, true) => "RSA-HSM",
                (KeyKind.Ec, false) => "EC",
                _ => "EC-HSM",
            },
            KeySize = spec.Kind == KeyKind.Rsa ? spec.ModulusBits : null,
            PublicExponent = spec.Kind == KeyKind.Rsa && managedHsm ? spec.PublicExponent : null,
            Crv = spec.Kind == KeyKind.Ec ? Curves.Name(spec.Curve) : null,
            KeyOps = keyOps,
            Attributes = new KeyAttributes { Enabled = true },
            Tags = tags.Count == 0 ? null : tags,
        };

        // Within this replica one create per name at a time; the second caller then finds the name taken.
        using (await locks.AcquireAsync(name, cancellationToken))
        {
            await EnsureNameIsFreeAsync(name, cancellationToken);
            var key = telemetry.Describe(await CreateAsync(name, create, cancellationToken));
            await race.EnsureWonAsync(key, cancellationToken);
            if (key.Kind != spec.Kind || key.ModulusBits != spec.ModulusBits || key.PublicExponent != spec.PublicExponent || key.Curve != spec.Curve)
            {
                // Not retryable: a retry would only meet KEY_ALREADY_EXISTS. The caller learns which key now exists.
                var mismatch = new KeyOperationException(
                    KeyError.AzureKvError,
                    $"Key Vault created key '{key.KeyId}' with other parameters than requested; it exists in the vault: use it as it is or delete it.");
                mismatch.Context["key_id"] = key.KeyId;
                throw mismatch;
            }

            return new GeneratedKey(key, request.Algorithm);
        }
    }

    private async Task<KeyDescription> CreateAsync(string name, KeyCreateParameters create, CancellationToken cancellationToken)
    {
        try
        {
            var bundle = await client.CreateKeyAsync(name, create, cancellationToken);
            return KeyDescription.From(bundle);
        }
        catch (KeyVaultException exception) when (exception.Status == 409)
        {
            throw new KeyOperationException(
                KeyError.KeyAlreadyExists,
                $"A deleted key named '{name}' still exists in the vault (or was purged moments ago); purge or recover it, or wait, before reusing the name.",
                exception.ErrorCode);
        }
        finally
        {
            cache.Evict(name);
        }
    }

    // Key Vault silently adds a new version when a name exists; the contract promises KEY_ALREADY_EXISTS instead.
    private async Task EnsureNameIsFreeAsync(string name, CancellationToken cancellationToken)
    {
        if (await NameExistsAsync(name, cancellationToken))
        {
            throw new KeyOperationException(KeyError.KeyAlreadyExists, $"A key named '{name}' already exists; choose another name or delete it first.");
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
