using System.Net.Http.Json;
using Supacrypt.Tests.Infrastructure;
using Supacrypt.V1;

namespace Supacrypt.Tests.Backend;

[Collection(BackendTests.Name)]
public sealed class KeyCatalogTests(BackendFixture fixture)
{
    [Fact]
    public async Task Get_key_returns_metadata_and_the_public_key_only_when_asked()
    {
        var created = await fixture.Client.CreateAsync(TestKey.P384);

        var withoutKey = await fixture.Client.GetKeyAsync(new GetKeyRequest { KeyId = created.Metadata.Name });
        var pinned = await fixture.Client.GetKeyAsync(new GetKeyRequest { KeyId = created.Metadata.KeyId, IncludePublicKey = true });

        Assert.Equal(created.Metadata.KeyId, withoutKey.Success.Metadata.KeyId);
        Assert.Equal(KeyAlgorithm.Ecc, withoutKey.Success.Metadata.Algorithm);
        Assert.Null(withoutKey.Success.PublicKey);
        Assert.Equal(created.PublicKey.KeyData, pinned.Success.PublicKey.KeyData);
        Assert.Equal(ECCCurve.P384, pinned.Success.Metadata.Parameters.EccParams.Curve);
    }

    [Fact]
    public async Task Get_key_of_an_unknown_name_or_version_is_key_not_found()
    {
        var created = await fixture.SharedKeyAsync(TestKey.P256);

        var unknownName = await fixture.Client.GetKeyAsync(new GetKeyRequest { KeyId = KeyNames.Unique("nobody") });
        var unknownVersion = await fixture.Client.GetKeyAsync(new GetKeyRequest { KeyId = created.Metadata.Name + "/" + new string('0', 32) });

        Assert.Equal(ErrorCode.KeyNotFound, unknownName.Error.Code);
        Assert.Equal(ErrorCode.KeyNotFound, unknownVersion.Error.Code);
    }

    [Fact]
    public async Task List_keys_pages_through_a_filtered_listing_without_gaps_or_repeats()
    {
        var prefix = KeyNames.Unique("page");
        var names = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            names.Add((await fixture.Client.CreateAsync(TestKey.P256, $"{prefix}-{i}")).Metadata.Name);
        }

        var seen = new List<string>();
        var token = "";
        var pages = 0;
        do
        {
            var page = await fixture.Client.ListKeysAsync(new ListKeysRequest { Filter = prefix, PageSize = 3, PageToken = token });
            Assert.True(page.Success.Keys.Count <= 3);
            Assert.Equal((uint)page.Success.Keys.Count, page.Success.TotalCount);
            seen.AddRange(page.Success.Keys.Select(key => key.Name));
            Assert.All(page.Success.Keys, key => Assert.Equal(key.Name, key.KeyId));
            token = page.Success.NextPageToken;
            pages++;
        }
        while (token.Length > 0 && pages < 10);

        Assert.Equal(names.Order(), seen.Order());
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task List_keys_hides_disabled_keys_unless_asked()
    {
        var prefix = KeyNames.Unique("disabled");
        await fixture.Client.CreateAsync(TestKey.P256, $"{prefix}-on");
        var off = await fixture.Client.CreateAsync(TestKey.P256, $"{prefix}-off");
        await DisableAsync(off.Metadata.Name);

        var visible = await fixture.Client.ListKeysAsync(new ListKeysRequest { Filter = prefix });
        var all = await fixture.Client.ListKeysAsync(new ListKeysRequest { Filter = prefix, IncludeDisabled = true });

        Assert.Equal([$"{prefix}-on"], visible.Success.Keys.Select(key => key.Name));
        Assert.Equal(2, all.Success.Keys.Count);
        Assert.False(all.Success.Keys.Single(key => key.Name == off.Metadata.Name).Enabled);
    }

    [Theory]
    [InlineData(101u, "")]
    [InlineData(10u, "not-a-token")]
    [InlineData(10u, "eyJzIjoiaHR0cHM6Ly9ldmlsLmV4YW1wbGUvIiwibyI6LTF9")]
    public async Task List_keys_refuses_a_bad_page_size_or_token(uint pageSize, string token)
    {
        var response = await fixture.Client.ListKeysAsync(new ListKeysRequest { PageSize = pageSize, PageToken = token });

        Assert.Equal(ErrorCode.InvalidRequest, response.Error.Code);
    }

    [Fact]
    public async Task List_keys_refuses_a_token_from_another_filter()
    {
        var prefix = KeyNames.Unique("tok");
        for (var i = 0; i < 2; i++)
        {
            await fixture.Client.CreateAsync(TestKey.P256, $"{prefix}-{i}");
        }

        var first = await fixture.Client.ListKeysAsync(new ListKeysRequest { Filter = prefix, PageSize = 1 });
        var mismatched = await fixture.Client.ListKeysAsync(new ListKeysRequest { Filter = "other", PageSize = 1, PageToken = first.Success.NextPageToken });

        Assert.NotEmpty(first.Success.NextPageToken);
        Assert.Equal(ErrorCode.InvalidRequest, mismatched.Error.Code);
    }

    [Fact]
    public async Task Delete_key_soft_deletes_and_the_name_stays_taken()
    {
        var created = await fixture.Client.CreateAsync(TestKey.P256);

        var deleted = await fixture.Client.DeleteKeyAsync(new DeleteKeyRequest { KeyId = created.Metadata.Name });
        var lookup = await fixture.Client.GetKeyAsync(new GetKeyRequest { KeyId = created.Metadata.Name });
        var sign = await fixture.Client.SignDataAsync(new SignDataRequest { KeyId = created.Metadata.Name });
        var recreate = await fixture.Client.GenerateKeyAsync(ContractKeys.Ec(created.Metadata.Name, ECCCurve.P256));

        Assert.Equal(created.Metadata.Name, deleted.Success.KeyId);
        Assert.InRange(deleted.Success.DeletedAt.ToDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal(ErrorCode.KeyNotFound, lookup.Error.Code);
        Assert.Equal(ErrorCode.KeyNotFound, sign.Error.Code);
        Assert.Equal(ErrorCode.KeyAlreadyExists, recreate.Error.Code);
    }

    [Fact]
    public async Task Delete_key_with_force_purges_so_the_name_can_be_reused()
    {
        var created = await fixture.Client.CreateAsync(TestKey.P256);

        var deleted = await fixture.Client.DeleteKeyAsync(new DeleteKeyRequest { KeyId = created.Metadata.Name, Force = true });
        Assert.Equal(DeleteKeyResponse.ResultOneofCase.Success, deleted.ResultCase);

        // Key Vault purges asynchronously (the fixture's emulator takes a second): KEY_ALREADY_EXISTS until then.
        var recreate = ContractKeys.Ec(created.Metadata.Name, ECCCurve.P256);
        var recreated = await fixture.Client.GenerateKeyAsync(recreate);
        var deadline = DateTimeOffset.UtcNow.AddMinutes(1);
        while (recreated.Error?.Code == ErrorCode.KeyAlreadyExists && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200));
            recreated = await fixture.Client.GenerateKeyAsync(recreate);
        }

        Assert.Equal(GenerateKeyResponse.ResultOneofCase.Success, recreated.ResultCase);
        Assert.NotEqual(created.Metadata.KeyId, recreated.Success.Metadata.KeyId);
    }

    // A DeleteKey retried after a first attempt that went through (its answer lost) meets 404 from Key Vault.
    [Fact]
    public async Task Delete_key_repeated_reports_the_key_deleted_both_times()
    {
        var created = await fixture.Client.CreateAsync(TestKey.P256);

        var first = await fixture.Client.DeleteKeyAsync(new DeleteKeyRequest { KeyId = created.Metadata.Name });
        var again = await fixture.Client.DeleteKeyAsync(new DeleteKeyRequest { KeyId = created.Metadata.Name });

        Assert.Equal(DeleteKeyResponse.ResultOneofCase.Success, first.ResultCase);
        Assert.True(again.ResultCase == DeleteKeyResponse.ResultOneofCase.Success, $"the repeated delete failed: {again.Error}");
        Assert.Equal(first.Success.DeletedAt, again.Success.DeletedAt);
    }

    [Fact]
    public async Task Delete_key_of_a_version_or_an_unknown_key_is_refused()
    {
        var created = await fixture.SharedKeyAsync(TestKey.P256);

        var versioned = await fixture.Client.DeleteKeyAsync(new DeleteKeyRequest { KeyId = created.Metadata.KeyId });
        var unknown = await fixture.Client.DeleteKeyAsync(new DeleteKeyRequest { KeyId = KeyNames.Unique("ghost") });

        Assert.Equal(ErrorCode.InvalidRequest, versioned.Error.Code);
        Assert.Equal(ErrorCode.KeyNotFound, unknown.Error.Code);
    }

    private async Task DisableAsync(string name)
    {
        using var client = fixture.Emulator.CreateClient();
        using var response = await client.PatchAsJsonAsync($"keys/{name}/?api-version=7.5", new { attributes = new { enabled = false } });
        response.EnsureSuccessStatusCode();
    }
}
