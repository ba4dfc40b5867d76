using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Supacrypt.Backend.Security;

/// <summary>
/// One CRL (RFC 5280 §5), read from a PEM or DER file: who issued it, until when it may be used, which serial numbers
/// it revokes. Its signature is checked against the issuing authority before any of that is believed.
/// </summary>
internal sealed class RevocationList
{
    private readonly byte[] _signedPart;
    private readonly string _signatureAlgorithm;
    private readonly byte[] _signature;
    private readonly HashSet<BigInteger> _revokedSerials;

    private RevocationList(string path, X500DistinguishedName issuer, DateTimeOffset? nextUpdate, HashSet<BigInteger> revoked, byte[] signedPart, string algorithm, byte[] signature)
    {
        Path = path;
        Issuer = issuer;
        NextUpdate = nextUpdate;
        _revokedSerials = revoked;
        _signedPart = signedPart;
        _signatureAlgorithm = algorithm;
        _signature = signature;
    }

    public string Path { get; }

    public X500DistinguishedName Issuer { get; }

    public DateTimeOffset? NextUpdate { get; }

    public static RevocationList Load(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var text = System.Text.Encoding.ASCII.GetString(bytes);
        var der = PemEncoding.TryFind(text, out var fields) && text[fields.Label] == "X509 CRL"
            ? Convert.FromBase64String(text[fields.Base64Data])
            : bytes;
        try
        {
            return Parse(path, der);
        }
        catch (AsnContentException exception)
        {
            throw new CryptographicException($"'{path}' is not a certificate revocation list (PEM or DER): {exception.Message}", exception);
        }
    }

    public bool Revokes(X509Certificate2 certificate) =>
        _revokedSerials.Contains(new BigInteger(certificate.SerialNumberBytes.Span, isUnsigned: true, isBigEndian: true));

    /// <summary>True when <paramref name="authority"/> issued this list and signed it.</summary>
    public bool IsSignedBy(X509Certificate2 authority)
    {
        if (!authority.SubjectName.RawData.AsSpan().SequenceEqual(Issuer.RawData))
        {
            return false;
        }

        var hash = _signatureAlgorithm switch
        {
            "1.2.840.10045.4.3.2" or "1.2.840.113549.1.1.11" => HashAlgorithmName.SHA256,
            "1.2.840.10045.4.3.3" or "1.2.840.113549.1.1.12" => HashAlgorithmName.SHA384,
            "1.2.840.10045.4.3.4" or "1.2.840.113549.1.1.13" => HashAlgorithmName.SHA512,
            _ => default,
        };
        if (hash == default)
        {
            return false;
        }

        using var ecdsa = authority.GetECDsaPublicKey();
        if (ecdsa is not null)
        {
            return ecdsa.VerifyData(_signedPart, _signature, hash, DSASignatureFormat.Rfc3279DerSequence);
        }

        using var rsa = authority.GetRSAPublicKey();
        return rsa is not null && rsa.VerifyData(_signedPart, _signature, hash, RSASignaturePadding.Pkcs1);
    }

    // CertificateList ::= SEQUENCE { tbsCertList, signatureAlgorithm, signatureValue BIT STRING }
    private static RevocationList Parse(string path, byte[] der)
    {
        var list = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        var signedPart = list.ReadEncodedValue().ToArray();
        var algorithm = list.ReadSequence().ReadObjectIdentifier();
        var signature = list.ReadBitString(out _);

        // TBSCertList ::= SEQUENCE { version?, signature, issuer, thisUpdate, nextUpdate?, revokedCertificates?, [0] extensions? }
        var tbs = new AsnReader(signedPart, AsnEncodingRules.DER).ReadSequence();
        if (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
        {
            tbs.ReadInteger();
        }

        tbs.ReadSequence();
        var issuer = new X500DistinguishedName(tbs.ReadEncodedValue().Span);
        ReadTime(tbs);
        DateTimeOffset? nextUpdate = tbs.HasData && IsTime(tbs.PeekTag()) ? ReadTime(tbs) : null;
        var revoked = new HashSet<BigInteger>();
        if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
        {
            var entries = tbs.ReadSequence();
            while (entries.HasData)
            {
                revoked.Add(entries.ReadSequence().ReadInteger());
            }
        }

        return new RevocationList(path, issuer, nextUpdate, revoked, signedPart, algorithm, signature);
    }

    private static bool IsTime(Asn1Tag tag) => tag.HasSameClassAndValue(Asn1Tag.UtcTime) || tag.HasSameClassAndValue(Asn1Tag.GeneralizedTime);

    private static DateTimeOffset ReadTime(AsnReader reader) =>
        reader.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) ? reader.ReadUtcTime() : reader.ReadGeneralizedTime();
}
