using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Google.Protobuf;
using Supacrypt.Tests.Infrastructure;
using Supacrypt.Tests.Interop;
using Supacrypt.V1;

namespace Supacrypt.Tests.Security;

[Collection(BackendTests.Name)]
public sealed class AuthorizationTests(BackendFixture fixture) : IAsyncLifetime, IDisposable
{
    private const string KeyAdministrator = "CN=authz-key-administrator";
    private const string CryptoUser = "CN=authz-crypto-user";
    private const string Unlisted = "CN=authz-unlisted";

    private static readonly string[] Rpcs = ["GenerateKey", "SignData", "VerifySignature", "GetKey", "ListKeys", "DeleteKey", "EncryptData", "DecryptData"];

    private static readonly string[] AdministratorRole = ["Administrator"];
    private static readonly string[] KeyAdministratorRole = ["KeyAdministrator"];
    private static readonly string[] CryptoUserRole = ["CryptoUser"];
    private readonly TempDirectory _directory = new();
    private readonly Reliability.ErrorLogs _errors = new();
    private SecuredBackend _backend = null!;

    private string PolicyPath => _directory.File("policy.json");

    public async Task InitializeAsync()
    {
        await WritePolicyAsync(cryptoUserPrefixes: ["app-"]);
        _backend = SecuredBackend.Start(fixture.Emulator.VaultUri, _ => { }, _errors, watchedJsonFile: PolicyPath);
    }

    public async Task DisposeAsync() => await _backend.DisposeAsync();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Each_role_may_call_exactly_its_operations_and_an_unlisted_certificate_nothing()
    {
        var expected = new Dictionary<string, string[]>
        {
            [TestCertificates.Shared.Client.Subject] = Rpcs,
            [KeyAdministrator] = ["GenerateKey", "DeleteKey", "GetKey", "ListKeys"],
            [CryptoUser] = ["SignData", "VerifySignature", "EncryptData", "DecryptData", "GetKey", "ListKeys"],
            [Unlisted] = [],
        };
        var mismatches = new List<string>();
        foreach (var (subject, allowed) in expected)
        {
            var client = Client(subject);
            foreach (var rpc in Rpcs)
            {
                var refused = await CallAsync(client, rpc, $"app-authz-{Guid.NewGuid():N}") is { Code: ErrorCode.AuthorizationFailed };
                if (refused == allowed.Contains(rpc))
                {
                    mismatches.Add($"{subject} {rpc}: {(refused ? "refused" : "allowed")}");
                }
            }
        }

        Assert.Empty(mismatches);
    }

    [Fact]
    public async Task A_caller_is_held_to_its_key_prefixes_and_a_refusal_does_not_tell_whether_the_key_exists()
    {
        var existing = $"other-{Guid.NewGuid():N}";
        var missing = $"other-{Guid.NewGuid():N}";
        await Client(TestCertificates.Shared.Client.Subject).CreateAsync(TestKey.P256, existing);
        var user = Client(CryptoUser);

        var onExisting = await CallAsync(user, "SignData", existing);
        var onMissing = await CallAsync(user, "SignData", missing);

        Assert.Equal(ErrorCode.AuthorizationFailed, onExisting?.Code);
        Assert.Equal(ErrorCode.AuthorizationFailed, onMissing?.Code);
        Assert.Equal(onExisting!.Message.Replace(existing, "KEY", StringComparison.Ordinal), onMissing!.Message.Replace(missing, "KEY", StringComparison.Ordinal));
        Assert.Null(await CallAsync(user, "GetKey", await AppKeyAsync()));
    }

    [Fact]
    public async Task ListKeys_shows_a_caller_only_the_keys_within_its_prefixes()
    {
        var inside = await AppKeyAsync();
        var outside = $"other-{Guid.NewGuid():N}";
        await Client(TestCertificates.Shared.Client.Subject).CreateAsync(TestKey.P256, outside);

        var seenByUser = await ListAllAsync(Client(CryptoUser));
        var seenByAdministrator = await ListAllAsync(Client(TestCertificates.Shared.Client.Subject));

        Assert.Contains(inside, seenByUser);
        Assert.All(seenByUser, name => Assert.StartsWith("app-", name, StringComparison.Ordinal));
        Assert.Contains(outside, seenByAdministrator);
    }

    [Fact]
    public async Task ListKeys_answers_a_filter_matching_only_hidden_keys_as_if_nothing_matched()
    {
        // Two hidden keys under one fresh prefix: whatever the listing order, a match is followed by another item,
        // so a listing that counted hidden keys would stop after the first with a non-empty page token.
        var hidden = $"other-{Guid.NewGuid():N}";
        await Client(TestCertificates.Shared.Client.Subject).CreateAsync(TestKey.P256, hidden + "-a");
        await Client(TestCertificates.Shared.Client.Subject).CreateAsync(TestKey.P256, hidden + "-b");
        var user = Client(CryptoUser);

        var onHidden = await user.ListKeysAsync(new ListKeysRequest { Filter = hidden, PageSize = 1 });
        var onNothing = await user.ListKeysAsync(new ListKeysRequest { Filter = $"other-{Guid.NewGuid():N}", PageSize = 1 });

        Assert.Equal(ListKeysResponse.ResultOneofCase.Success, onHidden.ResultCase);
        Assert.Empty(onHidden.Success.Keys);
        Assert.Equal("", onHidden.Success.NextPageToken);
        Assert.Equal(0u, onHidden.Success.TotalCount);
        Assert.Equal(onNothing.Success, onHidden.Success);
    }

    [Fact]
    public async Task A_policy_change_applies_without_a_restart()
    {
        var outside = $"other-{Guid.NewGuid():N}";
        await Client(TestCertificates.Shared.Client.Subject).CreateAsync(TestKey.P256, outside);
        var user = Client(CryptoUser);
        Assert.Equal(ErrorCode.AuthorizationFailed, (await CallAsync(user, "GetKey", outside))?.Code);

        await WritePolicyAsync(cryptoUserPrefixes: ["app-", "other-"]);
        await Eventually.HoldsAsync(async () => await CallAsync(user, "GetKey", outside) is null, "Applying the wider grant");

        await WritePolicyAsync(cryptoUserPrefixes: null);
        await Eventually.HoldsAsync(async () => (await CallAsync(user, "GetKey", outside))?.Code == ErrorCode.AuthorizationFailed, "Removing the client");
    }

    [Fact]
    public async Task An_invalid_policy_change_is_not_applied_and_a_later_valid_one_is()
    {
        var outside = $"other-{Guid.NewGuid():N}";
        await Client(TestCertificates.Shared.Client.Subject).CreateAsync(TestKey.P256, outside);
        var user = Client(CryptoUser);

        await WritePolicyAsync(cryptoUserPrefixes: [""]);
        await Eventually.HoldsAsync(() => Task.FromResult(_errors.Entries.Any(entry => entry.Contains("were not applied", StringComparison.Ordinal))), "Reporting the rejected change");
        Assert.Equal(ErrorCode.AuthorizationFailed, (await CallAsync(user, "GetKey", outside))?.Code);

        await WritePolicyAsync(cryptoUserPrefixes: ["app-", "other-"]);
        await Eventually.HoldsAsync(async () => await CallAsync(user, "GetKey", outside) is null, "Applying the valid change");
    }

    private SupacryptService.SupacryptServiceClient Client(string subject) =>
        _backend.ClientFor(subject == TestCertificates.Shared.Client.Subject ? TestCertificates.Shared.Client : Certificates.GetOrAdd(subject, TestCertificates.Shared.IssueClient));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, X509Certificate2> Certificates = new();

    private async Task<string> AppKeyAsync()
    {
        var name = $"app-{Guid.NewGuid():N}";
        await Client(TestCertificates.Shared.Client.Subject).CreateAsync(TestKey.P256, name);
        return name;
    }

    private static async Task<List<string>> ListAllAsync(SupacryptService.SupacryptServiceClient client)
    {
        var names = new List<string>();
        var token = "";
        do
        {
            var page = await client.ListKeysAsync(new ListKeysRequest { PageSize = 100, PageToken = token });
            Assert.Equal(ListKeysResponse.ResultOneofCase.Success, page.ResultCase);
            names.AddRange(page.Success.Keys.Select(key => key.Name));
            token = page.Success.NextPageToken;
        }
        while (token.Length > 0);
        return names;
    }

    /// <summary>The in-band error of <paramref name="rpc"/> on <paramref name="key"/>, or null when it succeeded.</summary>
    private static async Task<ErrorDetails?> CallAsync(SupacryptService.SupacryptServiceClient client, string rpc, string key)
    {
        var data = ByteString.CopyFromUtf8("authorization test");
        return rpc switch
        {
            "GenerateKey" => (await client.GenerateKeyAsync(new GenerateKeyRequest { Name = key, Algorithm = KeyAlgorithm.Ecc })).Error,
            "SignData" => (await client.SignDataAsync(new SignDataRequest { KeyId = key, Data = data })).Error,
            "VerifySignature" => (await client.VerifySignatureAsync(new VerifySignatureRequest { KeyId = key, Data = data, Signature = ByteString.CopyFrom(new byte[64]) })).Error,
            "GetKey" => (await client.GetKeyAsync(new GetKeyRequest { KeyId = key })).Error,
            "ListKeys" => (await client.ListKeysAsync(new ListKeysRequest { PageSize = 1 })).Error,
            "DeleteKey" => (await client.DeleteKeyAsync(new DeleteKeyRequest { KeyId = key })).Error,
            "EncryptData" => (await client.EncryptDataAsync(new EncryptDataRequest { KeyId = key, Plaintext = data })).Error,
            "DecryptData" => (await client.DecryptDataAsync(new DecryptDataRequest { KeyId = key, Ciphertext = ByteString.CopyFrom(new byte[256]) })).Error,
            _ => throw new ArgumentOutOfRangeException(nameof(rpc)),
        };
    }

    // Written whole to a temporary file and moved into place, so the watcher never reads half a policy.
    private async Task WritePolicyAsync(string[]? cryptoUserPrefixes)
    {
        var clients = new List<object>
        {
            new { Subject = TestCertificates.Shared.Client.Subject, Roles = AdministratorRole },
            new { Subject = KeyAdministrator, Roles = KeyAdministratorRole },
        };
        if (cryptoUserPrefixes is not null)
        {
            clients.Add(new { Subject = CryptoUser, Roles = CryptoUserRole, KeyPrefixes = cryptoUserPrefixes });
        }

        var json = JsonSerializer.Serialize(new { Security = new { Authorization = new { Clients = clients } } });
        var staging = PolicyPath + ".new";
        await File.WriteAllTextAsync(staging, json);
        File.Move(staging, PolicyPath, overwrite: true);
    }
}
