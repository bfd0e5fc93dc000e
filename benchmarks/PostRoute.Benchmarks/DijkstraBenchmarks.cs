using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace PostRoute.Benchmarks;

/// <summary>
/// Shared state of the path benchmarks: a generated road network, its CSR graph and the same graph for QuikGraph
/// (see <see cref="GraphFixture"/>), with 100 fixed random sources and 100 fixed random targets.
/// </summary>
public abstract class DijkstraBenchmarkBase
{
    private GraphFixture? _fixture;
    private int _next;

    protected abstract int NodeCount { get; }

    private protected GraphFixture Fixture => _fixture!;

    [GlobalSetup]
    public void Setup()
    {
        _fixture = GraphFixture.Get(NodeCount);
        PathSearches.OursOneToAll(_fixture, 0); // allocates this thread's scratch outside the measurement
    }

    // Rotate through the 100 fixed sources so no single source flatters either side.
    private protected int NextSource() => Fixture.Sources[_next++ % Fixture.Sources.Length];
}

/// <summary>
/// One-to-all: our Dijkstra (search only, internal API; and the public <c>ShortestPaths.FromSource</c>, which also
/// fills per-node result arrays) against QuikGraph's <c>DijkstraShortestPathAlgorithm</c> from the same source.
/// </summary>
public abstract class DijkstraOneToAllBase : DijkstraBenchmarkBase
{
    [Benchmark(Baseline = true)]
    public double OneToAll_QuikGraph() => PathSearches.QuikGraphOneToAll(Fixture, NextSource());

    [Benchmark]
    public int OneToAll_Ours_SearchOnly() => PathSearches.OursOneToAll(Fixture, NextSource());

    [Benchmark]
    public int OneToAll_Ours_FromSource() => PathSearches.OursFromSource(Fixture, NextSource());
}

/// <summary>
/// 100×100 travel matrix: QuikGraph one search per source (aborted once all targets are finished) against ours on
/// one thread (early-exit search per source) and through the public <c>MatrixCalculator.Compute</c> (all cores).
/// </summary>
public abstract class DijkstraMatrixBase : DijkstraBenchmarkBase
{
    [Benchmark(Baseline = true)]
    public double Matrix100x100_QuikGraph() => PathSearches.QuikGraphMatrix(Fixture);

    [Benchmark]
    public double Matrix100x100_Ours_OneThread() => PathSearches.OursMatrixSequential(Fixture);

    [Benchmark]
    public int Matrix100x100_Ours_Parallel() => PathSearches.OursMatrixParallel(Fixture);
}

/// <summary>One-to-all on the generated ~1,000,000-node network.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 5)]
public class DijkstraLargeGraphOneToAll : DijkstraOneToAllBase
{
    protected override int NodeCount => 1_000_000;
}

/// <summary>
/// 100×100 matrix on the generated ~1,000,000-node network. QuikGraph needs minutes per matrix here, so this class
/// measures single invocations (Monitoring strategy, no warm-up beyond BenchmarkDotNet's jitting run, 3 iterations).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 3)]
public class DijkstraLargeGraphMatrix : DijkstraMatrixBase
{
    protected override int NodeCount => 1_000_000;
}

/// <summary>One-to-all on a generated 100-node network (stand-in for the province network, absent from this branch).</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 5)]
public class DijkstraSmallGraphOneToAll : DijkstraOneToAllBase
{
    protected override int NodeCount => 100;
}

/// <summary>100×100 matrix on a generated 100-node network.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 5)]
public class DijkstraSmallGraphMatrix : DijkstraMatrixBase
{
    protected override int NodeCount => 100;
}
