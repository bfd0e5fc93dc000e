using System.Collections.Immutable;
using PostRoute.Engine.Network;

namespace PostRoute.Engine.Paths;

/// <summary>
/// Point-to-point and one-to-all shortest paths on a <see cref="PostalNetwork"/> for a vehicle profile. Links the
/// profile is barred from and links closed in the given network version are never used; one-way links are used only
/// from <see cref="Link.From"/> to <see cref="Link.To"/>.
/// </summary>
/// <remarks>
/// Thread-safe: searches run concurrently on any number of threads. Each thread reuses its own search arrays, and the
/// per-profile adjacency is built once per network topology and shared by all its versions. Among paths of equal
/// metric the one with the smaller other quantity (distance for <see cref="PathMetric.Time"/>, time for
/// <see cref="PathMetric.Distance"/>) is chosen; remaining ties are broken by node and link order, so results are
/// deterministic.
/// </remarks>
public static class ShortestPaths
{
    /// <summary>Finds the best path from <paramref name="fromNodeId"/> to <paramref name="toNodeId"/>.</summary>
    /// <param name="network">The network version to search.</param>
    /// <param name="fromNodeId">Id of the start node.</param>
    /// <param name="toNodeId">Id of the end node.</param>
    /// <param name="profile">Vehicle profile, one of <see cref="PostalNetwork.Profiles"/>.</param>
    /// <param name="metric">What to minimise.</param>
    /// <returns>The path, or a result with <see cref="PathResult.Found"/> false when the end cannot be reached.</returns>
    /// <exception cref="ArgumentException">A node id or the profile is unknown (the message names it).</exception>
    public static PathResult Find(PostalNetwork network, string fromNodeId, string toNodeId, string profile,
        PathMetric metric = PathMetric.Time)
    {
        PathArguments.CheckCommon(network, profile, metric);
        int from = PathArguments.NodeIndex(network, fromNodeId, nameof(fromNodeId));
        int to = PathArguments.NodeIndex(network, toNodeId, nameof(toNodeId));
        var graph = CsrGraph.For(network, profile);
        var scratch = SearchScratch.ForCurrentThread(graph.NodeCount);
        scratch.Begin();
        scratch.MarkTarget(to);
        Dijkstra.Run(graph, PathArguments.ClosedMask(network), metric, [from], 1, scratch, CancellationToken.None);
        if (!scratch.IsSettled(to))
        {
            return PathResult.NotFound(fromNodeId, toNodeId, profile, metric);
        }

        var state = scratch.State;
        var linkIndices = new List<int>();
        for (int v = to; state[v].PredEdge >= 0; v = Dijkstra.Tail(graph, network, v, state[v].PredEdge))
        {
            linkIndices.Add(graph.LinkIndex[state[v].PredEdge]);
        }

        return BuildPath(network, fromNodeId, toNodeId, from, profile, metric, linkIndices, state[to].Cost, state[to].Other);
    }

    /// <summary>
    /// Best paths from one node to every node (one-to-all), e.g. for coverage analysis. Costs O(n) memory for the
    /// result whatever the reach.
    /// </summary>
    /// <param name="network">The network version to search.</param>
    /// <param name="sourceId">Id of the start node.</param>
    /// <param name="profile">Vehicle profile, one of <see cref="PostalNetwork.Profiles"/>.</param>
    /// <param name="metric">What to minimise.</param>
    /// <param name="cancellationToken">Stops the search; then <see cref="OperationCanceledException"/> is thrown.</param>
    /// <returns>Per-node times, distances and predecessor links.</returns>
    /// <exception cref="ArgumentException">The node id or the profile is unknown.</exception>
    public static ShortestPathTree FromSource(PostalNetwork network, string sourceId, string profile,
        PathMetric metric = PathMetric.Time, CancellationToken cancellationToken = default) =>
        FromSources(network, [sourceId], profile, metric, cancellationToken);

    /// <summary>
    /// Best paths from the nearest of several nodes to every node (a multi-source search): each node gets the cost
    /// from whichever source reaches it best, and <see cref="ShortestPathTree.NearestSource"/> tells which. Useful for
    /// "time to the nearest post office".
    /// </summary>
    /// <param name="network">The network version to search.</param>
    /// <param name="sourceIds">Ids of the start nodes (at least one; duplicates are allowed).</param>
    /// <param name="profile">Vehicle profile, one of <see cref="PostalNetwork.Profiles"/>.</param>
    /// <param name="metric">What to minimise.</param>
    /// <param name="cancellationToken">Stops the search; then <see cref="OperationCanceledException"/> is thrown.</param>
    /// <returns>Per-node times, distances, predecessor links and nearest sources.</returns>
    /// <exception cref="ArgumentException">A node id or the profile is unknown, or no source is given.</exception>
    public static ShortestPathTree FromSources(PostalNetwork network, IReadOnlyList<string> sourceIds, string profile,
        PathMetric metric = PathMetric.Time, CancellationToken cancellationToken = default)
    {
        PathArguments.CheckCommon(network, profile, metric);
        int[] sources = PathArguments.NodeIndices(network, sourceIds, nameof(sourceIds));
        if (sources.Length == 0)
        {
            throw new ArgumentException("At least one source node id is needed.", nameof(sourceIds));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var graph = CsrGraph.For(network, profile);
        var scratch = SearchScratch.ForCurrentThread(graph.NodeCount);
        scratch.Begin();
        if (!Dijkstra.Run(graph, PathArguments.ClosedMask(network), metric, sources, 0, scratch, cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        int n = graph.NodeCount;
        var duration = new double[n];
        var distance = new double[n];
        var predLink = new int[n];
        var nearest = new int[n];
        Array.Fill(duration, double.PositiveInfinity);
        Array.Fill(distance, double.PositiveInfinity);
        Array.Fill(predLink, -1);
        Array.Fill(nearest, -1);

        // First position of each source node in the caller's list, so NearestSource indexes sourceIds.
        for (int i = sources.Length - 1; i >= 0; i--)
        {
            nearest[sources[i]] = i;
        }

        var state = scratch.State;
        var settled = scratch.Settled;
        for (int k = 0; k < scratch.SettledCount; k++)
        {
            int v = settled[k];
            ref var s = ref state[v];
            (duration[v], distance[v]) = metric == PathMetric.Time ? (s.Cost, s.Other) : (s.Other, s.Cost);
            if (s.PredEdge >= 0)
            {
                predLink[v] = graph.LinkIndex[s.PredEdge];
                nearest[v] = nearest[Dijkstra.Tail(graph, network, v, s.PredEdge)]; // settled earlier, so known
            }
        }

        return new ShortestPathTree(network, [.. sourceIds], profile, metric, duration, distance, predLink, nearest,
            scratch.SettledCount);
    }

    internal static PathResult BuildPath(PostalNetwork network, string fromNodeId, string toNodeId, int from,
        string profile, PathMetric metric, List<int> reversedLinkIndices, double cost, double other)
    {
        var nodes = ImmutableArray.CreateBuilder<string>(reversedLinkIndices.Count + 1);
        var links = ImmutableArray.CreateBuilder<string>(reversedLinkIndices.Count);
        var topology = network.Topology;
        int at = from;
        nodes.Add(network.Nodes[from].Id);
        for (int k = reversedLinkIndices.Count - 1; k >= 0; k--)
        {
            int l = reversedLinkIndices[k];
            at = topology.LinkFrom[l] == at ? topology.LinkTo[l] : topology.LinkFrom[l];
            links.Add(network.Links[l].Id);
            nodes.Add(network.Nodes[at].Id);
        }

        var (duration, distance) = metric == PathMetric.Time ? (cost, other) : (other, cost);
        return new PathResult(true, fromNodeId, toNodeId, profile, metric, nodes.MoveToImmutable(), links.MoveToImmutable(),
            duration, distance);
    }
}
