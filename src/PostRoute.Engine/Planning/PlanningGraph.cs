using PostRoute.Engine.Network;
using PostRoute.Engine.Paths;

namespace PostRoute.Engine.Planning;

/// <summary>
/// Adjacency of one network version for one profile in both directions (out-arcs and in-arcs, CSR), with the links
/// closed in that version left out and each arc's time and length stored next to it. Planning searches need the
/// reverse direction ("from every commune to the nearest point"), which the shared <see cref="CsrGraph"/> does not
/// offer. Immutable once built; thread-safe.
/// </summary>
internal sealed class PlanningGraph
{
    private PlanningGraph(PostalNetwork network, string profile, int[] firstOut, int[] outHead, int[] outLink,
        int[] firstIn, int[] inTail, int[] inLink, double[] seconds, double[] metres)
    {
        Network = network;
        Profile = profile;
        FirstOut = firstOut;
        OutHead = outHead;
        OutLink = outLink;
        FirstIn = firstIn;
        InTail = inTail;
        InLink = inLink;
        LinkSeconds = seconds;
        LinkMetres = metres;
    }

    public PostalNetwork Network { get; }

    public string Profile { get; }

    public int NodeCount => FirstOut.Length - 1;

    /// <summary>Out-arcs of node u: <c>FirstOut[u] .. FirstOut[u + 1] - 1</c>.</summary>
    public int[] FirstOut { get; }

    public int[] OutHead { get; }

    public int[] OutLink { get; }

    /// <summary>In-arcs of node v: <c>FirstIn[v] .. FirstIn[v + 1] - 1</c>.</summary>
    public int[] FirstIn { get; }

    public int[] InTail { get; }

    public int[] InLink { get; }

    /// <summary>Travel time per link index for the profile, seconds (NaN when barred).</summary>
    public double[] LinkSeconds { get; }

    /// <summary>Length per link index, metres.</summary>
    public double[] LinkMetres { get; }

    /// <summary>True when the node has at least one usable arc (in or out).</summary>
    public bool HasArcs(int node) => FirstOut[node + 1] > FirstOut[node] || FirstIn[node + 1] > FirstIn[node];

    /// <summary>Builds the graph of <paramref name="network"/> for <paramref name="profile"/> (closed links left out).</summary>
    /// <exception cref="ArgumentException">The profile is unknown (the message names it).</exception>
    public static PlanningGraph Build(PostalNetwork network, string profile)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(profile);
        var topology = network.Topology;
        int p = topology.ProfileIndex(profile);
        if (p < 0)
        {
            throw new ArgumentException(
                $"Unknown profile '{profile}'; the network '{network.Name}' knows: {string.Join(", ", network.Profiles)}.",
                nameof(profile));
        }

        int n = topology.NodeCount;
        double[] seconds = topology.LinkSeconds[p];
        var closed = network.ClosedMask;
        var firstOut = new int[n + 1];
        var firstIn = new int[n + 1];
        for (int l = 0; l < topology.LinkCount; l++)
        {
            if (double.IsNaN(seconds[l]) || closed[l])
            {
                continue;
            }

            int a = topology.LinkFrom[l], b = topology.LinkTo[l];
            firstOut[a + 1]++;
            firstIn[b + 1]++;
            if (!topology.IsOneWay(l))
            {
                firstOut[b + 1]++;
                firstIn[a + 1]++;
            }
        }

        for (int u = 0; u < n; u++)
        {
            firstOut[u + 1] += firstOut[u];
            firstIn[u + 1] += firstIn[u];
        }

        var outHead = new int[firstOut[n]];
        var outLink = new int[firstOut[n]];
        var inTail = new int[firstIn[n]];
        var inLink = new int[firstIn[n]];
        var nextOut = firstOut[..n];
        var nextIn = firstIn[..n];
        for (int l = 0; l < topology.LinkCount; l++)
        {
            if (double.IsNaN(seconds[l]) || closed[l])
            {
                continue;
            }

            int a = topology.LinkFrom[l], b = topology.LinkTo[l];
            outHead[nextOut[a]] = b;
            outLink[nextOut[a]++] = l;
            inTail[nextIn[b]] = a;
            inLink[nextIn[b]++] = l;
            if (!topology.IsOneWay(l))
            {
                outHead[nextOut[b]] = a;
                outLink[nextOut[b]++] = l;
                inTail[nextIn[a]] = b;
                inLink[nextIn[a]++] = l;
            }
        }

        return new PlanningGraph(network, profile, firstOut, outHead, outLink, firstIn, inTail, inLink, seconds,
            topology.LinkLengthMetres);
    }
}

/// <summary>
/// Result arrays of a <see cref="PlanningSearch"/>: per node the best cost in the searched metric, the other quantity
/// along the same path, and the index of the source it was reached from (−1 when unreachable or beyond the bound).
/// </summary>
internal sealed class SearchTree
{
    public SearchTree(int nodeCount)
    {
        Cost = new double[nodeCount];
        Other = new double[nodeCount];
        Origin = new int[nodeCount];
        PredLink = new int[nodeCount];
        Array.Fill(Cost, double.PositiveInfinity);
        Array.Fill(Other, double.PositiveInfinity);
        Array.Fill(Origin, -1);
        Array.Fill(PredLink, -1);
    }

    public double[] Cost { get; }

    public double[] Other { get; }

    public int[] Origin { get; }

    /// <summary>Link by which each node was reached (−1 for sources and unreached nodes).</summary>
    public int[] PredLink { get; }

    /// <summary>Nodes in the order they were settled (non-decreasing cost).</summary>
    public List<int> Settled { get; } = [];
}

/// <summary>
/// Dijkstra over a <see cref="PlanningGraph"/>, forwards (from the sources) or backwards (to the sources), with costs
/// compared as (metric, other quantity, node index) like <see cref="ShortestPaths"/>, and an optional bound beyond
/// which nodes are left unreached. Not thread-safe per instance; each call allocates its own state.
/// </summary>
internal static class PlanningSearch
{
    /// <summary>
    /// Runs a multi-source search. Backwards (<paramref name="reverse"/>) the costs are of paths from each node TO its
    /// nearest source, following one-way links in their allowed direction.
    /// </summary>
    /// <param name="graph">The graph.</param>
    /// <param name="sources">Source node indices (duplicates ignored); <see cref="SearchTree.Origin"/> holds positions in this list.</param>
    /// <param name="reverse">False: paths from the sources; true: paths to the sources.</param>
    /// <param name="metric">What is minimised.</param>
    /// <param name="bound">Nodes whose cost would exceed this are left unreached.</param>
    /// <param name="stopAfter">Optional targets: the search stops once every one of them is settled.</param>
    /// <param name="cancellationToken">Checked every 4,096 settled nodes.</param>
    public static SearchTree Run(PlanningGraph graph, ReadOnlySpan<int> sources, bool reverse, PathMetric metric,
        double bound = double.PositiveInfinity, ReadOnlySpan<int> stopAfter = default,
        CancellationToken cancellationToken = default)
    {
        var tree = new SearchTree(graph.NodeCount);
        var settled = new bool[graph.NodeCount];
        int[] first = reverse ? graph.FirstIn : graph.FirstOut;
        int[] other = reverse ? graph.InTail : graph.OutHead;
        int[] arcLink = reverse ? graph.InLink : graph.OutLink;
        double[] w1 = metric == PathMetric.Time ? graph.LinkSeconds : graph.LinkMetres;
        double[] w2 = metric == PathMetric.Time ? graph.LinkMetres : graph.LinkSeconds;
        var heap = new PriorityQueue<int, (double Cost, double Other, int Node)>();
        for (int i = 0; i < sources.Length; i++)
        {
            int s = sources[i];
            if (tree.Origin[s] >= 0)
            {
                continue;
            }

            tree.Cost[s] = 0;
            tree.Other[s] = 0;
            tree.Origin[s] = i;
            heap.Enqueue(s, (0, 0, s));
        }

        var isTarget = stopAfter.IsEmpty ? null : new bool[graph.NodeCount];
        int remaining = 0;
        foreach (int t in stopAfter)
        {
            if (!isTarget![t])
            {
                isTarget[t] = true;
                remaining++;
            }
        }

        int pops = 0;
        while (heap.TryDequeue(out int u, out var key))
        {
            if (settled[u] || key.Cost != tree.Cost[u] || key.Other != tree.Other[u])
            {
                continue;
            }

            settled[u] = true;
            tree.Settled.Add(u);
            if (isTarget is not null && isTarget[u] && --remaining == 0)
            {
                break;
            }

            if ((++pops & 4095) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            double du = tree.Cost[u], ou = tree.Other[u];
            for (int e = first[u]; e < first[u + 1]; e++)
            {
                int v = other[e];
                if (settled[v])
                {
                    continue;
                }

                int l = arcLink[e];
                double nd = du + w1[l];
                if (nd > bound)
                {
                    continue;
                }

                double no = ou + w2[l];
                if (nd < tree.Cost[v] || (nd == tree.Cost[v] && (no < tree.Other[v] || (no == tree.Other[v] && tree.Origin[v] > tree.Origin[u]))))
                {
                    tree.Cost[v] = nd;
                    tree.Other[v] = no;
                    tree.Origin[v] = tree.Origin[u];
                    tree.PredLink[v] = l;
                    heap.Enqueue(v, (nd, no, v));
                }
            }
        }

        // Nodes reached but not settled (stopped early) keep tentative values: clear them so results are exact or absent.
        if (isTarget is not null)
        {
            for (int v = 0; v < settled.Length; v++)
            {
                if (!settled[v] && tree.Origin[v] >= 0)
                {
                    tree.Cost[v] = tree.Other[v] = double.PositiveInfinity;
                    tree.Origin[v] = -1;
                    tree.PredLink[v] = -1;
                }
            }
        }

        return tree;
    }
}
