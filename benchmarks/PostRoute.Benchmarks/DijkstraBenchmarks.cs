using BenchmarkDotNet.Attributes;

namespace PostRoute.Benchmarks;

/// <summary>
/// PostRoute's Dijkstra against QuikGraph's <c>DijkstraShortestPathAlgorithm</c> on the same generated road network.
/// "Ours_" search only (internal API) or go through the public API; QuikGraph gets int vertices and tagged edges.
/// </summary>
public abstract class DijkstraBenchmarksBase
{
    private GraphFixture _fixture = null!;
    private int _next;

    protected abstract int NodeCount { get; }

    [GlobalSetup]
    public void Setup()
    {
        _fixture = GraphFixture.Get(NodeCount);
        PathSearches.OursOneToAll(_fixture, 0); // allocates this thread's scratch outside the measurement
    }

    // Rotate through the 100 fixed sources so no single source flatters either side.
    private int NextSource() => _fixture.Sources[_next++ % _fixture.Sources.Length];

    [Benchmark(Baseline = true)]
    public double OneToAll_QuikGraph() => PathSearches.QuikGraphOneToAll(_fixture, NextSource());

    [Benchmark]
    public int OneToAll_Ours_SearchOnly() => PathSearches.OursOneToAll(_fixture, NextSource());

    [Benchmark]
    public int OneToAll_Ours_FromSource() => PathSearches.OursFromSource(_fixture, NextSource());

    [Benchmark]
    public double Matrix100x100_QuikGraph() => PathSearches.QuikGraphMatrix(_fixture);

    [Benchmark]
    public double Matrix100x100_Ours_OneThread() => PathSearches.OursMatrixSequential(_fixture);

    [Benchmark]
    public int Matrix100x100_Ours_Parallel() => PathSearches.OursMatrixParallel(_fixture);
}

/// <summary>On a generated ~1,000,000-node road-like network.</summary>
[MemoryDiagnoser]
public class DijkstraLargeGraph : DijkstraBenchmarksBase
{
    protected override int NodeCount => 1_000_000;
}

/// <summary>On a generated 100-node network (stand-in for the province network, which this branch does not have).</summary>
[MemoryDiagnoser]
public class DijkstraSmallGraph : DijkstraBenchmarksBase
{
    protected override int NodeCount => 100;
}
