using System.Security.Cryptography.X509Certificates;

namespace Supacrypt.Backend.Security;

/// <summary>
/// Rollback protection (RFC 5280 §5.2.3): per issuer, the newest list accepted so far, from any file or URL. A list
/// older than that one (a lower CRL number or an earlier thisUpdate) is refused, naming where it came from, and the
/// newer one stays in force: whoever can replace a CRL file or answer for a CRL URL cannot bring back a list from
/// before a revocation. A list naming a configured authority as issuer is remembered only when that authority signed
/// it, so a forged list with a high CRL number cannot lock the genuine ones out. (Lists of intermediate authorities,
/// which are not configured, are remembered by issuer name; their signatures are checked when used.)
/// </summary>
internal sealed class RevocationListHistory(ILogger<RevocationListHistory> logger)
{
    private readonly Dictionary<string, RevocationList> _newest = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>The list to use for <paramref name="candidate"/>'s source: the candidate, or the newer one already accepted.</summary>
    public RevocationList Admit(RevocationList candidate, X509Certificate2Collection authorities)
    {
        var issuer = Convert.ToHexString(candidate.Issuer.RawData);
        var named = authorities.Where(authority => authority.SubjectName.RawData.AsSpan().SequenceEqual(candidate.Issuer.RawData)).ToList();
        var forged = named.Count > 0 && !named.Any(candidate.IsSignedBy);
        lock (_gate)
        {
            _newest.TryGetValue(issuer, out var newest);
            if (forged)
            {
                // Unusable either way (validation checks the signature too); the list accepted before stays in force.
                logger.LogError(
                    "Certificate revocation list '{Source}' names {Issuer} as issuer but is not signed by it; it is not used",
                    candidate.Path, CallerIdentity.Printable(candidate.Issuer.Name));
                return newest ?? candidate;
            }

            if (newest is not null && candidate.IsOlderThan(newest))
            {
                logger.LogError(
                    "Certificate revocation list '{Source}' of {Issuer} is refused: it is older (CRL number {Number}, thisUpdate {ThisUpdate:O}) than the list already accepted from '{Newest}' (CRL number {NewestNumber}, thisUpdate {NewestThisUpdate:O}), which stays in force",
                    candidate.Path, CallerIdentity.Printable(candidate.Issuer.Name), candidate.Number, candidate.ThisUpdate,
                    newest.Path, newest.Number, newest.ThisUpdate);
                return newest;
            }

            _newest[issuer] = candidate;
            return candidate;
        }
    }
}
