using System.Diagnostics;
using System.Text.Json;
using Google.Protobuf;
using Grpc.Core;
using Supacrypt.Backend.Telemetry;
using Supacrypt.Tests.Infrastructure;
using Supacrypt.V1;

namespace Supacrypt.Tests.Observability;

[Collection(ExportingDeploymentTests.Name)]
public sealed class DeploymentTelemetryTests(ExportingDeploymentFixture fixture)
{
    private static readonly TimeSpan ExportDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_callers_trace_reaches_the_dashboard_with_the_backend_span_its_key_vault_call_and_the_emulators_span()
    {
        var (traceId, _) = await SignWithCallerTraceAsync();

        var spans = await WaitForTraceAsync(traceId, spans =>
            spans.Any(span => span.Name == "supacrypt SignData") &&
            spans.Any(span => span.Service == "keyvault-emulator" && span.Name.StartsWith("POST", StringComparison.Ordinal)));

        var operation = Assert.Single(spans, span => span.Service == "backend" && span.Name == "supacrypt SignData");
        Assert.Contains("\"supacrypt.outcome\"", operation.Json, StringComparison.Ordinal);
        Assert.Contains("\"EC-P256\"", operation.Json, StringComparison.Ordinal);
        Assert.Contains("\"ES256\"", operation.Json, StringComparison.Ordinal);
        var keyVaultCall = Assert.Single(spans, span => span.Service == "backend" && span.Scope == "System.Net.Http" && span.Json.Contains("/sign?", StringComparison.Ordinal));
        Assert.True(SpanAncestry.Descends(keyVaultCall, operation.SpanId, spans, span => span.SpanId, span => span.ParentSpanId), "The Key Vault request is not a child of the operation span.");
        var emulatorSpan = Assert.Single(spans, span => span.Service == "keyvault-emulator" && span.Json.Contains("/sign", StringComparison.Ordinal));
        Assert.Equal(keyVaultCall.SpanId, emulatorSpan.ParentSpanId);
    }

    [Fact]
    public async Task Production_log_lines_are_json_objects_and_the_audit_line_carries_the_trace_and_correlation_ids()
    {
        var (traceId, correlationId) = await SignWithCallerTraceAsync();

        var audit = await fixture.Backend.WaitForOutputAsync(
            line => line.Contains(correlationId, StringComparison.Ordinal) && line.Contains("Audit", StringComparison.Ordinal) ? line : null,
            ExportDeadline);

        using var entry = JsonDocument.Parse(audit);
        var scopes = entry.RootElement.GetProperty("Scopes").EnumerateArray().ToList();
        Assert.Contains(scopes, scope => scope.TryGetProperty("TraceId", out var id) && id.GetString() == traceId);
        Assert.Contains(scopes, scope => scope.TryGetProperty("SpanId", out var id) && id.GetString()!.Length == 16);
        Assert.Contains(scopes, scope => scope.TryGetProperty("CorrelationId", out var id) && id.GetString() == correlationId);
        Assert.Equal("Information", entry.RootElement.GetProperty("LogLevel").GetString());
        foreach (var line in fixture.Backend.OutputLines)
        {
            using var parsed = JsonDocument.Parse(line);
            Assert.Equal(JsonValueKind.Object, parsed.RootElement.ValueKind);
        }
    }

    // Calls SignData as a traced caller would: inside the caller's own span, whose W3C trace context the client's
    // HttpClient sends as traceparent (directly, or through a client span when this test process records them).
    private async Task<(string TraceId, string CorrelationId)> SignWithCallerTraceAsync()
    {
        var key = await fixture.Client.CreateAsync(TestKey.P256);
        var correlationId = $"e2e-{Guid.NewGuid():N}";
        // Sampled, as a traced caller's context is: the backend's parent-based sampler records what its caller records.
        using var caller = new Activity("caller SignData") { ActivityTraceFlags = ActivityTraceFlags.Recorded }.SetIdFormat(ActivityIdFormat.W3C).Start();

        var response = await fixture.Client.SignDataAsync(
            new SignDataRequest { KeyId = key.Metadata.Name, Data = ByteString.CopyFromUtf8("exported") },
            new Metadata { { Supacrypt.Backend.Pipeline.CorrelationId.HeaderName, correlationId } });

        Assert.Equal(SignDataResponse.ResultOneofCase.Success, response.ResultCase);
        return (caller.TraceId.ToHexString(), correlationId);
    }

    private async Task<IReadOnlyList<DashboardSpan>> WaitForTraceAsync(string traceId, Func<IReadOnlyList<DashboardSpan>, bool> complete)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var spans = await fixture.TraceAsync(traceId);
            if (complete(spans))
            {
                return spans;
            }

            Assert.True(deadline.Elapsed < ExportDeadline, $"The dashboard did not receive trace {traceId}; it holds {spans.Count} of its spans: {string.Join(", ", spans.Select(span => $"{span.Service}/{span.Name}"))}. Backend output: {fixture.Backend.Transcript()}");
            await Task.Delay(250);
        }
    }
}
