using System.Collections.Immutable;
using PostRoute.Engine.Network;
using QuikGraph;
using QuikGraph.Algorithms.ConnectedComponents;

namespace PostRoute.Engine.Paths;

/// <summary>
/// Views of a network as QuikGraph graphs, for QuikGraph's general algorithms, and a connectivity analysis built on
/// them. Only links open in the given network version and allowed to the profile are included. Thread-safe (every
/// call builds its own graph). Meant for province-sized networks: QuikGraph's graphs cost a few hundred bytes per
/// edge; use <see cref="ShortestPaths"/> for path searches.
/// </summary>
public static class QuikGraphAdapter
{
    /// <summary>
    /// Undirected view: every node id is a vertex and every usable link an edge tagged with the link, whatever its
    /// one-way flag (for questions such as "is this area cut off from the road network at all").
    /// </summary>
    /// <param name="network">The network version.</param>
    /// <param name="profile">Vehicle profile, one of <see cref="PostalNetwork.Profiles"/>.</param>
    /// <exception cref="ArgumentException">The profile is unknown.</exception>
    public static UndirectedGraph<string, TaggedUndirectedEdge<string, Link>> ToUndirectedGraph(PostalNetwork network,
        string profile)
    {
        PathArguments.CheckCommon(network, profile, PathMetric.Time);
        var graph = new UndirectedGraph<string, TaggedUndirectedEdge<string, Link>>(allowParallelEdges: true);
        graph.AddVertexRange(network.Nodes.Select(n => n.Id));
        var order = Comparer<string>.Default; // QuikGraph requires source ≤ target by this comparer
        foreach (int l in UsableLinks(network, profile))
        {
            var link = network.Links[l];
            var (a, b) = order.Compare(link.From, link.To) <= 0 ? (link.From, link.To) : (link.To, link.From);
            graph.AddEdge(new TaggedUndirectedEdge<string, Link>(a, b, link));
        }

        return graph;
    }

    /// <summary>
    /// Directed view: one edge per direction of travel (two for a two-way link, one for a one-way link), tagged with
    /// the link.
    /// </summary>
    /// <param name="network">The network version.</param>
    /// <param name="profile">Vehicle profile, one of <see cref="PostalNetwork.Profiles"/>.</param>
    /// <exception cref="ArgumentException">The profile is unknown.</exception>
    public static BidirectionalGraph<string, TaggedEdge<string, Link>> ToDirectedGraph(PostalNetwork network, string profile)
    {
        PathArguments.CheckCommon(network, profile, PathMetric.Time);
        var graph = new BidirectionalGraph<string, TaggedEdge<string, Link>>(allowParallelEdges: true);
        graph.AddVertexRange(network.Nodes.Select(n => n.Id));
        foreach (int l in UsableLinks(network, profile))
        {
            var link = network.Links[l];
            graph.AddEdge(new TaggedEdge<string, Link>(link.From, link.To, link));
            if (!link.OneWay)
            {
                graph.AddEdge(new TaggedEdge<string, Link>(link.To, link.From, link));
            }
        }

        return graph;
    }

    /// <summary>
    /// Connected components (undirected view, QuikGraph), strongly connected components (directed view, QuikGraph),
    /// and bridges and articulation points of the undirected view (an iterative Tarjan low-link search, which
    /// QuikGraph does not provide).
    /// </summary>
    /// <param name="network">The network version.</param>
    /// <param name="profile">Vehicle profile, one of <see cref="PostalNetwork.Profiles"/>.</param>
    /// <exception cref="ArgumentException">The profile is unknown.</exception>
    public static ConnectivityReport AnalyseConnectivity(PostalNetwork network, string profile)
    {
        var undirected = ToUndirectedGraph(network, profile);
        var components = new ConnectedComponentsAlgorithm<string, TaggedUndirectedEdge<string, Link>>(undirected);
        components.Compute();

        var directed = ToDirectedGraph(network, profile);
        var strong = new StronglyConnectedComponentsAlgorithm<string, TaggedEdge<string, Link>>(directed);
        strong.Compute();

        var (bridges, articulation) = BridgesAndArticulationPoints(network, profile);
        return new ConnectivityReport(
            profile,
            network.Version,
            Group(network, components.Components),
            Group(network, strong.Components),
            [.. bridges.Select(l => network.Links[l].Id)],
            [.. articulation.Select(v => network.Nodes[v].Id)]);
    }

    private static IEnumerable<int> UsableLinks(PostalNetwork network, string profile)
    {
        for (int l = 0; l < network.Links.Length; l++)
        {
            if (!network.IsClosed(l) && network.Links[l].Allows(profile))
            {
                yield return l;
            }
        }
    }

    /// <summary>Groups node ids by component label: largest first, ties by first node index; ids in network order.</summary>
    private static ImmutableArray<ImmutableArray<string>> Group(PostalNetwork network, IDictionary<string, int> labelOf)
    {
        var groups = new Dictionary<int, List<int>>();
        for (int v = 0; v < network.Nodes.Length; v++)
        {
            int label = labelOf[network.Nodes[v].Id];
            if (!groups.TryGetValue(label, out var members))
            {
                groups[label] = members = [];
            }

            members.Add(v);
        }

        return [.. groups.Values
            .OrderByDescending(g => g.Count).ThenBy(g => g[0])
            .Select(g => g.Select(v => network.Nodes[v].Id).ToImmutableArray())];
    }

    /// <summary>Bridges (link indices) and articulation points (node indices), both sorted, of the undirected view.</summary>
    internal static (List<int> Bridges, List<int> ArticulationPoints) BridgesAndArticulationPoints(
        PostalNetwork network, string profile)
    {
        int n = network.Nodes.Length;
        var topology = network.Topology;
        var usable = UsableLinks(network, profile).ToArray();

        // Undirected adjacency in CSR form: (neighbour, link) per incidence.
        var first = new int[n + 1];
        foreach (int l in usable)
        {
            first[topology.LinkFrom[l] + 1]++;
            first[topology.LinkTo[l] + 1]++;
        }

        for (int v = 0; v < n; v++)
        {
            first[v + 1] += first[v];
        }

        var next = first[..n];
        var neighbour = new int[first[n]];
        var viaLink = new int[first[n]];
        foreach (int l in usable)
        {
            int a = topology.LinkFrom[l], b = topology.LinkTo[l];
            neighbour[next[a]] = b;
            viaLink[next[a]++] = l;
            neighbour[next[b]] = a;
            viaLink[next[b]++] = l;
        }

        var disc = new int[n];
        var low = new int[n];
        Array.Fill(disc, -1);
        var isArticulation = new bool[n];
        var bridges = new List<int>();
        var stack = new Stack<(int Node, int ParentLink, int Cursor)>();
        int time = 0;
        for (int root = 0; root < n; root++)
        {
            if (disc[root] >= 0)
            {
                continue;
            }

            int rootChildren = 0;
            disc[root] = low[root] = time++;
            stack.Push((root, -1, first[root]));
            while (stack.Count > 0)
            {
                var (v, parentLink, cursor) = stack.Pop();
                if (cursor < first[v + 1])
                {
                    stack.Push((v, parentLink, cursor + 1));
                    int w = neighbour[cursor];
                    int l = viaLink[cursor];
                    if (l == parentLink)
                    {
                        continue; // the tree edge back to the parent; a parallel link is a real back edge
                    }

                    if (disc[w] < 0)
                    {
                        disc[w] = low[w] = time++;
                        rootChildren += v == root ? 1 : 0;
                        stack.Push((w, l, first[w]));
                    }
                    else
                    {
                        low[v] = Math.Min(low[v], disc[w]);
                    }

                    continue;
                }

                if (stack.Count == 0)
                {
                    break;
                }

                int p = stack.Peek().Node;
                low[p] = Math.Min(low[p], low[v]);
                if (low[v] > disc[p])
                {
                    bridges.Add(parentLink);
                }

                if (p != root && low[v] >= disc[p])
                {
                    isArticulation[p] = true;
                }
            }

            isArticulation[root] = rootChildren >= 2;
        }

        bridges.Sort();
        var articulation = Enumerable.Range(0, n).Where(v => isArticulation[v]).ToList();
        return (bridges, articulation);
    }
}

/// <summary>
/// Connectivity of a network version for one profile (see <see cref="QuikGraphAdapter.AnalyseConnectivity"/>).
/// Component lists are ordered largest first (ties: the one holding the lower node index first) and hold node ids in
/// network order. Immutable.
/// </summary>
public sealed class ConnectivityReport
{
    private readonly Dictionary<string, int> _componentOf;

    internal ConnectivityReport(string profile, long networkVersion, ImmutableArray<ImmutableArray<string>> components,
        ImmutableArray<ImmutableArray<string>> stronglyConnectedComponents, ImmutableArray<string> bridges,
        ImmutableArray<string> articulationPoints)
    {
        Profile = profile;
        NetworkVersion = networkVersion;
        Components = components;
        StronglyConnectedComponents = stronglyConnectedComponents;
        Bridges = bridges;
        ArticulationPoints = articulationPoints;
        _componentOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < components.Length; c++)
        {
            foreach (var id in components[c])
            {
                _componentOf[id] = c;
            }
        }
    }

    /// <summary>Vehicle profile analysed.</summary>
    public string Profile { get; }

    /// <summary>Version of the network analysed.</summary>
    public long NetworkVersion { get; }

    /// <summary>Connected components of the undirected view (one-way links count as connections).</summary>
    public ImmutableArray<ImmutableArray<string>> Components { get; }

    /// <summary>Strongly connected components of the directed view: within one, every node can reach every other.</summary>
    public ImmutableArray<ImmutableArray<string>> StronglyConnectedComponents { get; }

    /// <summary>Ids of links whose closure would split their component (undirected view), in network order.</summary>
    public ImmutableArray<string> Bridges { get; }

    /// <summary>Ids of nodes whose loss would split their component (undirected view), in network order.</summary>
    public ImmutableArray<string> ArticulationPoints { get; }

    /// <summary>True when the undirected view has at most one component.</summary>
    public bool IsConnected => Components.Length <= 1;

    /// <summary>True when every node can reach every other node respecting one-way links.</summary>
    public bool IsStronglyConnected => StronglyConnectedComponents.Length <= 1;

    /// <summary>Index into <see cref="Components"/> of the component holding <paramref name="nodeId"/>.</summary>
    /// <exception cref="ArgumentException">The node id is unknown.</exception>
    public int ComponentOf(string nodeId) =>
        _componentOf.TryGetValue(nodeId, out int c) ? c : throw new ArgumentException($"Unknown node id '{nodeId}'.", nameof(nodeId));
}
