using Microsoft.Extensions.Options;
using Supacrypt.KeyVaultEmulator.Api;

namespace Supacrypt.KeyVaultEmulator.Faults;

/// <summary>Admin API outside the Key Vault paths: <c>POST/DELETE /_emulator/faults</c>; 404 unless enabled.</summary>
public static class FaultEndpoints
{
    public static IEndpointRouteBuilder MapFaultEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/_emulator/faults", AddAsync);
        routes.MapDelete("/_emulator/faults", Clear);
        return routes;
    }

    private static async Task<IResult> AddAsync(HttpContext context, PendingFaults faults, IOptions<EmulatorOptions> options, CancellationToken cancellationToken)
    {
        if (!options.Value.EnableFaultInjection)
        {
            return Results.NotFound();
        }

        var rule = await RequestBody.ReadAsync<FaultRule>(context.Request, cancellationToken);
        faults.Add(rule);
        return Results.NoContent();
    }

    private static IResult Clear(PendingFaults faults, IOptions<EmulatorOptions> options)
    {
        if (!options.Value.EnableFaultInjection)
        {
            return Results.NotFound();
        }

        faults.Clear();
        return Results.NoContent();
    }
}
