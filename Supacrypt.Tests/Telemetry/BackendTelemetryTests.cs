using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Google.Protobuf;
using Supacrypt.Backend.Telemetry;
using Supacrypt.Tests.Infrastructure;
using Supacrypt.V1;

namespace Supacrypt.Tests.Telemetry;

[Collection(BackendTests.Name)]
public sealed class BackendTelemetryTests(BackendFixture fixture)
{
    [Fact]
    public async Task Each_rpc_is_counted_by_outcome_and_traced_with_the_key_vault_call_as_a_child()
    {
        var key = await fixture.SharedKeyAsync(TestKey.P256);
        var outcomes = new ConcurrentBag<(string Rpc, string Outcome)>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == BackendTelemetry.Name && instrument.Name == "supacrypt.operations")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            var values = tags.ToArray().ToDictionary(tag => tag.Key, tag => tag.Value?.ToString() ?? "");
            outcomes.Add((values["rpc"], values["outcome"]));
        });
        meters.Start();
        var spans = new ConcurrentBag<Activity>();
        using var activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == BackendTelemetry.Name || source.Name == "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(activities);

        await fixture.Client.SignDataAsync(new SignDataRequest { KeyId = key.Metadata.Name, Data = ByteString.CopyFromUtf8("telemetry") });
        await fixture.Client.SignDataAsync(new SignDataRequest { KeyId = key.Metadata.Name, Parameters = new SigningParameters { HashAlgorithm = V1.HashAlgorithm.Sha512 } });

        Assert.Contains(("SignData", "Success"), outcomes);
        Assert.Contains(("SignData", "HashNotSupported"), outcomes);
        var signSpan = spans.First(span => span.OperationName == "supacrypt SignData" && (string?)span.GetTagItem("supacrypt.outcome") == "Success");
        Assert.Contains(spans, span =>
            span.Source.Name == "System.Net.Http" &&
            span.TraceId == signSpan.TraceId &&
            Equals(span.GetTagItem("server.port"), fixture.Emulator.VaultUri.Port) &&
            span.StartTimeUtc >= signSpan.StartTimeUtc);
    }
}
