using System.Collections.Concurrent;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Supacrypt.Tests.Infrastructure;
using Supacrypt.V1;

namespace Supacrypt.Tests.Security;

[Collection(BackendTests.Name)]
public sealed class AuditTrailTests(BackendFixture fixture)
{
    [Fact]
    public async Task Every_rpc_leaves_one_audit_line_naming_the_caller_the_key_and_the_outcome_and_nothing_secret()
    {
        var key = await fixture.SharedKeyAsync(TestKey.P256);
        using var logs = new CapturedLogs();
        await using var backend = StartedBackend.Start(fixture.Emulator.VaultUri, _ => { }, logs);
        var data = ByteString.CopyFromUtf8("top secret payload");

        var signed = await backend.Client.SignDataAsync(new SignDataRequest { KeyId = key.Metadata.Name, Data = data });
        await backend.Client.SignDataAsync(new SignDataRequest { KeyId = "forged\nAudit: DeleteKey", Data = data });

        var audit = logs.Lines.Where(line => line.StartsWith("Audit:", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, audit.Count);
        Assert.Contains($"SignData of key '{key.Metadata.Name}' by CN=supacrypt-test-client ended Success", audit[0], StringComparison.Ordinal);
        Assert.Contains("of key 'forged?Audit: DeleteKey' by CN=supacrypt-test-client ended InvalidRequest", audit[1], StringComparison.Ordinal);
        Assert.All(logs.Lines, line =>
        {
            Assert.DoesNotContain('\n', line);
            Assert.DoesNotContain("top secret payload", line, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToBase64String(signed.Success.Signature.Span), line, StringComparison.Ordinal);
        });
    }

    private sealed class CapturedLogs : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(Lines);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue(formatter(state, exception));
        }
    }
}
