using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Supacrypt.Tests.Emulator;

/// <summary>Builds .NET public keys from the JWK the emulator returns, to check its work independently.</summary>
public static class Jwk
{
    public static byte[] Bytes(JsonNode? node) => Base64Url.DecodeFromChars(node!.GetValue<string>());

    public static string Encode(byte[] data) => Base64Url.EncodeToString(data);

    public static RSA PublicRsa(JsonNode jwk)
    {
        var rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters { Modulus = Bytes(jwk["n"]), Exponent = Bytes(jwk["e"]) });
        return rsa;
    }

    public static ECDsa PublicEcdsa(JsonNode jwk)
    {
        var curve = jwk["crv"]!.GetValue<string>() switch
        {
            "P-256" => ECCurve.NamedCurves.nistP256,
            "P-384" => ECCurve.NamedCurves.nistP384,
            "P-521" => ECCurve.NamedCurves.nistP521,
            "P-256K" => ECCurve.CreateFromValue("1.3.132.0.10"),
            var other => throw new ArgumentException($"unknown curve {other}"),
        };
        return ECDsa.Create(new ECParameters { Curve = curve, Q = new ECPoint { X = Bytes(jwk["x"]), Y = Bytes(jwk["y"]) } });
    }

    public static readonly string[] PrivateMembers = ["d", "p", "q", "dp", "dq", "qi"];
}
