using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Supacrypt.Backend.Security;

/// <summary>
/// One complete CRL (RFC 5280 §5), read from a PEM or DER file or URL: who issued it, when, until when it may be used, its
/// CRL number, which serial numbers it revokes. Its signature is checked against the issuing authority before any of
/// that is believed. A list that is not a complete list of the issuer's revoked certificates (a delta CRL, a CRL
/// scoped by an issuing distribution point, an indirect CRL) or that carries a critical extension this class does
/// not understand is refused when loaded, so that it can never be mistaken for one that is.
/// </summary>
internal sealed class RevocationList
{
    private readonly byte[] _signedPart;
    private readonly string _signatureAlgorithm;
    private readonly byte[] _signature;
    private readonly HashSet<string> _revokedSerials;

    private RevocationList(
        string path, X500DistinguishedName issuer, DateTimeOffset thisUpdate, DateTimeOffset? nextUpdate, BigInteger? number,
        HashSet<string> revoked, byte[] signedPart, string algorithm, byte[] signature)
    {
        Path = path;
        Issuer = issuer;
        ThisUpdate = thisUpdate;
        NextUpdate = nextUpdate;
        Number = number;
        _revokedSerials = revoked;
        _signedPart = signedPart;
        _signatureAlgorithm = algorithm;
        _signature = signature;
    }

    /// <summary>The file or URL the list was read from.</summary>
    public string Path { get; }

    public X500DistinguishedName Issuer { get; }

    public DateTimeOffset ThisUpdate { get; }

    public DateTimeOffset? NextUpdate { get; }

    /// <summary>The CRLNumber extension (RFC 5280 §5.2.3), when the list carries one.</summary>
    public BigInteger? Number { get; }

    public static RevocationList Load(string path) => Parse(path, File.ReadAllBytes(path));

    /// <summary>Reads a PEM or DER list; <paramref name="source"/> (its file or URL) names it in every message.</summary>
    public static RevocationList Parse(string source, byte[] bytes)
    {
        var text = System.Text.Encoding.ASCII.GetString(bytes);
        var der = PemEncoding.TryFind(text, out var fields) && text[fields.Label] == "X509 CRL"
            ? Convert.FromBase64String(text[fields.Base64Data])
            : bytes;
        try
        {
            return ParseDer(source, der);
        }
        catch (AsnContentException exception)
        {
            throw new CryptographicException($"'{source}' is not a certificate revocation list (PEM or DER): {exception.Message}", exception);
        }
    }

    /// <summary>
    /// Among <paramref name="lists"/> issued and signed by <paramref name="issuer"/>, the newest: the highest CRL
    /// number when every candidate has one, otherwise (and among equal numbers) the latest thisUpdate.
    /// </summary>
    public static RevocationList? ForIssuer(IEnumerable<RevocationList> lists, X509Certificate2 issuer) =>
        Newest(lists.Where(candidate => candidate.IsSignedBy(issuer)).ToList());

    /// <summary>The newest list of each issuer named in <paramref name="lists"/>, judged by name only (signatures are checked on use).</summary>
    public static IEnumerable<RevocationList> NewestPerIssuer(IEnumerable<RevocationList> lists) =>
        lists.GroupBy(list => Convert.ToHexString(list.Issuer.RawData)).Select(group => Newest(group.ToList())!);

    /// <summary>
    /// True when this list precedes <paramref name="other"/> of the same issuer: a lower CRL number when both carry
    /// one (the issuer's own sequence, RFC 5280 §5.2.3), otherwise (or at the same number) an earlier thisUpdate.
    /// </summary>
    public bool IsOlderThan(RevocationList other) =>
        Number is { } number && other.Number is { } otherNumber && number != otherNumber
            ? number < otherNumber
            : ThisUpdate < other.ThisUpdate;

    public bool HasExpired(DateTimeOffset now) => NextUpdate is not { } nextUpdate || nextUpdate < now;

    /// <summary>Less than a quarter of the time between thisUpdate and nextUpdate is left: the publisher should have renewed it.</summary>
    public bool IsNearExpiry(DateTimeOffset now) => NextUpdate is { } nextUpdate && nextUpdate - now < (nextUpdate - ThisUpdate) / 4;

    /// <summary>
    /// RFC 5280 §6.3.3 (f): a CRL is believed only from an authority whose certificate carries the key usage extension
    /// with cRLSign; this service asks for the extension to be present, as every CA certificate should have it.
    /// </summary>
    public static bool MaySignLists(X509Certificate2 authority) =>
        authority.Extensions.OfType<X509KeyUsageExtension>().Any(usage => usage.KeyUsages.HasFlag(X509KeyUsageFlags.CrlSign));

    private static RevocationList? Newest(List<RevocationList> candidates)
    {
        if (candidates.Count == 0)
        {
            return null;
        }

        var numbered = candidates.All(candidate => candidate.Number is not null);
        var ordered = numbered
            ? candidates.OrderByDescending(candidate => candidate.Number!.Value).ThenByDescending(candidate => candidate.ThisUpdate)
            : candidates.OrderByDescending(candidate => candidate.ThisUpdate).ThenByDescending(candidate => candidate.Number ?? BigInteger.MinusOne);
        return ordered.First();
    }

    public bool Revokes(X509Certificate2 certificate) => _revokedSerials.Contains(NormalizeSerial(certificate.SerialNumberBytes.Span));

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

    // A serial number is compared as the big-endian content octets of its INTEGER with leading zero octets removed,
    // the same way on the certificate's side and the CRL's: a serial whose first octet has the high bit set (which a
    // non-conforming CA may encode with or without the 0x00 that keeps it positive) matches either way, and no side is
    // read as signed while the other is read as unsigned.
    private static string NormalizeSerial(ReadOnlySpan<byte> content)
    {
        var start = 0;
        while (start < content.Length - 1 && content[start] == 0)
        {
            start++;
        }

        return Convert.ToHexString(content[start..]);
    }

    // CertificateList ::= SEQUENCE { tbsCertList, signatureAlgorithm, signatureValue BIT STRING }
    private static RevocationList ParseDer(string path, byte[] der)
    {
        var outer = new AsnReader(der, AsnEncodingRules.DER);
        var list = outer.ReadSequence();
        outer.ThrowIfNotEmpty();
        var signedPart = list.ReadEncodedValue().ToArray();
        var algorithm = list.ReadSequence().ReadObjectIdentifier();
        var signature = list.ReadBitString(out _);
        list.ThrowIfNotEmpty();

        // TBSCertList ::= SEQUENCE { version?, signature, issuer, thisUpdate, nextUpdate?, revokedCertificates?, [0] crlExtensions? }
        var tbs = new AsnReader(signedPart, AsnEncodingRules.DER).ReadSequence();
        if (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
        {
            tbs.ReadInteger();
        }

        tbs.ReadSequence();
        var issuer = new X500DistinguishedName(tbs.ReadEncodedValue().Span);
        var thisUpdate = ReadTime(tbs);
        DateTimeOffset? nextUpdate = tbs.HasData && IsTime(tbs.PeekTag()) ? ReadTime(tbs) : null;
        var revoked = new HashSet<string>(StringComparer.Ordinal);
        if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
        {
            // revokedCertificates ::= SEQUENCE OF SEQUENCE { userCertificate INTEGER, revocationDate Time, crlEntryExtensions Extensions? }
            var entries = tbs.ReadSequence();
            while (entries.HasData)
            {
                var entry = entries.ReadSequence();
                if (!entry.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
                {
                    throw new AsnContentException("a revoked certificate entry does not start with a serial number");
                }

                var serial = NormalizeSerial(entry.PeekContentBytes().Span);
                entry.ReadEncodedValue();
                ReadTime(entry);
                if (entry.HasData)
                {
                    RevocationListExtensions.CheckEntry(path, serial, entry.ReadSequence());
                }

                entry.ThrowIfNotEmpty();
                revoked.Add(serial);
            }
        }

        BigInteger? number = null;
        var extensionsTag = new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true);
        if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(extensionsTag))
        {
            var extensions = tbs.ReadSequence(extensionsTag);
            number = RevocationListExtensions.CheckList(path, extensions.ReadSequence());
            extensions.ThrowIfNotEmpty();
        }

        tbs.ThrowIfNotEmpty();
        return new RevocationList(path, issuer, thisUpdate, nextUpdate, number, revoked, signedPart, algorithm, signature);
    }

    private static bool IsTime(Asn1Tag tag) => tag.HasSameClassAndValue(Asn1Tag.UtcTime) || tag.HasSameClassAndValue(Asn1Tag.GeneralizedTime);

    private static DateTimeOffset ReadTime(AsnReader reader) =>
        reader.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) ? reader.ReadUtcTime() : reader.ReadGeneralizedTime();
}
