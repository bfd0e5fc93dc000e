using System.Diagnostics;
using System.Globalization;
using PostRoute.Engine.Network;
using PostRoute.Engine.Paths;
using PostRoute.Engine.Planning;

namespace PostRoute.Benchmarks;

/// <summary>
/// `planning [nodes]`: the Phú Yên network-planning figures (coverage, best additions k = 1…10 for maximal covering
/// and p-median, top critical roads) and the time of a critical-road scan on a generated road-like postal network.
/// </summary>
internal static class PlanningFigures
{
    public static void Run(int syntheticNodes)
    {
        var inv = CultureInfo.InvariantCulture;
        var network = PhuYen.Network;
        string[] offices = [PhuYen.HubId, .. PhuYen.DistrictOfficeIds];

        Console.WriteLine("## Coverage (motorbike, commune → nearest point)");
        foreach (var (label, points) in new[] { ("75 service points", (IReadOnlyList<string>?)null), ("hub + 9 district offices", offices) })
        {
            var watch = Stopwatch.StartNew();
            var report = Coverage.Analyse(network, new CoverageOptions { ServicePointIds = points });
            Console.WriteLine($"{label}: {string.Join("; ", report.Shares.Select(s => $"{(s.Metric == PathMetric.Time ? $"{s.Threshold / 60:F0} min" : $"{s.Threshold / 1000:F0} km")} {s.CoveredCommunes}/{s.LocatedCommunes} ({s.CommuneShare:P1})"))}; " +
                              $"unlocated {report.UnlocatedCodes.Length} of {report.Communes.Length}; {watch.Elapsed.TotalMilliseconds:F1} ms");
        }

        Console.WriteLine();
        Console.WriteLine("## New points beside hub + offices (k = 0…10, CP-SAT 1 worker, seed 0, 10 s limit per k)");
        var cases = new (string Name, SitingOptions Options)[]
        {
            ("max coverage, 15 min", new SitingOptions { ExistingIds = offices, Objective = SitingObjective.MaximumCoverage, Metric = PathMetric.Time, Threshold = 900 }),
            ("max coverage, 5 km", new SitingOptions { ExistingIds = offices, Objective = SitingObjective.MaximumCoverage, Metric = PathMetric.Distance, Threshold = 5000 }),
            ("p-median, time (s)", new SitingOptions { ExistingIds = offices, Objective = SitingObjective.PMedian, Metric = PathMetric.Time }),
        };
        foreach (var (name, options) in cases)
        {
            var watch = Stopwatch.StartNew();
            var curve = Siting.Curve(network, options, 10);
            Console.WriteLine($"### {name} (total {watch.Elapsed.TotalSeconds:F2} s incl. distances)");
            Console.WriteLine("| k | objective | covered (15 min / 5 km as set) | bound | gap | status | solve ms | new points |");
            foreach (var r in curve)
            {
                Console.WriteLine(string.Create(inv, $"| {r.K} | {r.ObjectiveValue} | {r.CoveredCommunes}/{r.Assignments.Length} | {r.BestBound:F0} | {r.Gap:P2} | {r.Status} | {r.SolveTime.TotalMilliseconds:F0} | {string.Join(", ", r.ChosenIds)} |"));
            }
        }

        Console.WriteLine();
        Console.WriteLine("## Critical roads (motorbike, office → commune and hub → commune, > 10 min or cut off)");
        {
            var watch = Stopwatch.StartNew();
            var report = CriticalRoads.Scan(network);
            Console.WriteLine($"{report.Roads.Length} critical links, {report.TreeLinksExamined} tree links examined from {report.OriginsSearched} origins in {watch.Elapsed.TotalMilliseconds:F1} ms");
            Console.WriteLine("| link | from – to | class | bridge | communes affected | cut off | max extra (min) |");
            foreach (var road in report.Roads.Take(10))
            {
                Console.WriteLine(string.Create(inv, $"| {road.LinkId} | {road.FromNodeId} – {road.ToNodeId} | {road.RoadClass} | {(road.IsBridge ? "yes" : "no")} | {road.AffectedCommunes} | {road.CutOffCommunes} | {road.MaxExtraSeconds / 60:F1} |"));
            }
        }

        Console.WriteLine();
        Console.WriteLine($"## Critical-road scan on a generated {syntheticNodes:N0}-node road-like postal network");
        {
            var watch = Stopwatch.StartNew();
            var synthetic = SyntheticPostalNetwork.Build(syntheticNodes, communeEvery: 100, districts: 10);
            var built = watch.Elapsed;
            watch.Restart();
            var report = CriticalRoads.Scan(synthetic);
            Console.WriteLine(string.Create(inv,
                $"{synthetic.NodeCount:N0} nodes, {synthetic.LinkCount:N0} links, {synthetic.Communes.Length:N0} communes, {report.OriginsSearched} origins " +
                $"(built in {built.TotalSeconds:F1} s): scan {watch.Elapsed.TotalSeconds:F2} s, {report.TreeLinksExamined:N0} tree links examined, " +
                $"{report.Roads.Length:N0} critical links ({report.Roads.Count(r => r.CutOffCommunes > 0):N0} cutting communes off)"));
        }
    }
}
