using System.Collections.Immutable;
using System.Runtime.InteropServices;
using PostRoute.Engine.Network;

namespace PostRoute.Engine.Paths;

/// <summary>
/// Result of a one-to-all (or nearest-of-many-to-all) search: for every node, indexed like
/// <see cref="PostalNetwork.Nodes"/>, the travel time and distance of its best path and the link by which that path
/// arrives. Unreachable nodes have infinite time and distance and no predecessor. Immutable and thread-safe.
/// </summary>
public sealed class ShortestPathTree
{
    private readonly PostalNetwork _network;

    internal ShortestPathTree(PostalNetwork network, ImmutableArray<string> sourceIds, string profile, PathMetric metric,
        double[] durationSeconds, double[] distanceMetres, int[] predecessorLink, int[] nearestSource, int reachableCount)
    {
        _network = network;
        SourceIds = sourceIds;
        Profile = profile;
        Metric = metric;
        DurationSeconds = ImmutableCollectionsMarshal.AsImmutableArray(durationSeconds);
        DistanceMetres = ImmutableCollectionsMarshal.AsImmutableArray(distanceMetres);
        PredecessorLink = ImmutableCollectionsMarshal.AsImmutableArray(predecessorLink);
        NearestSource = ImmutableCollectionsMarshal.AsImmutableArray(nearestSource);
        ReachableCount = reachableCount;
    }

    /// <summary>Ids of the source nodes, as given.</summary>
    public ImmutableArray<string> SourceIds { get; }

    /// <summary>Vehicle profile searched.</summary>
    public string Profile { get; }

    /// <summary>What was minimised.</summary>
    public PathMetric Metric { get; }

    /// <summary>Version of the network searched (see <see cref="PostalNetwork.Version"/>).</summary>
    public long NetworkVersion => _network.Version;

    /// <summary>Travel time in seconds of each node's best path; <see cref="double.PositiveInfinity"/> when unreachable.</summary>
    public ImmutableArray<double> DurationSeconds { get; }

    /// <summary>Length in metres of each node's best path; <see cref="double.PositiveInfinity"/> when unreachable.</summary>
    public ImmutableArray<double> DistanceMetres { get; }

    /// <summary>
    /// Index (into <see cref="PostalNetwork.Links"/>) of the last link of each node's best path; −1 for the sources
    /// and for unreachable nodes.
    /// </summary>
    public ImmutableArray<int> PredecessorLink { get; }

    /// <summary>
    /// For each node, the position in <see cref="SourceIds"/> of the source its best path starts from; −1 when
    /// unreachable. For a duplicated source id, the first position.
    /// </summary>
    public ImmutableArray<int> NearestSource { get; }

    /// <summary>Number of nodes reachable from the sources (the sources included).</summary>
    public int ReachableCount { get; }

    /// <summary>True when the node at <paramref name="nodeIndex"/> can be reached.</summary>
    public bool IsReachable(int nodeIndex) => NearestSource[nodeIndex] >= 0;

    /// <summary>
    /// Index of the node before <paramref name="nodeIndex"/> on its best path; −1 for the sources and for
    /// unreachable nodes.
    /// </summary>
    public int PredecessorNode(int nodeIndex)
    {
        int link = PredecessorLink[nodeIndex];
        if (link < 0)
        {
            return -1;
        }

        var topology = _network.Topology;
        return topology.LinkTo[link] == nodeIndex ? topology.LinkFrom[link] : topology.LinkTo[link];
    }

    /// <summary>The best path to <paramref name="nodeId"/> from its nearest source.</summary>
    /// <exception cref="ArgumentException">The node id is unknown.</exception>
    public PathResult PathTo(string nodeId)
    {
        int target = PathArguments.NodeIndex(_network, nodeId, nameof(nodeId));
        if (!IsReachable(target))
        {
            return PathResult.NotFound(SourceIds[0], nodeId, Profile, Metric);
        }

        var links = new List<int>();
        int at = target;
        for (int prev = PredecessorNode(at); prev >= 0; prev = PredecessorNode(at))
        {
            links.Add(PredecessorLink[at]);
            at = prev;
        }

        double cost = Metric == PathMetric.Time ? DurationSeconds[target] : DistanceMetres[target];
        double other = Metric == PathMetric.Time ? DistanceMetres[target] : DurationSeconds[target];
        return ShortestPaths.BuildPath(_network, SourceIds[NearestSource[target]], nodeId, at, Profile, Metric, links,
            cost, other);
    }
}
