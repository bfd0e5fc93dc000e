using PostRoute.Engine.Paths;
using QuikGraph;
using QuikGraph.Algorithms.ShortestPath;

namespace PostRoute.Benchmarks;

/// <summary>The searches the benchmarks time, shared with the quick smoke mode.</summary>
internal static class PathSearches
{
    /// <summary>PostRoute one-to-all, search only (no result arrays); returns the number of settled nodes.</summary>
    public static int OursOneToAll(GraphFixture f, int source)
    {
        var scratch = SearchScratch.ForCurrentThread(f.Csr.NodeCount);
        scratch.Begin();
        Dijkstra.Run(f.Csr, default, PathMetric.Time, [source], 0, scratch, CancellationToken.None);
        return scratch.SettledCount;
    }

    /// <summary>PostRoute one-to-all through the public API, including the per-node result arrays.</summary>
    public static int OursFromSource(GraphFixture f, int source) =>
        ShortestPaths.FromSource(f.Network, f.SourceIdOf(source), GraphFixture.Profile).ReachableCount;

    /// <summary>PostRoute 100×100 matrix through the public API (parallel over all cores).</summary>
    public static int OursMatrixParallel(GraphFixture f) =>
        MatrixCalculator.Compute(f.Network, f.SourceIds, f.TargetIds, GraphFixture.Profile).UnreachableCount;

    /// <summary>PostRoute 100×100 matrix on one thread: one early-exit search per source.</summary>
    public static double OursMatrixSequential(GraphFixture f)
    {
        var scratch = SearchScratch.ForCurrentThread(f.Csr.NodeCount);
        double sum = 0;
        foreach (int source in f.Sources)
        {
            scratch.Begin();
            int distinct = 0;
            foreach (int t in f.Targets)
            {
                distinct += scratch.MarkTarget(t) ? 1 : 0;
            }

            Dijkstra.Run(f.Csr, default, PathMetric.Time, [source], distinct, scratch, CancellationToken.None);
            foreach (int t in f.Targets)
            {
                sum += scratch.IsSettled(t) ? scratch.State[t].Cost : 0;
            }
        }

        return sum;
    }

    /// <summary>QuikGraph one-to-all from <paramref name="source"/>; returns the distance to the first target.</summary>
    public static double QuikGraphOneToAll(GraphFixture f, int source)
    {
        var dijkstra = new DijkstraShortestPathAlgorithm<int, TaggedEdge<int, double>>(f.QuikGraph, e => e.Tag);
        dijkstra.Compute(source);
        return dijkstra.TryGetDistance(f.Targets[0], out double d) ? d : -1;
    }

    /// <summary>QuikGraph 100×100 matrix: one search per source, stopped (Abort) once every target is finished.</summary>
    public static double QuikGraphMatrix(GraphFixture f)
    {
        double sum = 0;
        var targets = f.Targets.ToHashSet();
        foreach (int source in f.Sources)
        {
            var dijkstra = new DijkstraShortestPathAlgorithm<int, TaggedEdge<int, double>>(f.QuikGraph, e => e.Tag);
            int remaining = targets.Count;
            dijkstra.FinishVertex += v =>
            {
                if (targets.Contains(v) && --remaining == 0)
                {
                    dijkstra.Abort();
                }
            };
            try
            {
                dijkstra.Compute(source);
            }
            catch (OperationCanceledException)
            {
                // Abort() ends the search this way; the distances found so far stay readable.
            }

            foreach (int t in f.Targets)
            {
                sum += dijkstra.TryGetDistance(t, out double d) && d < double.MaxValue ? d : 0;
            }
        }

        return sum;
    }
}
