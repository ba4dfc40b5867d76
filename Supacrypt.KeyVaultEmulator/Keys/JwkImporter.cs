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
        catch (Exception error) when (error is CryptographicException or PlatformNotSupportedException)
        {
            throw KeyVaultErrors.BadParameter($"The key material is not a valid {(isRsa ? "RSA" : "EC")} private key: {error.Message}");
        }
    }

    private static KeyMaterial ImportRsa(JsonWebKeyModel jwk)
    {
        var modulus = Required(jwk.N, "n").SkipWhile(b => b == 0).ToArray();
        if (modulus.Length * 8 is not (2048 or 3072 or 4096) || modulus[0] < 0x80)
        {
            throw KeyVaultErrors.BadParameter("RSA keys must have a 2048, 3072 or 4096-bit modulus.");
        }

        // JWK members may omit leading zero bytes; the platform wants d as long as n and the CRT values half as long.
        var half = modulus.Length / 2;
        var parameters = new RSAParameters
        {
            Modulus = modulus, Exponent = Required(jwk.E, "e"), D = Fit(Required(jwk.D, "d"), modulus.Length),
            P = Fit(Required(jwk.P, "p"), half), Q = Fit(Required(jwk.Q, "q"), half), DP = Fit(Required(jwk.DP, "dp"), half),
            DQ = Fit(Required(jwk.DQ, "dq"), half), InverseQ = Fit(Required(jwk.QI, "qi"), half),
        };

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

    private static byte[] Fit(byte[] value, int length)
    {
        var significant = value.AsSpan().TrimStart((byte)0);
        if (significant.Length > length)
        {
            throw KeyVaultErrors.BadParameter("An RSA private key member is longer than the modulus allows.");
        }

        var fitted = new byte[length];
        significant.CopyTo(fitted.AsSpan(length - significant.Length));
        return fitted;
    }

    private static byte[] Required(string? value, string member) =>
        Base64Url.TryDecode(value, out var bytes) && bytes.Length > 0
            ? bytes
            : throw KeyVaultErrors.BadParameter($"The JSON web key member '{member}' is missing or not base64url.");
}
