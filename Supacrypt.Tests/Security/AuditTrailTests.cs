using System.Collections.Concurrent;
using System.Security.Cryptography;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Supacrypt.Tests.Infrastructure;
using Supacrypt.V1;

namespace Supacrypt.Tests.Security;

[Collection(BackendTests.Name)]
public sealed class AuditTrailTests(BackendFixture fixture)
{
    private const string AuditCategory = "Supacrypt.Audit";

    [Fact]
    public async Task Every_rpc_leaves_one_structured_audit_record_with_caller_key_outcome_and_correlation_id_and_nothing_secret()
    {
        var key = await fixture.SharedKeyAsync(TestKey.P256);
        using var logs = new CapturedLogs();
        await using var backend = SecuredBackend.Start(fixture.Emulator.VaultUri, _ => { }, logs);
        var client = backend.ClientFor(TestCertificates.Shared.Client);
        var data = ByteString.CopyFromUtf8("top secret payload");
        var keyId = $"{key.Metadata.Name}/{key.Metadata.KeyId.Split('/')[^1]}";

        using var call = client.SignDataAsync(new SignDataRequest { KeyId = keyId, Data = data }, new Metadata { { "x-correlation-id", "order-4711" } });
        var signed = await call.ResponseAsync;
        var headers = await call.ResponseHeadersAsync;

        var record = Assert.Single(logs.Records, entry => entry.Category == AuditCategory);
        Assert.Equal("SignData", record.Properties["Rpc"]);
        Assert.Equal(key.Metadata.Name, record.Properties["KeyName"]);
        Assert.Equal(keyId.Split('/')[1], record.Properties["KeyVersion"]);
        Assert.Equal("default", record.Properties["Algorithm"]);
        Assert.Equal(TestCertificates.Shared.Client.Subject, record.Properties["Subject"]);
        Assert.Equal(Convert.ToHexString(TestCertificates.Shared.Client.GetCertHash(HashAlgorithmName.SHA256)), record.Properties["Thumbprint"]);
        Assert.Equal("Success", record.Properties["Outcome"]);
        Assert.True(record.Properties.ContainsKey("ElapsedMs"));
        Assert.Equal("order-4711", record.Properties["CorrelationId"]);
        Assert.Equal("order-4711", headers.GetValue("x-correlation-id"));
        Assert.All(logs.Records, entry =>
        {
            Assert.DoesNotContain("top secret payload", entry.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToBase64String(signed.Success.Signature.Span), entry.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_key_generation_is_audited_with_the_algorithm_and_size_it_asked_for()
    {
        using var logs = new CapturedLogs();
        await using var backend = SecuredBackend.Start(fixture.Emulator.VaultUri, _ => { }, logs);
        var client = backend.ClientFor(TestCertificates.Shared.Client);

        await client.GenerateKeyAsync(ContractKeys.Rsa(KeyNames.Unique("audited-rsa"), RSAKeySize._3072));

        var record = Assert.Single(logs.Records, entry => entry.Category == AuditCategory);
        Assert.Equal("GenerateKey", record.Properties["Rpc"]);
        Assert.Equal("Rsa 3072", record.Properties["Algorithm"]);
    }

    [Fact]
    public async Task Authorization_refusals_are_audited_and_the_trace_id_stands_in_for_a_missing_correlation_id()
    {
        using var logs = new CapturedLogs();
        await using var backend = SecuredBackend.Start(fixture.Emulator.VaultUri, _ => { }, logs);
        var stranger = TestCertificates.Shared.IssueClient("CN=audit-stranger");

        using var call = backend.ClientFor(stranger).GetKeyAsync(new GetKeyRequest { KeyId = "someone-elses-key" });
        var response = await call.ResponseAsync;
        var correlationId = (await call.ResponseHeadersAsync).GetValue("x-correlation-id");

        Assert.Equal(ErrorCode.AuthorizationFailed, response.Error.Code);
        var record = Assert.Single(logs.Records, entry => entry.Category == AuditCategory);
        Assert.Equal("AuthorizationFailed", record.Properties["Outcome"]);
        Assert.Equal("CN=audit-stranger", record.Properties["Subject"]);
        Assert.Matches("^[0-9a-f]{32}$", correlationId);
        Assert.Equal(correlationId, record.Properties["CorrelationId"]);
    }

    [Fact]
    public async Task A_call_without_a_certificate_is_refused_and_audited()
    {
        using var logs = new CapturedLogs();
        await using var backend = SecuredBackend.Start(fixture.Emulator.VaultUri, _ => { }, logs);

        var refusal = await Assert.ThrowsAsync<RpcException>(async () =>
            await backend.ClientFor(null).ListKeysAsync(new ListKeysRequest(), new Metadata { { "x-correlation-id", "no-cert-1" } }));

        Assert.Equal(StatusCode.Unauthenticated, refusal.StatusCode);
        var record = Assert.Single(logs.Records, entry => entry.Category == AuditCategory);
        Assert.Equal("ListKeys", record.Properties["Rpc"]);
        Assert.Equal("Unauthenticated", record.Properties["Outcome"]);
        Assert.Equal("anonymous", record.Properties["Subject"]);
        Assert.Equal("no-cert-1", record.Properties["CorrelationId"]);
    }

    [Fact]
    public async Task Line_breaks_unicode_separators_and_bidi_controls_in_caller_values_cannot_forge_or_disguise_a_log_line()
    {
        using var logs = new CapturedLogs();
        await using var backend = SecuredBackend.Start(fixture.Emulator.VaultUri, _ => { }, logs);
        var forged = "forged\nAudit: DeleteKey\u2028Audit: x\u2029y\u202Eevil\u2066z";

        await backend.ClientFor(TestCertificates.Shared.Client).SignDataAsync(new SignDataRequest { KeyId = forged, Data = ByteString.CopyFromUtf8("x") });

        var record = Assert.Single(logs.Records, entry => entry.Category == AuditCategory);
        Assert.Equal("forged?Audit: DeleteKey?Audit: x?y?evil?z", record.Properties["KeyName"]);
        Assert.All(logs.Records, entry => Assert.DoesNotMatch("[\n\r\u2028\u2029\u202A-\u202E\u2066-\u2069]", entry.Message));
    }

    [Fact]
    public async Task The_audit_trail_stays_on_when_the_general_log_level_is_raised()
    {
        using var logs = new CapturedLogs();
        await using var backend = SecuredBackend.Start(fixture.Emulator.VaultUri, settings => settings["Logging:LogLevel:Default"] = "Warning", logs);

        await backend.ClientFor(TestCertificates.Shared.Client).ListKeysAsync(new ListKeysRequest { PageSize = 1 });

        var record = Assert.Single(logs.Records, entry => entry.Category == AuditCategory);
        Assert.Equal("ListKeys", record.Properties["Rpc"]);
    }

    [Fact]
    public async Task Start_up_warns_when_the_audit_category_is_switched_off_anyway()
    {
        using var logs = new CapturedLogs();
        await using var backend = SecuredBackend.Start(fixture.Emulator.VaultUri, settings => settings["Logging:LogLevel:Supacrypt.Audit"] = "Warning", logs);

        Assert.Contains(logs.Records, entry =>
            entry.Level == LogLevel.Warning && entry.Message.Contains("audit trail is switched off", StringComparison.Ordinal)
            && entry.Message.Contains("Logging:LogLevel:Supacrypt.Audit=Information", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_call_over_the_callers_rate_limit_leaves_the_same_audit_record_as_any_other_call()
    {
        using var logs = new CapturedLogs();
        await using var backend = StartWithHourlyLimit("Security:RateLimit", 1, logs);
        var client = backend.ClientFor(TestCertificates.Shared.Client);
        await client.ListKeysAsync(new ListKeysRequest { PageSize = 1 });

        var refusal = await Assert.ThrowsAsync<RpcException>(() =>
            client.GetKeyAsync(new GetKeyRequest { KeyId = "budget-key" }, new Metadata { { "x-correlation-id", "over-budget-1" } }).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, refusal.StatusCode);
        var record = Assert.Single(logs.Records, entry => entry.Category == AuditCategory && (string?)entry.Properties["Outcome"] == "ResourceExhausted");
        Assert.Equal("GetKey", record.Properties["Rpc"]);
        Assert.Equal("budget-key", record.Properties["KeyName"]);
        Assert.Equal(TestCertificates.Shared.Client.Subject, record.Properties["Subject"]);
        Assert.Equal("over-budget-1", record.Properties["CorrelationId"]);
    }

    [Fact]
    public async Task An_address_that_spent_its_identity_refusals_is_refused_before_authentication_and_no_longer_fills_the_audit_trail()
    {
        using var logs = new CapturedLogs();
        await using var backend = StartWithHourlyLimit("Security:RefusedCallLimit", 2, logs);
        var known = backend.ClientFor(TestCertificates.Shared.Client);
        var anonymous = backend.ClientFor(null);
        await known.ListKeysAsync(new ListKeysRequest { PageSize = 1 });

        var refused = new List<StatusCode>();
        for (var i = 0; i < 5; i++)
        {
            refused.Add((await Assert.ThrowsAsync<RpcException>(() => anonymous.ListKeysAsync(new ListKeysRequest()).ResponseAsync)).StatusCode);
        }

        var stillServed = await known.ListKeysAsync(new ListKeysRequest { PageSize = 1 });

        Assert.Equal([StatusCode.Unauthenticated, StatusCode.Unauthenticated, StatusCode.ResourceExhausted, StatusCode.ResourceExhausted, StatusCode.ResourceExhausted], refused);
        Assert.Equal(ListKeysResponse.ResultOneofCase.Success, stillServed.ResultCase);
        var anonymousRecords = logs.Records.Where(entry => entry.Category == AuditCategory && (string?)entry.Properties["Subject"] == "anonymous").ToList();
        Assert.Equal(["Unauthenticated", "Unauthenticated", "ResourceExhausted"], anonymousRecords.Select(entry => (string?)entry.Properties["Outcome"]));
    }

    private SecuredBackend StartWithHourlyLimit(string section, int permits, CapturedLogs logs) =>
        SecuredBackend.Start(
            fixture.Emulator.VaultUri,
            settings =>
            {
                settings[$"{section}:PermitLimit"] = permits.ToString(System.Globalization.CultureInfo.InvariantCulture);
                settings[$"{section}:Window"] = "01:00:00";
            },
            logs);

    private sealed record Captured(string Category, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Properties);

    private sealed class CapturedLogs : ILoggerProvider
    {
        private readonly ConcurrentQueue<Captured> _records = new();

        public IReadOnlyList<Captured> Records => [.. _records];

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _records);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<Captured> records) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var properties = state is IEnumerable<KeyValuePair<string, object?>> pairs
                    ? pairs.ToDictionary(pair => pair.Key, pair => pair.Value)
                    : [];
                records.Enqueue(new Captured(category, logLevel, formatter(state, exception), properties));
            }
        }
    }
}
