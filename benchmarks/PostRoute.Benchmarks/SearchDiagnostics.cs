using System.Diagnostics;
using System.Globalization;
using PostRoute.Engine.Formats;
using PostRoute.Engine.Routing;
using PostRoute.Engine.Routing.Solvers.Search;

namespace PostRoute.Benchmarks;

/// <summary>
/// A run of the native search on one benchmark instance file that prints each improvement with its iteration and the
/// search's counters (a diagnostic, not a benchmark). Environment variables: <c>SEARCH_ITERATIONS</c> stops after that
/// many offspring (for comparing builds on the same work), <c>SEARCH_VEHICLES_FIRST</c> (any value) switches to the
/// vehicles-first objective, <c>SEARCH_FLEET</c> overrides the number of vehicles.
/// </summary>
internal static class SearchDiagnostics
{
    public static void Run(string path, double seconds, int seed)
    {
        var options = new BenchmarkProblemOptions
        {
            Objective = Environment.GetEnvironmentVariable("SEARCH_VEHICLES_FIRST") is null ? Objective.MinimizeCost : Objective.MinimizeVehiclesFirst,
            VehicleCount = Environment.GetEnvironmentVariable("SEARCH_FLEET") is { } fleet ? int.Parse(fleet, CultureInfo.InvariantCulture) : null,
        };
        var problem = BenchmarkFiles.Read(path).ToProblem(options);
        var clock = Stopwatch.StartNew();
        var model = new SearchModel(problem, UnassignableAnalysis.Analyze(problem));
        Console.WriteLine($"model built in {clock.Elapsed.TotalMilliseconds:0} ms: {model.ClientCount} clients, {model.VehicleCount} vehicles, time rules {model.NeedTime}");
        var parameters = new SearchParameters
        {
            Granular = model.HasTimeWindows ? 40 : 20,
            MaxIterations = Environment.GetEnvironmentVariable("SEARCH_ITERATIONS") is { } it ? long.Parse(it, CultureInfo.InvariantCulture) : null,
        };
        long deadline = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        long reduction = Stopwatch.GetTimestamp() + (long)(0.6 * seconds * Stopwatch.Frequency);
        var search = new HybridGeneticSearch(model, parameters, seed, () => Stopwatch.GetTimestamp() >= deadline, () => Stopwatch.GetTimestamp() >= reduction);
        search.Improved += best => Console.WriteLine(
            $"{clock.Elapsed.TotalSeconds,7:0.00} s  it {search.Iterations,7}  cost {best.BaseCost - best.MandatoryDropCost:0.##}  routes {best.RouteCount}  unserved {best.MandatoryUnassigned}");
        search.Run([]);
        var ls = search.LocalSearch;
        double cpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        Console.WriteLine($"wall {clock.Elapsed.TotalSeconds:0.0} s, process cpu {cpu:0.0} s (rates per cpu second)");
        Console.WriteLine($"{search.Iterations} iterations ({search.Iterations / cpu:0} /s); " +
                          $"{ls.MovesEvaluated / 1e6:0.0} M moves evaluated ({ls.MovesEvaluated / cpu / 1e6:0.00} M/s), {ls.MovesApplied} applied");
    }
}
