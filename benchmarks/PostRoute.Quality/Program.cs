using PostRoute.Engine.Formats;
using PostRoute.Quality;

// Quality runner: solves every benchmark instance under --dir with the chosen solver(s), checks every solution,
// compares with bks.csv and writes a CSV plus a per-class summary. Progress goes to stderr, the summary to stdout.
QualityOptions options;
List<PostRoute.Engine.Routing.ISolver> solvers;
try
{
    options = QualityOptions.Parse(args);
    solvers = [.. options.Solvers.Select(SolverRegistry.Create)];
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine();
    Console.Error.WriteLine(QualityOptions.Usage);
    return 2;
}

List<CatalogEntry> entries;
try
{
    entries = InstanceCatalog.Load(options, Console.Error);
}
catch (InstanceFormatException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

if (entries.Count == 0)
{
    Console.Error.WriteLine($"No instance files under {options.Directory} match the options.");
    return 2;
}

Console.Error.WriteLine($"{entries.Count} instance(s) × {solvers.Count} solver(s) from {Path.GetFullPath(options.Directory)}; " +
                        $"objective {options.Objective}, seed {options.Seed}, {options.Jobs} at a time. Ctrl+C stops and keeps what is done.");

using var cancellation = new CancellationTokenSource();
ConsoleCancelEventHandler onCancel = (_, e) =>
{
    if (!cancellation.IsCancellationRequested)
    {
        e.Cancel = true; // first Ctrl+C: stop the running solves and write the results so far; a second one kills the process
        Console.Error.WriteLine("Cancelling: finishing the current solve(s) with their best solution so far …");
        cancellation.Cancel();
    }
};
Console.CancelKeyPress += onCancel;

var rows = await new QualityRunner(options, solvers, Console.Error).RunAsync(entries, cancellation.Token);
Console.CancelKeyPress -= onCancel;

ResultCsv.Write(options.OutputPath, rows);
Console.Error.WriteLine($"Wrote {rows.Count} row(s) to {Path.GetFullPath(options.OutputPath)}.");
Summary.Print(Console.Out, rows);

if (cancellation.IsCancellationRequested)
{
    return 130;
}

return rows.Any(r => r.Checker != "ok") ? 1 : 0;
