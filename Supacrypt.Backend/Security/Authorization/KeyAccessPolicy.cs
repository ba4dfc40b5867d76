using System.Security.Cryptography.X509Certificates;

namespace Supacrypt.Backend.Security;

/// <summary>
/// Deny by default: a caller may run an RPC on a key only when an entry of <c>Security:Authorization:Clients</c>
/// names its certificate (subject or SHA-256 thumbprint), grants a role that includes the RPC, and lists a prefix of
/// the key's name (or no prefixes at all).
/// </summary>
internal sealed class KeyAccessPolicy
{
    private static readonly Dictionary<ClientRole, HashSet<string>> RoleOperations = new()
    {
        [ClientRole.Administrator] = ["GenerateKey", "SignData", "VerifySignature", "GetKey", "ListKeys", "DeleteKey", "EncryptData", "DecryptData"],
        [ClientRole.KeyAdministrator] = ["GenerateKey", "DeleteKey", "GetKey", "ListKeys"],
        [ClientRole.CryptoUser] = ["SignData", "VerifySignature", "EncryptData", "DecryptData", "GetKey", "ListKeys"],
    };

    private readonly IReadOnlyList<Grant> _grants;

    public KeyAccessPolicy(IEnumerable<AuthorizedClient> clients)
    {
        _grants = clients.Select(Grant.From).ToList();
    }

    /// <summary>True when <paramref name="caller"/> may run <paramref name="rpc"/> on the key <paramref name="keyName"/> (null: no key, as for ListKeys).</summary>
    public bool Allows(CallerIdentity caller, string rpc, string? keyName) =>
        _grants.Any(grant => grant.Matches(caller)
            && grant.Roles.Any(role => RoleOperations[role].Contains(rpc))
            && (keyName is null || grant.Covers(keyName)));

    /// <summary>True when a listing by <paramref name="caller"/> may show <paramref name="keyName"/>.</summary>
    public bool Shows(CallerIdentity caller, string keyName) => Allows(caller, "ListKeys", keyName);

    private sealed record Grant(string? Subject, string? Thumbprint, IReadOnlyList<ClientRole> Roles, IReadOnlyList<string> KeyPrefixes)
    {
        public static Grant From(AuthorizedClient client) => new(
            string.IsNullOrWhiteSpace(client.Subject) ? null : new X500DistinguishedName(client.Subject).Name,
            string.IsNullOrWhiteSpace(client.Thumbprint) ? null : client.Thumbprint.Replace(":", "", StringComparison.Ordinal).Trim(),
            client.Roles,
            client.KeyPrefixes);

        public bool Matches(CallerIdentity caller) =>
            !caller.IsAnonymous
            && (Thumbprint is null || Thumbprint.Equals(caller.Thumbprint, StringComparison.OrdinalIgnoreCase))
            && (Subject is null || Subject.Equals(caller.Subject, StringComparison.Ordinal))
            && (Thumbprint is not null || Subject is not null);

        public bool Covers(string keyName) =>
            KeyPrefixes.Count == 0 || KeyPrefixes.Any(prefix => keyName.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
    }
}
