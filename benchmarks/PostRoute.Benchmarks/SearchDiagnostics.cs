using System.Diagnostics;
using PostRoute.Engine.Formats;
using PostRoute.Engine.Routing;
using PostRoute.Engine.Routing.Solvers.Search;

namespace PostRoute.Benchmarks;

/// <summary>A timed run of the native search on one instance file, with its internal counters (a diagnostic, not a benchmark).</summary>
internal static class SearchDiagnostics
{
    public static void Run(string path, double seconds, int seed)
    {
        var problem = BenchmarkFiles.Read(path).ToProblem(new BenchmarkProblemOptions { Objective = Environment.GetEnvironmentVariable("SEARCH_VEHICLES_FIRST") is null ? Objective.MinimizeCost : Objective.MinimizeVehiclesFirst,
            VehicleCount = Environment.GetEnvironmentVariable("SEARCH_FLEET") is { } fleet ? int.Parse(fleet, System.Globalization.CultureInfo.InvariantCulture) : null });
        var clock = Stopwatch.StartNew();
        var model = new SearchModel(problem, UnassignableAnalysis.Analyze(problem));
        Console.WriteLine($"model built in {clock.Elapsed.TotalMilliseconds:0} ms: {model.ClientCount} clients, {model.VehicleCount} vehicles, time {model.NeedTime}");
        long deadline = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var parameters = new SearchParameters { Granular = model.HasTimeWindows ? 40 : 20, MaxIterations = Environment.GetEnvironmentVariable("SEARCH_ITERATIONS") is { } it ? long.Parse(it, System.Globalization.CultureInfo.InvariantCulture) : null };
        long reduction = Stopwatch.GetTimestamp() + (long)(0.6 * seconds * Stopwatch.Frequency);
        var search = new HybridGeneticSearch(model, parameters, seed, () => Stopwatch.GetTimestamp() >= deadline, () => Stopwatch.GetTimestamp() >= reduction);
        search.Improved += best => Console.WriteLine($"{clock.Elapsed.TotalSeconds,7:0.00} s  it {search.Iterations,7}  cost {best.BaseCost - best.MandatoryDropCost:0.##}  routes {best.RouteCount}  unserved {best.MandatoryUnassigned}");
        search.Run([]);
        var ls = search.LocalSearch;
        double elapsed = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        Console.WriteLine($"wall {clock.Elapsed.TotalSeconds:0.0} s, cpu {elapsed:0.0} s (rates below per cpu second)");
        Console.WriteLine($"{search.Iterations} iterations in {elapsed:0.0} s ({search.Iterations / elapsed:0} /s); " +
                          $"{ls.MovesEvaluated / 1e6:0.0} M moves evaluated ({ls.MovesEvaluated / elapsed / 1e6:0.00} M/s), {ls.MovesApplied} applied");
        double f = Stopwatch.Frequency;
        Console.WriteLine($"load {Diag.LoadTicks / f:0.00} search {Diag.SearchTicks / f:0.00} (swap* {Diag.SwapStarTicks / f:0.00}, update {Diag.UpdateTicks / f:0.00}) export {Diag.ExportTicks / f:0.00} split {Diag.SplitTicks / f:0.00}");
    }
}
