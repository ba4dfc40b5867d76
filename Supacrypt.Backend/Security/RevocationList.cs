using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Supacrypt.Backend.Security;

/// <summary>
/// One complete CRL (RFC 5280 §5), read from a PEM or DER file: who issued it, when, until when it may be used, its
/// CRL number, which serial numbers it revokes. Its signature is checked against the issuing authority before any of
/// that is believed. A list that is not a complete list of the issuer's revoked certificates (a delta CRL, a CRL
/// scoped by an issuing distribution point, an indirect CRL) or that carries a critical extension this class does
/// not understand is refused when loaded, so that it can never be mistaken for one that is.
/// </summary>
internal sealed class RevocationList
{
    private const string AuthorityKeyIdentifier = "2.5.29.35";
    private const string IssuerAlternativeName = "2.5.29.18";
    private const string CrlNumber = "2.5.29.20";
    private const string DeltaCrlIndicator = "2.5.29.27";
    private const string IssuingDistributionPoint = "2.5.29.28";
    private const string FreshestCrl = "2.5.29.46";
    private const string AuthorityInformationAccess = "1.3.6.1.5.5.7.1.1";

    private const string ReasonCode = "2.5.29.21";
    private const string HoldInstructionCode = "2.5.29.23";
    private const string InvalidityDate = "2.5.29.24";
    private const string CertificateIssuer = "2.5.29.29";

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

    public string Path { get; }

    public X500DistinguishedName Issuer { get; }

    public DateTimeOffset ThisUpdate { get; }

    public DateTimeOffset? NextUpdate { get; }

    /// <summary>The CRLNumber extension (RFC 5280 §5.2.3), when the list carries one.</summary>
    public BigInteger? Number { get; }

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

    /// <summary>
    /// Among <paramref name="lists"/> issued and signed by <paramref name="issuer"/>, the newest: the highest CRL
    /// number when every candidate has one, otherwise (and among equal numbers) the latest thisUpdate.
    /// </summary>
    public static RevocationList? ForIssuer(IEnumerable<RevocationList> lists, X509Certificate2 issuer)
    {
        var candidates = lists.Where(candidate => candidate.IsSignedBy(issuer)).ToList();
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
    private static RevocationList Parse(string path, byte[] der)
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
                    CheckEntryExtensions(path, serial, entry.ReadSequence());
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
            number = CheckListExtensions(path, extensions.ReadSequence());
            extensions.ThrowIfNotEmpty();
        }

        tbs.ThrowIfNotEmpty();
        return new RevocationList(path, issuer, thisUpdate, nextUpdate, number, revoked, signedPart, algorithm, signature);
    }

    // RFC 5280 §5.2: a CRL with a critical extension the reader does not process must not be used; a delta CRL or one
    // scoped by an issuing distribution point is not the complete list this class is taken for, whatever its criticality.
    private static BigInteger? CheckListExtensions(string path, AsnReader extensions)
    {
        BigInteger? number = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (extensions.HasData)
        {
            var (oid, critical, value) = ReadExtension(extensions);
            if (!seen.Add(oid))
            {
                throw new CryptographicException($"'{path}' is refused: the CRL extension {oid} appears more than once");
            }

            switch (oid)
            {
                case DeltaCrlIndicator:
                    throw new CryptographicException($"'{path}' is refused: it is a delta CRL (DeltaCRLIndicator {DeltaCrlIndicator}), which lists only changes since a base CRL; configure the complete CRL instead");
                case IssuingDistributionPoint:
                    CheckIssuingDistributionPoint(path, value);
                    break;
                case CrlNumber:
                    var reader = new AsnReader(value, AsnEncodingRules.DER);
                    number = reader.ReadInteger();
                    reader.ThrowIfNotEmpty();
                    break;
                case AuthorityKeyIdentifier or IssuerAlternativeName or FreshestCrl or AuthorityInformationAccess:
                    break;
                default:
                    if (critical)
                    {
                        throw new CryptographicException($"'{path}' is refused: it carries the critical CRL extension {oid}, which is not understood");
                    }

                    break;
            }
        }

        return number;
    }

    // IssuingDistributionPoint ::= SEQUENCE { distributionPoint [0], onlyContainsUserCerts [1] BOOLEAN DEFAULT FALSE,
    //   onlyContainsCACerts [2], onlySomeReasons [3], indirectCRL [4], onlyContainsAttributeCerts [5] }
    // Any of these makes the list cover less than (or other than) every certificate of its issuer.
    private static void CheckIssuingDistributionPoint(string path, ReadOnlyMemory<byte> value)
    {
        var reader = new AsnReader(value, AsnEncodingRules.DER);
        var point = reader.ReadSequence();
        reader.ThrowIfNotEmpty();
        string[] fields = ["distributionPoint", "onlyContainsUserCerts", "onlyContainsCACerts", "onlySomeReasons", "indirectCRL", "onlyContainsAttributeCerts"];
        var scopes = new List<string>();
        while (point.HasData)
        {
            var tag = point.PeekTag();
            var name = tag.TagClass == TagClass.ContextSpecific && tag.TagValue < fields.Length ? fields[tag.TagValue] : $"[{tag.TagValue}]";
            if (tag.TagClass == TagClass.ContextSpecific && tag.TagValue is 1 or 2 or 4 or 5 && !tag.IsConstructed)
            {
                if (point.ReadBoolean(tag))
                {
                    scopes.Add(name);
                }
            }
            else
            {
                point.ReadEncodedValue();
                scopes.Add(name);
            }
        }

        if (scopes.Count > 0)
        {
            throw new CryptographicException($"'{path}' is refused: its IssuingDistributionPoint ({IssuingDistributionPoint}) limits it to part of the issuer's certificates ({string.Join(", ", scopes)}), so it is not a complete CRL");
        }
    }

    // RFC 5280 §5.3: an entry with a critical extension the reader does not process makes the whole list unusable.
    // CertificateIssuer belongs to indirect CRLs, whose entries may name certificates of other issuers.
    private static void CheckEntryExtensions(string path, string serial, AsnReader extensions)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (extensions.HasData)
        {
            var (oid, critical, _) = ReadExtension(extensions);
            if (!seen.Add(oid))
            {
                throw new CryptographicException($"'{path}' is refused: the entry for serial {serial} carries the extension {oid} more than once");
            }

            switch (oid)
            {
                case CertificateIssuer:
                    throw new CryptographicException($"'{path}' is refused: the entry for serial {serial} carries CertificateIssuer ({CertificateIssuer}), so it is an indirect CRL, which is not supported");
                case ReasonCode or InvalidityDate or HoldInstructionCode:
                    break;
                default:
                    if (critical)
                    {
                        throw new CryptographicException($"'{path}' is refused: the entry for serial {serial} carries the critical extension {oid}, which is not understood");
                    }

                    break;
            }
        }
    }

    // Extension ::= SEQUENCE { extnID OBJECT IDENTIFIER, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }
    private static (string Oid, bool Critical, ReadOnlyMemory<byte> Value) ReadExtension(AsnReader extensions)
    {
        var extension = extensions.ReadSequence();
        var oid = extension.ReadObjectIdentifier();
        var critical = extension.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean) && extension.ReadBoolean();
        var value = extension.ReadOctetString();
        extension.ThrowIfNotEmpty();
        return (oid, critical, value);
    }

    private static bool IsTime(Asn1Tag tag) => tag.HasSameClassAndValue(Asn1Tag.UtcTime) || tag.HasSameClassAndValue(Asn1Tag.GeneralizedTime);

    private static DateTimeOffset ReadTime(AsnReader reader) =>
        reader.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) ? reader.ReadUtcTime() : reader.ReadGeneralizedTime();
}
