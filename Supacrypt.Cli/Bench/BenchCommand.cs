using Grpc.Core;
using Spectre.Console;
using Spectre.Console.Cli;
using Supacrypt.Benchmarking;
using Supacrypt.Client;
using Supacrypt.V1;

namespace Supacrypt.Cli.Bench;

/// <summary><c>supacrypt bench</c>: closed-loop load against the backend, and with --baseline the same crypto in-process.</summary>
public sealed class BenchCommand(Terminal terminal) : AsyncCommand<BenchSettings>
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    public override async Task<int> ExecuteAsync(CommandContext context, BenchSettings settings, CancellationToken cancellationToken)
    {
        var connection = ConnectionChoice.Resolve(settings, terminal);
        using var channels = new BenchChannels(connection, settings.Connections);
        var client = channels.Clients[0];
        // One correlation id for the run's own set-up calls, so a failed set-up can be found in the backend's log.
        var setupId = CorrelationId.Next();
        var setup = new CallOptions(CorrelationId.Headers(setupId), DateTime.UtcNow + TimeSpan.FromMinutes(2), cancellationToken);
        var payload = System.Security.Cryptography.RandomNumberGenerator.GetBytes(settings.PayloadBytes);

        var (keyId, shape, temporary) = await ChooseKeyAsync(settings, client, setup, setupId);
        try
        {
            if (settings.Operation is BenchOperation.Encrypt or BenchOperation.Decrypt && !shape.IsRsa())
            {
                throw new UsageException($"{settings.Operation} needs an RSA key; {keyId} is {shape}. Pick --algorithm rsa2048 or an RSA --key-name.");
            }

            var operation = await ServiceOperation.PrepareAsync(settings.Operation, shape, keyId, payload, client, setup);
            var plan = new LoadPlan(settings.Concurrency, settings.Duration) { Warmup = settings.Warmup, NameFailure = failure => ErrorCodeNames.Of(failure.StatusCode) };
            var clients = channels.Clients;
            var service = await WithProgressAsync("service", settings, (progress, token) => LoadLoop.RunAsync(
                plan,
                (worker, callToken) => operation.InvokeAsync(clients[worker % clients.Count], new CallOptions(deadline: DateTime.UtcNow + CallTimeout, cancellationToken: callToken)),
                progress,
                token), cancellationToken);

            BaselineReport? baseline = null;
            if (settings.Baseline)
            {
                var raw = RawLoop.Run(RawCrypto.Prepare(settings.Operation, shape, payload), settings.Warmup, settings.Duration, cancellationToken);
                baseline = new BaselineReport(RawLoop.Threads, raw.Succeeded, raw.PerSecond, raw.Latency);
            }

            var report = new BenchReport(
                settings.Operation.ToString().ToLowerInvariant(), shape.ToString().ToLowerInvariant(), connection.Endpoint.ToString(),
                settings.Concurrency, settings.Connections, service.Duration.TotalSeconds, service.Succeeded, service.PerSecond,
                service.Latency, new SortedDictionary<string, long>(service.Errors.ToDictionary(), StringComparer.Ordinal), baseline);
            if (settings.Json)
            {
                JsonOutput.Write(terminal, report);
            }
            else
            {
                report.Write(terminal);
            }

            if (service.Succeeded == 0)
            {
                terminal.Error.WriteLine("error: no call completed successfully inside the measured window; lengthen --duration or --warmup.");
                return ExitCodes.Refused;
            }

            return service.Errors.Count == 0 ? ExitCodes.Success : ExitCodes.Refused;
        }
        finally
        {
            if (temporary)
            {
                await DeleteQuietlyAsync(client, keyId, settings.Operation == BenchOperation.Generate);
            }
        }
    }

    private static async Task<(string KeyId, KeyShape Shape, bool Temporary)> ChooseKeyAsync(
        BenchSettings settings, SupacryptService.SupacryptServiceClient client, CallOptions options, string correlationId)
    {
        if (settings.KeyName is null)
        {
            var shape = settings.Algorithm ?? KeyShape.P256;
            var name = $"bench-{Guid.NewGuid():N}"[..18];
            if (settings.Operation != BenchOperation.Generate)
            {
                var created = await client.GenerateKeyAsync(KeyShapes.Request(shape, name), options);
                Answers.Succeeded(created.Success, created.Error, correlationId);
            }

            return (name, shape, true);
        }

        var found = await client.GetKeyAsync(new GetKeyRequest { Version = 1, KeyId = settings.KeyName }, options);
        var key = Answers.Succeeded(found.Success, found.Error, correlationId);
        var keyShape = KeyShapes.Of(key.Metadata) ?? throw new UsageException($"{settings.KeyName} has a shape the benchmark does not know.");
        if (settings.Algorithm is { } wanted && wanted != keyShape)
        {
            throw new UsageException($"{settings.KeyName} is {keyShape.ToString().ToLowerInvariant()}, not {wanted.ToString().ToLowerInvariant()}.");
        }

        return (settings.KeyName, keyShape, false);
    }

    // The keys a run made are its own litter; a failure to clean up must not hide the figures.
    private static async Task DeleteQuietlyAsync(SupacryptService.SupacryptServiceClient client, string keyId, bool generated)
    {
        var names = new List<string> { keyId };
        if (generated)
        {
            var listed = await client.ListKeysAsync(new ListKeysRequest { Version = 1, Filter = keyId, PageSize = 25 });
            names = listed.Success?.Keys.Select(key => key.Name).ToList() ?? [];
            while (listed.Success is { NextPageToken.Length: > 0 } page)
            {
                listed = await client.ListKeysAsync(new ListKeysRequest { Version = 1, Filter = keyId, PageSize = 25, PageToken = page.NextPageToken });
                names.AddRange(listed.Success?.Keys.Select(key => key.Name) ?? []);
            }
        }

        foreach (var name in names)
        {
            try
            {
                await client.DeleteKeyAsync(new DeleteKeyRequest { Version = 1, KeyId = name, Force = true });
            }
            catch (RpcException)
            {
                // Left behind: harmless in a development vault.
            }
        }
    }

    private async Task<T> WithProgressAsync<T>(
        string label, BenchSettings settings, Func<Action<LoadProgress>?, CancellationToken, Task<T>> run, CancellationToken cancellationToken)
    {
        if (!terminal.Status.Profile.Capabilities.Interactive)
        {
            return await run(null, cancellationToken);
        }

        return await terminal.Status.Status().StartAsync($"{label}: warming up for {settings.WarmupSeconds} s", async status =>
            await run(progress =>
            {
                var rate = progress.Elapsed.TotalSeconds > 0 ? progress.Completed / progress.Elapsed.TotalSeconds : 0;
                status.Status($"{label}: {progress.Completed:N0} calls, {rate:N0} ops/s, {progress.Remaining.TotalSeconds:N0} s left");
            }, cancellationToken));
    }
}
