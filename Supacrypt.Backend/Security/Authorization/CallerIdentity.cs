using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Supacrypt.Backend.Keys;

namespace Supacrypt.Backend.Security;

/// <summary>Who is calling: the subject and SHA-256 thumbprint of the certificate authentication accepted.</summary>
public sealed record CallerIdentity(string Subject, string Thumbprint)
{
    public static CallerIdentity Anonymous { get; } = new("anonymous", "");

    public bool IsAnonymous => Thumbprint.Length == 0;

    public static CallerIdentity Of(HttpContext context)
    {
        var user = context.User;
        var thumbprint = user.FindFirst(ClaimTypes.Thumbprint)?.Value;
        return thumbprint is null ? Anonymous : new CallerIdentity(user.FindFirst(ClaimTypes.X500DistinguishedName)?.Value ?? "", thumbprint);
    }

    /// <summary>Who a certificate says it is, whether or not it was accepted.</summary>
    public static CallerIdentity Presenting(X509Certificate2 certificate) => new(certificate.SubjectName.Name, ThumbprintOf(certificate));

    /// <summary>The SHA-256 thumbprint, hex: how the policy, the audit record and the validator's cache name a certificate.</summary>
    public static string ThumbprintOf(X509Certificate2 certificate) => Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256));

    /// <summary>A certificate subject as it may appear in a log line.</summary>
    public static string Printable(string subject) => KeyReference.Printable(subject);
}
