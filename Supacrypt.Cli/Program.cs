using Supacrypt.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

return await SupacryptApp.RunAsync(args, Terminal.FromSystemConsole(), cancellation.Token);
