using System.Diagnostics;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Supacrypt.Backend.Telemetry;
using Supacrypt.Tests.Infrastructure;
using Supacrypt.V1;

namespace Supacrypt.Tests.Observability;

[Collection(ObservedBackendTests.Name)]
public sealed class OperationTelemetryTests(ObservedBackendFixture fixture)
{
    private static readonly TimeSpan ExportDeadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Sign_data_exports_an_operation_span_with_key_type_algorithm_correlation_id_and_its_key_vault_child()
    {
        var key = await fixture.Client.CreateAsync(TestKey.P256);
        var correlationId = $"corr-{Guid.NewGuid():N}";

        var response = await fixture.Client.SignDataAsync(
            new SignDataRequest { KeyId = key.Metadata.Name, Data = ByteString.CopyFromUtf8("observed") },
            new Metadata { { Supacrypt.Backend.Pipeline.CorrelationId.HeaderName, correlationId } });

        Assert.Equal(SignDataResponse.ResultOneofCase.Success, response.ResultCase);
        var operation = await WaitForSpanAsync(span =>
            span.OperationName == "supacrypt SignData" && (string?)span.GetTagItem(TelemetryAttributes.CorrelationId) == correlationId);
        Assert.Equal("SignData", operation.GetTagItem(TelemetryAttributes.RpcMethod));
        Assert.Equal("Success", operation.GetTagItem(TelemetryAttributes.Outcome));
        Assert.Equal("EC-P256", operation.GetTagItem(TelemetryAttributes.KeyType));
        Assert.Equal("ES256", operation.GetTagItem(TelemetryAttributes.Algorithm));
        Assert.Equal(ActivityStatusCode.Unset, operation.Status);

        // The Key Vault sign request is one client span (HttpClient's; Azure.Core's duplicate is not recorded) under
        // the operation span.
        var spans = fixture.Telemetry.Spans.Snapshot().Where(span => span.TraceId == operation.TraceId).ToList();
        var keyVaultSign = Assert.Single(spans, span =>
            (((string?)span.GetTagItem("url.full")) ?? (string?)span.GetTagItem("http.url"))?.Contains("/sign?", StringComparison.Ordinal) == true);
        Assert.Equal(ActivityKind.Client, keyVaultSign.Kind);
        Assert.Equal("System.Net.Http", keyVaultSign.Source.Name);
        Assert.True(SpanAncestry.Descends(keyVaultSign, operation.SpanId.ToHexString(), spans, span => span.SpanId.ToHexString(), span => span.ParentSpanId.ToHexString()), "The Key Vault request span is not a descendant of the operation span.");
        Assert.Equal(200, keyVaultSign.GetTagItem("http.response.status_code"));
    }

    [Fact]
    public async Task Sign_data_exports_operation_key_vault_and_cache_metric_points_with_their_attributes()
    {
        var key = await fixture.Client.CreateAsync(TestKey.Rsa2048);
        using var operations = Collect<long>("supacrypt.operations");
        using var requests = Collect<long>("supacrypt.keyvault.requests");
        using var lookups = Collect<long>("supacrypt.key_cache.lookups");
        using var circuit = Collect<int>("supacrypt.keyvault.circuit.state");

        var pss = new SigningParameters { RsaParams = new RSASigningParameters { PaddingScheme = RSAPaddingScheme.RsaPaddingPss } };
        for (var i = 0; i < 2; i++)
        {
            var response = await fixture.Client.SignDataAsync(new SignDataRequest { KeyId = key.Metadata.KeyId, Data = ByteString.CopyFromUtf8("metered"), Parameters = pss });
            Assert.Equal(SignDataResponse.ResultOneofCase.Success, response.ResultCase);
        }

        // Exactly what this backend measured.
        Assert.Equal(2, Count(operations, ("rpc.method", "SignData"), ("supacrypt.key.type", "RSA-2048"), ("supacrypt.algorithm", "PS256"), ("supacrypt.outcome", "Success")));
        Assert.Equal(2, Count(requests, ("supacrypt.keyvault.operation", "sign"), ("http.response.status_code", 200), ("supacrypt.keyvault.retried", false)));
        Assert.Equal(2, Count(lookups));
        Assert.True(Count(lookups, ("supacrypt.key_cache.result", "hit")) >= 1, "The second lookup of a pinned version is a cache hit.");
        circuit.RecordObservableInstruments();
        Assert.Equal(1, circuit.GetMeasurementSnapshot().Last(measurement => Equals(measurement.Tags["supacrypt.keyvault.circuit.state"], "closed")).Value);

        // And what the OpenTelemetry pipeline exports: the same instruments with the same attributes.
        fixture.Flush();
        var duration = Assert.Single(fixture.Telemetry.Points("supacrypt.operation.duration", ("rpc.method", "SignData"), ("supacrypt.key.type", "RSA-2048"), ("supacrypt.algorithm", "PS256"), ("supacrypt.outcome", "Success")));
        Assert.True(duration.GetHistogramCount() >= 2);
        Assert.True(fixture.Telemetry.Sum("supacrypt.keyvault.requests", ("supacrypt.keyvault.operation", "sign"), ("http.response.status_code", 200), ("supacrypt.keyvault.retried", false)) >= 2);
        Assert.NotEmpty(fixture.Telemetry.Points("supacrypt.keyvault.request.duration", ("supacrypt.keyvault.operation", "sign")));
        Assert.NotEmpty(fixture.Telemetry.Points("supacrypt.key_cache.lookups", ("supacrypt.key_cache.result", "hit")));
        Assert.NotEmpty(fixture.Telemetry.Points("supacrypt.keyvault.circuit.state", ("supacrypt.keyvault.circuit.state", "closed")));
    }

    [Fact]
    public async Task A_refused_operation_records_its_outcome_on_the_span_and_the_counter()
    {
        var key = await fixture.Client.CreateAsync(TestKey.P384);
        using var operations = Collect<long>("supacrypt.operations");
        var correlationId = $"refused-{Guid.NewGuid():N}";

        var response = await fixture.Client.SignDataAsync(
            new SignDataRequest { KeyId = key.Metadata.Name, Data = ByteString.CopyFromUtf8("refused"), Parameters = new SigningParameters { HashAlgorithm = (V1.HashAlgorithm)99 } },
            new Metadata { { Supacrypt.Backend.Pipeline.CorrelationId.HeaderName, correlationId } });

        Assert.Equal(ErrorCode.HashNotSupported, response.Error.Code);
        var span = await WaitForSpanAsync(span => (string?)span.GetTagItem(TelemetryAttributes.CorrelationId) == correlationId);
        Assert.Equal("HashNotSupported", span.GetTagItem(TelemetryAttributes.Outcome));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(1, Count(operations, ("rpc.method", "SignData"), ("supacrypt.outcome", "HashNotSupported"), ("supacrypt.key.type", "EC-P384")));
        fixture.Flush();
        Assert.NotEmpty(fixture.Telemetry.Points("supacrypt.operations", ("rpc.method", "SignData"), ("supacrypt.outcome", "HashNotSupported"), ("supacrypt.key.type", "EC-P384")));
    }

    [Fact]
    public async Task A_throttled_key_vault_call_counts_the_429_and_marks_the_attempt_that_follows_as_a_retry()
    {
        var key = await fixture.Client.CreateAsync(TestKey.P256);
        using var throttled = Collect<long>("supacrypt.keyvault.throttled");
        using var requests = Collect<long>("supacrypt.keyvault.requests");
        await fixture.Emulator.InjectFaultAsync(429, operation: "sign", retryAfterSeconds: 0);

        var response = await fixture.Client.SignDataAsync(new SignDataRequest { KeyId = key.Metadata.Name, Data = ByteString.CopyFromUtf8("throttled once") });

        Assert.Equal(SignDataResponse.ResultOneofCase.Success, response.ResultCase);
        Assert.Equal(1, Count(throttled, ("supacrypt.keyvault.operation", "sign")));
        Assert.Equal(1, Count(requests, ("supacrypt.keyvault.operation", "sign"), ("http.response.status_code", 429), ("supacrypt.keyvault.retried", false), ("error.type", "429")));
        Assert.Equal(1, Count(requests, ("supacrypt.keyvault.operation", "sign"), ("http.response.status_code", 200), ("supacrypt.keyvault.retried", true)));
        fixture.Flush();
        Assert.NotEmpty(fixture.Telemetry.Points("supacrypt.keyvault.throttled", ("supacrypt.keyvault.operation", "sign")));
    }

    private MetricCollector<T> Collect<T>(string instrument) where T : struct =>
        new(fixture.MeterFactory, BackendTelemetry.Name, instrument);

    private static long Count<T>(MetricCollector<T> collector, params (string Key, object Value)[] attributes) where T : struct =>
        collector.GetMeasurementSnapshot()
            .Where(measurement => attributes.All(wanted => measurement.Tags.TryGetValue(wanted.Key, out var value) && Equals(value, wanted.Value)))
            .Sum(measurement => Convert.ToInt64(measurement.Value, System.Globalization.CultureInfo.InvariantCulture));

    private async Task<Activity> WaitForSpanAsync(Func<Activity, bool> predicate)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            fixture.Flush();
            if (fixture.Telemetry.Spans.Snapshot().FirstOrDefault(predicate) is { } span)
            {
                return span;
            }

            Assert.True(deadline.Elapsed < ExportDeadline, "The expected span was not exported.");
            await Task.Delay(50);
        }
    }
}
