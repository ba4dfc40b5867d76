using System.Security.Cryptography;
using Supacrypt.KeyVaultEmulator.Api;
using Supacrypt.KeyVaultEmulator.Json;

namespace Supacrypt.KeyVaultEmulator.Keys;

/// <summary>Generates key material as the emulated vault kind does (size, exponent, curve) or refuses.</summary>
public static class KeyMaterialFactory
{
    public static KeyMaterial Generate(string kty, KeyCreateParameters request, EmulatedVaultKind vault = EmulatedVaultKind.Vault)
    {
        ArgumentNullException.ThrowIfNull(request);
        return KeyTypes.IsRsa(kty) ? GenerateRsa(request, vault) : GenerateEc(request);
    }

    private static KeyMaterial GenerateRsa(KeyCreateParameters request, EmulatedVaultKind vault)
    {
        if (request.Curve is not null)
        {
            throw KeyVaultErrors.BadParameter("'crv' applies to EC keys only; an RSA key takes 'key_size' and 'public_exponent'.");
        }

        var size = request.KeySize ?? 2048;
        if (size is not (2048 or 3072 or 4096))
        {
            throw KeyVaultErrors.BadParameter($"The RSA key size {size} is not supported; use 2048, 3072 or 4096.");
        }

        // A vault (standard or premium) ignores public_exponent and always makes 65537; Managed HSM honours it.
        var exponent = vault == EmulatedVaultKind.ManagedHsm ? request.PublicExponent ?? 65537 : 65537;
        if (exponent is not (65537 or 3))
        {
            throw KeyVaultErrors.BadParameter($"The RSA public exponent {exponent} is not supported; use 65537 or 3.");
        }

        return KeyMaterial.FromRsa(RsaKeyBuilder.Generate(size, exponent));
    }

    private static KeyMaterial GenerateEc(KeyCreateParameters request)
    {
        if (request.KeySize is not null || request.PublicExponent is not null)
        {
            throw KeyVaultErrors.BadParameter("'key_size' and 'public_exponent' apply to RSA keys only; an EC key takes 'crv'.");
        }

        var curveName = request.Curve ?? EcCurves.P256;
        if (!EcCurves.TryGet(curveName, out var curve))
        {
            throw KeyVaultErrors.BadParameter(
                $"The curve '{curveName}' is not supported; use one of {string.Join(", ", EcCurves.All)}.");
        }

        try
        {
            using var ecdsa = ECDsa.Create(curve);
            return KeyMaterial.FromEc(ecdsa.ExportParameters(includePrivateParameters: true), curveName);
        }
        catch (Exception error) when (error is CryptographicException or PlatformNotSupportedException)
        {
            throw KeyVaultErrors.BadParameter($"The curve '{curveName}' is not available on this platform: {error.Message}");
        }
    }
}
