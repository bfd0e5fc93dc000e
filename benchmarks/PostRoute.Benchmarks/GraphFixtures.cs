using PostRoute.Engine.Network;
using PostRoute.Engine.Paths;
using QuikGraph;

namespace PostRoute.Benchmarks;

/// <summary>
/// Generated networks shared by the path benchmarks, plus the same graph in QuikGraph form (int vertices, one tagged
/// edge per direction of travel, the tag holding the profile's travel time) so both libraries search identical data.
/// </summary>
internal sealed class GraphFixture
{
    private static readonly Dictionary<int, GraphFixture> Cache = [];

    /// <summary>Key of the embedded Phú Yên network in <see cref="Get"/>.</summary>
    public const int PhuYenNetwork = 0;

    private GraphFixture(int nodeCount)
    {
        Network = nodeCount == PhuYenNetwork ? PhuYen.Network : SyntheticRoadNetwork.Generate(nodeCount);
        nodeCount = Network.Topology.NodeCount; // without materialising the node records
        Csr = CsrGraph.For(Network, Profile);
        QuikGraph = new AdjacencyGraph<int, TaggedEdge<int, double>>(allowParallelEdges: true, nodeCount, 4);
        QuikGraph.AddVertexRange(Enumerable.Range(0, nodeCount));
        for (int u = 0; u < nodeCount; u++)
        {
            for (int e = Csr.FirstEdge[u]; e < Csr.FirstEdge[u + 1]; e++)
            {
                QuikGraph.AddEdge(new TaggedEdge<int, double>(u, Csr.Head[e], Csr.LinkTimeSeconds[Csr.LinkIndex[e]]));
            }
        }

        // Fixed-seed sources and targets spread over the whole network; every node when it has at most 100.
        var random = new Random(42);
        Sources = nodeCount <= 100 ? Enumerable.Range(0, nodeCount).ToArray() : Enumerable.Range(0, 100).Select(_ => random.Next(nodeCount)).ToArray();
        Targets = nodeCount <= 100 ? Enumerable.Range(0, nodeCount).ToArray() : Enumerable.Range(0, 100).Select(_ => random.Next(nodeCount)).ToArray();
        SourceIds = Sources.Select(i => Network.Topology.NodeIdAt(i)).ToArray();
        TargetIds = Targets.Select(i => Network.Topology.NodeIdAt(i)).ToArray();
        _sourceIdOf = Sources.Zip(SourceIds).DistinctBy(p => p.First).ToDictionary(p => p.First, p => p.Second);
    }

    // Ids of the fixed sources, made once: measured searches should not allocate an id string (the network keeps ids
    // in a compact table, so reading one makes a string).
    private readonly Dictionary<int, string> _sourceIdOf;

    public const string Profile = Profiles.Truck;

    public PostalNetwork Network { get; }

    public CsrGraph Csr { get; }

    public AdjacencyGraph<int, TaggedEdge<int, double>> QuikGraph { get; }

    public int[] Sources { get; }

    public int[] Targets { get; }

    public string[] SourceIds { get; }

    public string[] TargetIds { get; }

    /// <summary>Id of one of the fixed <see cref="Sources"/>.</summary>
    public string SourceIdOf(int source) => _sourceIdOf[source];

    public static GraphFixture Get(int nodeCount)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(nodeCount, out var fixture))
            {
                Cache[nodeCount] = fixture = new GraphFixture(nodeCount);
            }

            return fixture;
        }
    }
}
