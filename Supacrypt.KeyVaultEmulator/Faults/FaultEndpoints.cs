using Supacrypt.KeyVaultEmulator.Api;

namespace Supacrypt.KeyVaultEmulator.Faults;

/// <summary>Admin API outside the Key Vault paths: <c>POST/DELETE /_emulator/faults</c>; mapped only when enabled.</summary>
public static class FaultEndpoints
{
    public static IEndpointRouteBuilder MapFaultEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/_emulator/faults", AddAsync);
        routes.MapDelete("/_emulator/faults", Clear);
        return routes;
    }

    private static async Task<IResult> AddAsync(HttpContext context, PendingFaults faults, CancellationToken cancellationToken)
    {
        var rule = await RequestBody.ReadAsync<FaultRule>(context.Request, cancellationToken);
        faults.Add(rule);
        return Results.NoContent();
    }

    private static IResult Clear(PendingFaults faults)
    {
        faults.Clear();
        return Results.NoContent();
    }
}
