using System.Security.Cryptography.X509Certificates;

namespace Supacrypt.Backend.Security;

/// <summary>
/// What one reading of the security files gave: the server certificate, the trusted authorities and the CRLs.
/// A CRL file that could not be used is kept as a failure, so that validation fails closed and says which file.
/// </summary>
internal sealed record TrustMaterial(
    X509Certificate2? ServerCertificate,
    X509Certificate2Collection Authorities,
    IReadOnlyList<RevocationList> RevocationLists,
    IReadOnlyList<string> RevocationListFailures)
{
    public static TrustMaterial Empty { get; } = new(null, [], [], []);
}
