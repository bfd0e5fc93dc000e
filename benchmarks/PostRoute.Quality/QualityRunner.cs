using System.Collections.Concurrent;
using System.Globalization;
using PostRoute.Engine.Formats;
using PostRoute.Engine.Routing;

namespace PostRoute.Quality;

/// <summary>Runs every chosen solver on every catalogued instance, checks each solution and records a row.</summary>
internal sealed class QualityRunner(QualityOptions options, IReadOnlyList<ISolver> solvers, TextWriter log)
{
    private readonly object _gate = new();
    private int _started;

    public async Task<List<ResultRow>> RunAsync(IReadOnlyList<CatalogEntry> entries, CancellationToken cancellationToken)
    {
        var rows = new ConcurrentDictionary<(int Entry, int Solver), ResultRow>();
        if (options.SolutionsDirectory is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        var work = entries.SelectMany((entry, e) => solvers.Select((solver, s) => (entry, e, solver, s))).ToList();
        try
        {
            await Parallel.ForEachAsync(
                work,
                new ParallelOptions { MaxDegreeOfParallelism = options.Jobs, CancellationToken = cancellationToken },
                (item, token) =>
                {
                    var row = RunOne(item.entry, item.solver, work.Count, token);
                    rows[(item.e, item.s)] = row;
                    lock (_gate)
                    {
                        // Rewritten after every solve so that a crash or a kill still leaves the finished rows on disk.
                        ResultCsv.Write(options.OutputPath, Ordered(rows));
                    }

                    return ValueTask.CompletedTask;
                });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: keep the rows finished so far (including the interrupted solves, marked Cancelled).
        }

        return Ordered(rows);
    }

    private static List<ResultRow> Ordered(ConcurrentDictionary<(int Entry, int Solver), ResultRow> rows) =>
        [.. rows.ToArray().OrderBy(p => p.Key.Entry).ThenBy(p => p.Key.Solver).Select(p => p.Value)];

    private ResultRow RunOne(CatalogEntry entry, ISolver solver, int total, CancellationToken cancellationToken)
    {
        var instance = entry.Instance;
        var problem = instance.ToProblem(new BenchmarkProblemOptions { Objective = options.Objective });
        var solveOptions = new SolveOptions { TimeLimit = options.TimeLimitFor(instance.CustomerCount), Seed = options.Seed };
        var result = solver.Solve(problem, solveOptions, progress: null, cancellationToken);
        var solution = result.Solution;
        var check = SolutionChecker.Check(problem, solution);
        string verdict = check.IsValid ? "ok" : $"{check.Violations.Length} violation(s), first: {check.Violations[0]}";

        var row = new ResultRow(
            instance.Name,
            entry.Class,
            instance.CustomerCount,
            solver.Name,
            solution.VehiclesUsed,
            solution.DistanceMetres, // one instance distance unit = one metre (BenchmarkProblems)
            entry.BestKnown?.Vehicles,
            entry.BestKnown?.Distance,
            result.TimeToBest.TotalSeconds,
            result.Elapsed.TotalSeconds,
            verdict,
            result.Status.ToString(),
            solution.UnservedMandatoryCount,
            problem.Vehicles.Length);

        if (options.SolutionsDirectory is { } folder && instance is CvrpInstance cvrp)
        {
            var sol = cvrp.ToCvrpSolution(problem, solution);
            CvrpSolutionFormat.WriteFile(Path.Combine(folder, $"{instance.Name}.{solver.Name}.sol"), sol);
        }

        lock (_gate)
        {
            int number = ++_started;
            string gap = row.GapPercent is { } g
                ? FormattableString.Invariant($", gap {g:0.00}% (bks {(row.BksVehicles is { } v ? v + " veh / " : "")}{row.BksCost:0.##})")
                : ", no bks";
            log.WriteLine(FormattableString.Invariant(
                $"[{number}/{total}] {instance.Name} ({instance.CustomerCount} customers, {entry.Class}) {solver.Name}: {row.Vehicles} vehicles, cost {row.Cost:0.##}{gap}, best at {row.TimeToBestSeconds:0.0} s of {row.TotalTimeSeconds:0.0} s, {result.Status}{(row.Unserved > 0 ? $", {row.Unserved} unserved" : "")}, checker {verdict}"));
        }

        return row;
    }
}
