using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Supacrypt.Backend.Keys;

namespace Supacrypt.Backend.Security;

/// <summary>Who is calling: the subject and SHA-256 thumbprint of the certificate authentication accepted.</summary>
public sealed record CallerIdentity(string Subject, string Thumbprint)
{
    // A connection presents the same certificate object on every call: hash and decode it once, not on each call.
    // Keyed weakly by that object, so an entry lives exactly as long as the connection's certificate.
    private static readonly ConditionalWeakTable<X509Certificate2, CallerIdentity> Presented = [];

    public static CallerIdentity Anonymous { get; } = new("anonymous", "");

    public bool IsAnonymous => Thumbprint.Length == 0;

    public static CallerIdentity Of(HttpContext context)
    {
        var user = context.User;
        var thumbprint = user.FindFirst(ClaimTypes.Thumbprint)?.Value;
        return thumbprint is null ? Anonymous : new CallerIdentity(user.FindFirst(ClaimTypes.X500DistinguishedName)?.Value ?? "", thumbprint);
    }

    /// <summary>Who a certificate says it is, whether or not it was accepted.</summary>
    public static CallerIdentity Presenting(X509Certificate2 certificate) =>
        Presented.GetValue(certificate, static presented => new(presented.SubjectName.Name, Convert.ToHexString(presented.GetCertHash(HashAlgorithmName.SHA256))));

    /// <summary>The SHA-256 thumbprint, hex: how the policy, the audit record and the validator's cache name a certificate.</summary>
    public static string ThumbprintOf(X509Certificate2 certificate) => Presenting(certificate).Thumbprint;

    /// <summary>A certificate subject as it may appear in a log line.</summary>
    public static string Printable(string subject) => KeyReference.Printable(subject);
}
