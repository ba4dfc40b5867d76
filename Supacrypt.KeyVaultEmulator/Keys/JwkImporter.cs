using System.Security.Cryptography;
using Supacrypt.KeyVaultEmulator.Api;
using Supacrypt.KeyVaultEmulator.Json;

namespace Supacrypt.KeyVaultEmulator.Keys;

/// <summary>Turns a private JWK (import request or persisted document) into key material, checking it really works.</summary>
public static class JwkImporter
{
    public static KeyMaterial ToMaterial(JsonWebKeyModel jwk, bool isRsa)
    {
        ArgumentNullException.ThrowIfNull(jwk);
        try
        {
            return isRsa ? ImportRsa(jwk) : ImportEc(jwk);
        }
        catch (CryptographicException error)
        {
            throw KeyVaultErrors.BadParameter($"The key material is not a valid {(isRsa ? "RSA" : "EC")} private key: {error.Message}");
        }
    }

    private static KeyMaterial ImportRsa(JsonWebKeyModel jwk)
    {
        var parameters = new RSAParameters
        {
            Modulus = Required(jwk.N, "n"), Exponent = Required(jwk.E, "e"), D = Required(jwk.D, "d"),
            P = Required(jwk.P, "p"), Q = Required(jwk.Q, "q"), DP = Required(jwk.DP, "dp"),
            DQ = Required(jwk.DQ, "dq"), InverseQ = Required(jwk.QI, "qi"),
        };
        var bits = parameters.Modulus.SkipWhile(b => b == 0).Count() * 8;
        if (bits is not (2048 or 3072 or 4096))
        {
            throw KeyVaultErrors.BadParameter("RSA keys must have a 2048, 3072 or 4096-bit modulus.");
        }

        using var rsa = RSA.Create();
        rsa.ImportParameters(parameters);
        return KeyMaterial.FromRsa(rsa.ExportParameters(includePrivateParameters: true));
    }

    private static KeyMaterial ImportEc(JsonWebKeyModel jwk)
    {
        if (!EcCurves.TryGet(jwk.Crv, out var curve))
        {
            throw KeyVaultErrors.BadParameter($"The curve '{jwk.Crv}' is not supported; use one of {string.Join(", ", EcCurves.All)}.");
        }

        var parameters = new ECParameters
        {
            Curve = curve,
            Q = new ECPoint { X = Required(jwk.X, "x"), Y = Required(jwk.Y, "y") },
            D = Required(jwk.D, "d"),
        };
        using var ecdsa = ECDsa.Create(parameters);
        return KeyMaterial.FromEc(ecdsa.ExportParameters(includePrivateParameters: true), jwk.Crv!);
    }

    private static byte[] Required(string? value, string member) =>
        Base64Url.TryDecode(value, out var bytes) && bytes.Length > 0
            ? bytes
            : throw KeyVaultErrors.BadParameter($"The JSON web key member '{member}' is missing or not base64url.");
}
