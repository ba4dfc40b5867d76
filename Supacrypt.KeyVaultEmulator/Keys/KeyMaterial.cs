using System.Security.Cryptography;
using Supacrypt.KeyVaultEmulator.Json;

namespace Supacrypt.KeyVaultEmulator.Keys;

/// <summary>
/// The private key of one key version, with a pool of platform key objects imported from it once and reused by
/// every operation on this version (see <see cref="CryptoObjectPool{T}"/>).
/// </summary>
public sealed class KeyMaterial
{
    private readonly RSAParameters _rsa;
    private readonly ECParameters _ec;
    private readonly CryptoObjectPool<RSA>? _rsaPool;
    private readonly CryptoObjectPool<ECDsa>? _ecdsaPool;

    private KeyMaterial(RSAParameters rsa)
    {
        _rsa = rsa;
        IsRsa = true;
        _rsaPool = new CryptoObjectPool<RSA>(ImportRsa);
    }

    private KeyMaterial(ECParameters ec, string curveName)
    {
        _ec = ec;
        CurveName = curveName;
        _ecdsaPool = new CryptoObjectPool<ECDsa>(() => ECDsa.Create(_ec));
    }

    public bool IsRsa { get; }

    /// <summary>Key Vault curve name (P-256, P-256K, P-384, P-521) for EC keys.</summary>
    public string? CurveName { get; }

    public int RsaModulusBytes => IsRsa ? _rsa.Modulus!.Length : 0;

    public static KeyMaterial FromRsa(RSAParameters parameters) => new(parameters);

    public static KeyMaterial FromEc(ECParameters parameters, string curveName) => new(parameters, curveName);

    /// <summary>An RSA object of this key for one operation; dispose the lease to give it back.</summary>
    internal CryptoObjectPool<RSA>.Lease RentRsa() =>
        (_rsaPool ?? throw new InvalidOperationException("This is not an RSA key.")).Rent();

    /// <summary>An ECDsa object of this key for one operation; dispose the lease to give it back.</summary>
    internal CryptoObjectPool<ECDsa>.Lease RentEcdsa() =>
        (_ecdsaPool ?? throw new InvalidOperationException("This is not an EC key.")).Rent();

    private RSA ImportRsa()
    {
        var rsa = RSA.Create();
        rsa.ImportParameters(_rsa);
        return rsa;
    }

    /// <summary>The public JWK members only: never d, p, q, dp, dq, qi.</summary>
    public JsonWebKeyModel ToPublicJwk(string kid, string kty, IEnumerable<string> keyOps) => IsRsa
        ? new JsonWebKeyModel
        {
            Kid = kid, Kty = kty, KeyOps = [.. keyOps],
            N = Base64Url.Encode(_rsa.Modulus), E = Base64Url.Encode(_rsa.Exponent),
        }
        : new JsonWebKeyModel
        {
            Kid = kid, Kty = kty, KeyOps = [.. keyOps], Crv = CurveName,
            X = Base64Url.Encode(_ec.Q.X), Y = Base64Url.Encode(_ec.Q.Y),
        };

    /// <summary>All members, for encrypted persistence only.</summary>
    public JsonWebKeyModel ToPrivateJwk() => IsRsa
        ? new JsonWebKeyModel
        {
            N = Base64Url.Encode(_rsa.Modulus), E = Base64Url.Encode(_rsa.Exponent), D = Base64Url.Encode(_rsa.D),
            P = Base64Url.Encode(_rsa.P), Q = Base64Url.Encode(_rsa.Q), DP = Base64Url.Encode(_rsa.DP),
            DQ = Base64Url.Encode(_rsa.DQ), QI = Base64Url.Encode(_rsa.InverseQ),
        }
        : new JsonWebKeyModel
        {
            Crv = CurveName, X = Base64Url.Encode(_ec.Q.X), Y = Base64Url.Encode(_ec.Q.Y), D = Base64Url.Encode(_ec.D),
        };
}
