using System.Net;
using Supacrypt.KeyVaultEmulator.Api;
using Supacrypt.KeyVaultEmulator.Json;
using Supacrypt.KeyVaultEmulator.Load;

namespace Supacrypt.KeyVaultEmulator.Faults;

/// <summary>
/// Admin API outside the Key Vault paths, mapped only when enabled and answered only on loopback:
/// <c>POST /_emulator/faults</c> queues a fault, <c>GET /_emulator/faults</c> counts queued faults, held requests and Key Vault requests received, <c>GET/PUT /_emulator/faults/load</c> read and replace the load
/// model, <c>DELETE /_emulator/faults</c> clears queued faults, releases held requests and restores the load model of start-up.
/// </summary>
public static class FaultEndpoints
{
    public static IEndpointRouteBuilder MapFaultEndpoints(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/_emulator/faults").AddEndpointFilter(LoopbackOnlyAsync);
        admin.MapPost("", AddAsync);
        admin.MapGet("", Count);
        admin.MapDelete("", Clear);
        admin.MapGet("/load", (LoadModel model) => Results.Json(model.Current, WireJson.Options));
        admin.MapPut("/load", ApplyLoadAsync);
        return routes;
    }

    private static async Task<IResult> AddAsync(HttpContext context, PendingFaults faults, CancellationToken cancellationToken)
    {
        var rule = await RequestBody.ReadAsync<FaultRule>(context.Request, cancellationToken);
        faults.Add(rule);
        return Results.NoContent();
    }

    private static IResult Count(PendingFaults faults, LoadModel model)
    {
        var (pending, held) = faults.Count();
        return Results.Json(new { pending, held, requests = model.Requests }, WireJson.Options);
    }

    private static IResult Clear(PendingFaults faults, LoadModel model)
    {
        faults.Clear();
        model.Reset();
        return Results.NoContent();
    }

    private static async Task<IResult> ApplyLoadAsync(HttpContext context, LoadModel model, CancellationToken cancellationToken)
    {
        model.Apply(await RequestBody.ReadAsync<LoadSettings>(context.Request, cancellationToken));
        return Results.Json(model.Current, WireJson.Options);
    }

    // Whoever can reach this API can make the emulator fail; an in-memory test server has no remote address.
    private static ValueTask<object?> LoopbackOnlyAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next) =>
        invocation.HttpContext.Connection.RemoteIpAddress is { } remote && !IPAddress.IsLoopback(remote)
            ? ValueTask.FromResult<object?>(Results.Problem(
                "The emulator's admin API answers loopback callers only.", statusCode: StatusCodes.Status403Forbidden))
            : next(invocation);
}
