using System.Collections.Concurrent;
using Grpc.Core;

namespace Supacrypt.Tests.Reliability;

/// <summary>
/// Tallies how calls ended: "OK", an in-band error code, or a gRPC status code. Anything else a call throws fails the
/// test, because every call must either succeed or be told (by a documented status) to retry.
/// </summary>
public sealed class CallOutcomes
{
    public const string Ok = "OK";

    private readonly ConcurrentDictionary<string, int> _counts = new();

    /// <summary>What a client is told when it should retry (CONTRACT.md), plus CANCELLED for callers who gave up.</summary>
    public static IReadOnlySet<string> RetryableStatuses { get; } = new HashSet<string>
    {
        nameof(StatusCode.Unavailable), nameof(StatusCode.ResourceExhausted), nameof(StatusCode.DeadlineExceeded),
    };

    public int this[string outcome] => _counts.GetValueOrDefault(outcome);

    public IReadOnlyCollection<string> Seen => [.. _counts.Keys];

    public async Task RecordAsync(Func<Task<string?>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        string outcome;
        try
        {
            outcome = await call() ?? Ok;
        }
        catch (RpcException exception)
        {
            outcome = exception.StatusCode.ToString();
        }

        _counts.AddOrUpdate(outcome, 1, (_, count) => count + 1);
    }

    /// <summary>Every call succeeded or was told to retry, and no other outcome occurred.</summary>
    public void AssertOnlySuccessOrRetry() =>
        Assert.True(Seen.All(outcome => outcome == Ok || RetryableStatuses.Contains(outcome)), ToString());

    public override string ToString() => string.Join(", ", _counts.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key}={pair.Value}"));
}
