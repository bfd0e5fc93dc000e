using PostRoute.Cli;

// Ctrl+C stops the search (the best solution found so far is kept); a second Ctrl+C ends the process at once.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = !cancellation.IsCancellationRequested;
    cancellation.Cancel();
};

return await CliApp.RunAsync(args, CliEnvironment.ForConsole(), cancellation.Token);
