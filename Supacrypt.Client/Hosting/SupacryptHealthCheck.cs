using Grpc.Core;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Supacrypt.V1;

namespace Supacrypt.Client.Hosting;

/// <summary>
/// Healthy when the backend answers a one-item ListKeys in band (an in-band refusal still proves it is reachable
/// and accepts this caller's identity at the transport); unhealthy when the call fails with a gRPC status.
/// </summary>
internal sealed class SupacryptHealthCheck(SupacryptService.SupacryptServiceClient client) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await client.ListKeysAsync(
                new ListKeysRequest { Version = 1, PageSize = 1 },
                deadline: DateTime.UtcNow + Timeout,
                cancellationToken: cancellationToken);
            return response.ResultCase == ListKeysResponse.ResultOneofCase.Error
                ? HealthCheckResult.Healthy($"The backend answered: {response.Error.Code}")
                : HealthCheckResult.Healthy();
        }
        catch (RpcException exception)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"{exception.StatusCode}: {exception.Status.Detail}", exception);
        }
    }
}
