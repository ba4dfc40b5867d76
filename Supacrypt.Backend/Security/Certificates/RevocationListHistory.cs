namespace Supacrypt.Backend.Security;

/// <summary>
/// Rollback protection (RFC 5280 §5.2.3): per issuer, the newest list accepted so far, from any file or URL. A list
/// older than that one (a lower CRL number or an earlier thisUpdate) is refused, naming where it came from, and the
/// newer one stays in force: whoever can replace a CRL file or answer for a CRL URL cannot bring back a list from
/// before a revocation.
/// </summary>
internal sealed class RevocationListHistory(ILogger<RevocationListHistory> logger)
{
    private readonly Dictionary<string, RevocationList> _newest = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>The list to use for <paramref name="candidate"/>'s source: the candidate, or the newer one already accepted.</summary>
    public RevocationList Admit(RevocationList candidate)
    {
        var issuer = Convert.ToHexString(candidate.Issuer.RawData);
        lock (_gate)
        {
            if (_newest.TryGetValue(issuer, out var newest) && candidate.IsOlderThan(newest))
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
