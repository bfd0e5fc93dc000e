using PostRoute.Engine.Network;

namespace PostRoute.Engine.Paths;

/// <summary>
/// Compressed sparse row adjacency of one network topology for one vehicle profile: the arcs leaving node
/// <c>u</c> are <c>FirstEdge[u] .. FirstEdge[u + 1] - 1</c>. A two-way link gives two arcs, a one-way link one, and a
/// link barred to the profile none. Arcs hold only their head node and link index (8 bytes per arc, about 27 MB for
/// 2.9 million arcs); travel times and lengths are read through the link index from the topology's per-link arrays
/// (<see cref="LinkTimeSeconds"/>, <see cref="LinkLengthMetres"/>), so they are stored once for all profiles and
/// directions. Closed state is not baked in (it changes per network version): searches check
/// <see cref="PostalNetwork.ClosedMask"/> through <see cref="LinkIndex"/>. Immutable once built; thread-safe.
/// </summary>
internal sealed class CsrGraph
{
    private const string KeyPrefix = "paths.csr:";

    private CsrGraph(int nodeCount, int[] firstEdge, int[] head, int[] linkIndex, double[] linkTimeSeconds,
        double[] linkLengthMetres)
    {
        NodeCount = nodeCount;
        FirstEdge = firstEdge;
        Head = head;
        LinkIndex = linkIndex;
        LinkTimeSeconds = linkTimeSeconds;
        LinkLengthMetres = linkLengthMetres;
    }

    /// <summary>Number of nodes.</summary>
    public int NodeCount { get; }

    /// <summary>Number of arcs.</summary>
    public int EdgeCount => Head.Length;

    /// <summary>Start of each node's arc range; length <see cref="NodeCount"/> + 1.</summary>
    public int[] FirstEdge { get; }

    /// <summary>Node index each arc leads to.</summary>
    public int[] Head { get; }

    /// <summary>Index (into <see cref="PostalNetwork.Links"/>) of the link each arc travels.</summary>
    public int[] LinkIndex { get; }

    /// <summary>
    /// Travel time in seconds for the profile, per link (index with <see cref="LinkIndex"/>, not by arc); NaN for
    /// links barred to the profile, which have no arcs. Shared with the topology: do not modify.
    /// </summary>
    public double[] LinkTimeSeconds { get; }

    /// <summary>Length in metres per link (index with <see cref="LinkIndex"/>). Shared with the topology: do not modify.</summary>
    public double[] LinkLengthMetres { get; }

    /// <summary>Approximate managed size of the graph's own arrays in bytes (the shared per-link arrays excluded).</summary>
    public long SizeInBytes => 4L * FirstEdge.Length + (4L + 4) * Head.Length;

    /// <summary>
    /// The graph of <paramref name="network"/>'s topology for <paramref name="profile"/>, built on first use and then
    /// shared by every version of the network (closures do not change it).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="profile"/> is not one of the network's profiles.</exception>
    public static CsrGraph For(PostalNetwork network, string profile)
    {
        if (network.Topology.ProfileIndex(profile) < 0)
        {
            throw new ArgumentException($"Unknown profile '{profile}'.", nameof(profile));
        }

        // Lazy<> so that concurrent first calls build the graph once; the factory is dropped after it runs.
        var lazy = (Lazy<CsrGraph>)network.Topology.Derived.GetOrAdd(KeyPrefix + profile,
            static (_, arg) => new Lazy<CsrGraph>(() => Build(arg.Topology, arg.profile), LazyThreadSafetyMode.ExecutionAndPublication),
            (network.Topology, profile));
        return lazy.Value;
    }

    private static CsrGraph Build(NetworkTopology topology, string profile)
    {
        int p = topology.ProfileIndex(profile);
        int n = topology.NodeCount;
        int linkCount = topology.LinkCount;
        int[] from = topology.LinkFrom;
        int[] to = topology.LinkTo;
        double[] time = topology.LinkSeconds[p];

        // Pass 1: arc counts per tail node.
        var firstEdge = new int[n + 1];
        for (int l = 0; l < linkCount; l++)
        {
            if (double.IsNaN(time[l]))
            {
                continue;
            }

            firstEdge[from[l] + 1]++;
            if (!topology.IsOneWay(l))
            {
                firstEdge[to[l] + 1]++;
            }
        }

        for (int u = 0; u < n; u++)
        {
            firstEdge[u + 1] += firstEdge[u];
        }

        int m = firstEdge[n];
        var head = new int[m];
        var arcLink = new int[m];
        var next = new int[n];
        Array.Copy(firstEdge, next, n);

        // Pass 2: fill in link order so that arc order (and with it tie-breaking) is deterministic.
        for (int l = 0; l < linkCount; l++)
        {
            if (double.IsNaN(time[l]))
            {
                continue;
            }

            int e = next[from[l]]++;
            head[e] = to[l];
            arcLink[e] = l;
            if (!topology.IsOneWay(l))
            {
                e = next[to[l]]++;
                head[e] = from[l];
                arcLink[e] = l;
            }
        }

        return new CsrGraph(n, firstEdge, head, arcLink, time, topology.LinkLengthMetres);
    }
}
