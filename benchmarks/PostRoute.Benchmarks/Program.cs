using System.Diagnostics;
using BenchmarkDotNet.Running;
using PostRoute.Benchmarks;

// `memory`: managed memory of the 1M-node network and its CSR; `smoke N`: a few stopwatch timings on an N-node
// network (quick sanity check, not a benchmark); `search N R`: R rounds of our one-to-all search from the 100 fixed
// sources (stopwatch min/quartile/median, for before/after checks); `search-diagnostics <instance file> [seconds]
// [seed]`: a run of the native route search printing its improvements and counters; `planning [N]`: the Phú Yên
// network-planning figures and a critical-road scan on an N-node generated network; anything else goes to
// BenchmarkDotNet (e.g. --filter '*Dijkstra*' or --filter '*SearchMoveEvaluation*').
switch (args.FirstOrDefault())
{
    case "search-diagnostics" when args.Length >= 2:
        SearchDiagnostics.Run(
            args[1],
            args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10,
            args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 1);
        break;
    case "memory":
        MemoryReport.Run(args.Length > 1 ? int.Parse(args[1]) : 1_000_000);
        break;
    case "connectivity":
        {
            var watch = Stopwatch.StartNew();
            var network = PostRoute.Engine.Paths.SyntheticRoadNetwork.Generate(args.Length > 1 ? int.Parse(args[1]) : 10_000);
            var report = PostRoute.Engine.Paths.QuikGraphAdapter.AnalyseConnectivity(network, PostRoute.Engine.Network.Profiles.Truck);
            Console.WriteLine($"{network.Nodes.Length:N0} nodes: {report.Components.Length} components, {report.StronglyConnectedComponents.Length} SCCs, " +
                              $"{report.Bridges.Length} bridges, {report.ArticulationPoints.Length} articulation points in {watch.Elapsed.TotalSeconds:F1} s");
            break;
        }

    case "search":
        SearchTiming.Run(args.Length > 1 ? int.Parse(args[1]) : 1_000_000, args.Length > 2 ? int.Parse(args[2]) : 1);
        break;
    case "planning":
        PlanningFigures.Run(args.Length > 1 ? int.Parse(args[1]) : 100_000);
        break;
    case "smoke":
        Smoke(args.Length > 1 ? int.Parse(args[1]) : 1_000_000);
        break;
    default:
        BenchmarkSwitcher.FromAssembly(typeof(DijkstraBenchmarkBase).Assembly).Run(args);
        break;
}

static void Smoke(int nodeCount)
{
    var watch = Stopwatch.StartNew();
    var f = GraphFixture.Get(nodeCount);
    Console.WriteLine($"fixture: {f.Network.Topology.NodeCount:N0} nodes, {f.Network.Topology.LinkCount:N0} links, {f.Csr.EdgeCount:N0} arcs in {watch.Elapsed.TotalSeconds:F1} s");
    void Time(string name, Func<object> run, int repeat)
    {
        run();
        var w = Stopwatch.StartNew();
        object result = 0;
        for (int i = 0; i < repeat; i++)
        {
            result = run();
        }

        Console.WriteLine($"{name,-28} {w.Elapsed.TotalMilliseconds / repeat,10:F2} ms  ({result})");
    }

    int k = 0;
    Time("ours one-to-all", () => PathSearches.OursOneToAll(f, f.Sources[k++ % 100]), 10);
    Time("ours FromSource", () => PathSearches.OursFromSource(f, f.Sources[k++ % 100]), 5);
    Time("quikgraph one-to-all", () => PathSearches.QuikGraphOneToAll(f, f.Sources[k++ % 100]), 2);
    Time("ours matrix 1 thread", () => PathSearches.OursMatrixSequential(f), 1);
    Time("ours matrix parallel", () => PathSearches.OursMatrixParallel(f), 1);
    if (nodeCount <= 100_000)
    {
        Time("quikgraph matrix", () => PathSearches.QuikGraphMatrix(f), 1);
    }
}
