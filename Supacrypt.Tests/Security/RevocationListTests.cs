using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Supacrypt.Backend.Security;
using Supacrypt.Tests.Interop;

namespace Supacrypt.Tests.Security;

/// <summary>
/// <see cref="RevocationList"/> on its own: which CRLs it refuses to load (delta, scoped, indirect, critical extensions
/// it does not understand), how it matches serial numbers, and which of several lists of one issuer it picks. CRLs
/// that <see cref="CertificateRevocationListBuilder"/> can make come from it; the others are written with
/// <see cref="AsnWriter"/> and signed with the authority's P-256 key.
/// </summary>
public sealed class RevocationListTests : IDisposable
{
    private const string EcdsaWithSha256 = "1.2.840.10045.4.3.2";
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private readonly TempDirectory _directory = new();
    private readonly X509Certificate2 _authority = CreateAuthority("CN=Revocation Test CA");

    public void Dispose()
    {
        _authority.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public void A_complete_list_with_a_CRL_number_loads_and_exposes_number_and_this_update()
    {
        var thisUpdate = Now.AddMinutes(-5);
        var builder = new CertificateRevocationListBuilder();
        builder.AddEntry([0x10, 0x01], Now.AddMinutes(-10));
        var path = Save(builder.Build(_authority, 42, Now.AddDays(7), HashAlgorithmName.SHA256, thisUpdate: thisUpdate));

        var list = RevocationList.Load(path);

        Assert.Equal(new BigInteger(42), list.Number);
        Assert.Equal(thisUpdate.ToUnixTimeSeconds(), list.ThisUpdate.ToUnixTimeSeconds());
        Assert.True(list.IsSignedBy(_authority));
    }

    [Fact]
    public void A_hand_written_list_with_understood_and_non_critical_unknown_extensions_loads()
    {
        var path = Save(WriteList(
            extensions: [(CrlNumber, false, Integer(7)), ("1.3.6.1.4.1.55555.1", false, Integer(1)), (IssuingDistributionPoint, true, EmptyIdp())],
            entries: [([0x05], [(ReasonCode, false, Enumerated(1))])]));

        var list = RevocationList.Load(path);

        Assert.Equal(new BigInteger(7), list.Number);
        Assert.True(list.IsSignedBy(_authority));
    }

    [Fact]
    public void A_delta_list_is_refused()
    {
        var path = Save(WriteList(extensions: [(CrlNumber, false, Integer(8)), (DeltaCrlIndicator, true, Integer(7))]));

        var exception = Assert.Throws<CryptographicException>(() => RevocationList.Load(path));
        Assert.Contains("delta CRL", exception.Message);
        Assert.Contains(path, exception.Message);
    }

    [Theory]
    [InlineData(1, "onlyContainsUserCerts")]
    [InlineData(2, "onlyContainsCACerts")]
    [InlineData(4, "indirectCRL")]
    [InlineData(0, "distributionPoint")]
    public void A_list_scoped_by_its_issuing_distribution_point_is_refused(int field, string name)
    {
        var idp = new AsnWriter(AsnEncodingRules.DER);
        using (idp.PushSequence())
        {
            if (field == 0)
            {
                // distributionPoint [0] { fullName [0] { uniformResourceIdentifier [6] } }
                using (idp.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
                using (idp.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
                {
                    idp.WriteCharacterString(UniversalTagNumber.IA5String, "http://crl.example/users.crl", new Asn1Tag(TagClass.ContextSpecific, 6));
                }
            }
            else
            {
                idp.WriteBoolean(true, new Asn1Tag(TagClass.ContextSpecific, field));
            }
        }

        var path = Save(WriteList(extensions: [(IssuingDistributionPoint, true, idp.Encode())]));

        var exception = Assert.Throws<CryptographicException>(() => RevocationList.Load(path));
        Assert.Contains(name, exception.Message);
    }

    [Fact]
    public void A_list_with_an_unknown_critical_extension_is_refused()
    {
        var path = Save(WriteList(extensions: [(CrlNumber, false, Integer(3)), ("1.3.6.1.4.1.55555.2", true, Integer(1))]));

        var exception = Assert.Throws<CryptographicException>(() => RevocationList.Load(path));
        Assert.Contains("1.3.6.1.4.1.55555.2", exception.Message);
    }

    [Fact]
    public void An_entry_with_an_unknown_critical_extension_is_refused()
    {
        var path = Save(WriteList(entries: [([0x05], [("1.3.6.1.4.1.55555.3", true, Integer(1))])]));

        var exception = Assert.Throws<CryptographicException>(() => RevocationList.Load(path));
        Assert.Contains("1.3.6.1.4.1.55555.3", exception.Message);
    }

    [Fact]
    public void An_entry_naming_another_certificate_issuer_is_refused()
    {
        var names = new AsnWriter(AsnEncodingRules.DER);
        using (names.PushSequence())
        {
            // directoryName [4] EXPLICIT Name
            using (names.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 4, true)))
            {
                names.WriteEncodedValue(new X500DistinguishedName("CN=Other CA").RawData);
            }
        }

        var path = Save(WriteList(entries: [([0x05], [(CertificateIssuer, true, names.Encode())])]));

        var exception = Assert.Throws<CryptographicException>(() => RevocationList.Load(path));
        Assert.Contains("CertificateIssuer", exception.Message);
    }

    [Fact]
    public void For_issuer_picks_the_highest_CRL_number_among_lists_the_issuer_signed()
    {
        using var stranger = CreateAuthority("CN=Revocation Test CA");
        var older = LoadBuilt(_authority, 9, Now.AddMinutes(-1));
        var newer = LoadBuilt(_authority, 10, Now.AddHours(-1));
        var forged = LoadBuilt(stranger, 99, Now);

        Assert.Same(newer, RevocationList.ForIssuer([forged, older, newer], _authority));
        Assert.Same(newer, RevocationList.ForIssuer([newer, forged, older], _authority));
        Assert.Null(RevocationList.ForIssuer([forged], _authority));
    }

    [Fact]
    public void For_issuer_breaks_equal_CRL_numbers_by_the_latest_this_update()
    {
        var earlier = LoadBuilt(_authority, 5, Now.AddHours(-2));
        var later = LoadBuilt(_authority, 5, Now.AddHours(-1));

        Assert.Same(later, RevocationList.ForIssuer([later, earlier], _authority));
        Assert.Same(later, RevocationList.ForIssuer([earlier, later], _authority));
    }

    // 0x8001 with the high bit set: a conforming encoding of serial 32769 is 00 80 01, a non-conforming CA writes 80 01.
    [Theory]
    [InlineData(new byte[] { 0x80, 0x01 }, new byte[] { 0x80, 0x01 })]
    [InlineData(new byte[] { 0x00, 0x80, 0x01 }, new byte[] { 0x80, 0x01 })]
    [InlineData(new byte[] { 0x80, 0x01 }, new byte[] { 0x00, 0x80, 0x01 })]
    [InlineData(new byte[] { 0x00, 0xFF, 0x7A, 0x31, 0x02 }, new byte[] { 0xFF, 0x7A, 0x31, 0x02 })]
    public void A_serial_matches_its_entry_however_the_high_bit_is_encoded(byte[] certificateSerial, byte[] entrySerial)
    {
        using var certificate = IssueLeaf(certificateSerial);
        Assert.Equal(certificateSerial, certificate.SerialNumberBytes.ToArray());
        var list = RevocationList.Load(Save(WriteList(entries: [(entrySerial, [])])));

        Assert.True(list.Revokes(certificate));
    }

    [Fact]
    public void A_serial_that_differs_is_not_revoked()
    {
        using var certificate = IssueLeaf([0x00, 0x80, 0x01]);
        var list = RevocationList.Load(Save(WriteList(entries: [([0x80, 0x02], []), ([0x01], [])])));

        Assert.False(list.Revokes(certificate));
    }

    private const string CrlNumber = "2.5.29.20";
    private const string DeltaCrlIndicator = "2.5.29.27";
    private const string IssuingDistributionPoint = "2.5.29.28";
    private const string ReasonCode = "2.5.29.21";
    private const string CertificateIssuer = "2.5.29.29";

    private RevocationList LoadBuilt(X509Certificate2 authority, int number, DateTimeOffset thisUpdate)
    {
        var builder = new CertificateRevocationListBuilder();
        return RevocationList.Load(Save(builder.Build(authority, number, Now.AddDays(7), HashAlgorithmName.SHA256, thisUpdate: thisUpdate)));
    }

    private string Save(byte[] der)
    {
        var path = _directory.File($"{Guid.NewGuid():N}.crl");
        File.WriteAllText(path, PemEncoding.WriteString("X509 CRL", der));
        return path;
    }

    private static X509Certificate2 CreateAuthority(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(Now.AddDays(-1), Now.AddDays(30));
    }

    // A leaf whose serialNumber INTEGER carries exactly these content octets, even a non-conforming (negative) one.
    private X509Certificate2 IssueLeaf(byte[] serial)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var tbs = new AsnWriter(AsnEncodingRules.DER);
        using (tbs.PushSequence())
        {
            using (tbs.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
            {
                tbs.WriteInteger(2);
            }

            WriteRawInteger(tbs, serial);
            WriteAlgorithm(tbs);
            tbs.WriteEncodedValue(_authority.SubjectName.RawData);
            using (tbs.PushSequence())
            {
                tbs.WriteUtcTime(Now.AddDays(-1));
                tbs.WriteUtcTime(Now.AddDays(10));
            }

            tbs.WriteEncodedValue(new X500DistinguishedName("CN=serial-test").RawData);
            tbs.WriteEncodedValue(key.ExportSubjectPublicKeyInfo());
        }

        return X509CertificateLoader.LoadCertificate(Sign(tbs.Encode()));
    }

    private byte[] WriteList(
        (string Oid, bool Critical, byte[] Value)[]? extensions = null,
        (byte[] Serial, (string Oid, bool Critical, byte[] Value)[] Extensions)[]? entries = null)
    {
        var tbs = new AsnWriter(AsnEncodingRules.DER);
        using (tbs.PushSequence())
        {
            tbs.WriteInteger(1);
            WriteAlgorithm(tbs);
            tbs.WriteEncodedValue(_authority.SubjectName.RawData);
            tbs.WriteUtcTime(Now.AddMinutes(-5));
            tbs.WriteUtcTime(Now.AddDays(7));
            if (entries is { Length: > 0 })
            {
                using (tbs.PushSequence())
                {
                    foreach (var (serial, entryExtensions) in entries)
                    {
                        using (tbs.PushSequence())
                        {
                            WriteRawInteger(tbs, serial);
                            tbs.WriteUtcTime(Now.AddMinutes(-10));
                            if (entryExtensions.Length > 0)
                            {
                                WriteExtensions(tbs, entryExtensions);
                            }
                        }
                    }
                }
            }

            if (extensions is { Length: > 0 })
            {
                using (tbs.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
                {
                    WriteExtensions(tbs, extensions);
                }
            }
        }

        return Sign(tbs.Encode());
    }

    private byte[] Sign(byte[] tbs)
    {
        using var key = _authority.GetECDsaPrivateKey()!;
        var signed = new AsnWriter(AsnEncodingRules.DER);
        using (signed.PushSequence())
        {
            signed.WriteEncodedValue(tbs);
            WriteAlgorithm(signed);
            signed.WriteBitString(key.SignData(tbs, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        }

        return signed.Encode();
    }

    private static void WriteExtensions(AsnWriter writer, (string Oid, bool Critical, byte[] Value)[] extensions)
    {
        using (writer.PushSequence())
        {
            foreach (var (oid, critical, value) in extensions)
            {
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(oid);
                    if (critical)
                    {
                        writer.WriteBoolean(true);
                    }

                    writer.WriteOctetString(value);
                }
            }
        }
    }

    private static void WriteAlgorithm(AsnWriter writer)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(EcdsaWithSha256);
        }
    }

    // AsnWriter.WriteInteger refuses non-minimal content; a serial is written here byte for byte as a CA might.
    private static void WriteRawInteger(AsnWriter writer, byte[] content) =>
        writer.WriteEncodedValue([0x02, (byte)content.Length, .. content]);

    private static byte[] Integer(int value)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteInteger(value);
        return writer.Encode();
    }

    private static byte[] Enumerated(int value)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteEnumeratedValue((X509RevocationReason)value);
        return writer.Encode();
    }

    private static byte[] EmptyIdp()
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
        }

        return writer.Encode();
    }
}
