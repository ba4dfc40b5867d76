using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;

namespace Supacrypt.Backend.Security;

/// <summary>
/// The extensions of a CRL and of its entries, judged before the list is used: only a complete list of the issuer's
/// revoked certificates, with no critical extension this reader does not process, may decide about a certificate.
/// </summary>
internal static class RevocationListExtensions
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

    // RFC 5280 §5.2: a CRL with a critical extension the reader does not process must not be used; a delta CRL or one
    // scoped by an issuing distribution point is not the complete list this class is taken for, whatever its criticality.
    public static BigInteger? CheckList(string path, AsnReader extensions)
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
    public static void CheckEntry(string path, string serial, AsnReader extensions)
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
}
