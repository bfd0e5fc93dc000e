using PostRoute.Engine.Network;

namespace PostRoute.Engine.Paths;

/// <summary>
/// Compressed sparse row adjacency of one network topology for one vehicle profile: the arcs leaving node
/// <c>u</c> are <c>FirstEdge[u] .. FirstEdge[u + 1] - 1</c>. A two-way link gives two arcs, a one-way link one, and a
/// link barred to the profile none. Closed state is not baked in (it changes per network version): searches check
/// <see cref="PostalNetwork.ClosedMask"/> through <see cref="LinkIndex"/>. Immutable once built; thread-safe.
/// </summary>
internal sealed class CsrGraph
{
    private const string KeyPrefix = "paths.csr:";

    private CsrGraph(int nodeCount, int[] firstEdge, int[] head, double[] timeSeconds, double[] lengthMetres, int[] linkIndex)
    {
        NodeCount = nodeCount;
        FirstEdge = firstEdge;
        Head = head;
        TimeSeconds = timeSeconds;
        LengthMetres = lengthMetres;
        LinkIndex = linkIndex;
    }

    /// <summary>Number of nodes.</summary>
    public int NodeCount { get; }

    /// <summary>Number of arcs.</summary>
    public int EdgeCount => Head.Length;

    /// <summary>Start of each node's arc range; length <see cref="NodeCount"/> + 1.</summary>
    public int[] FirstEdge { get; }

    /// <summary>Node index each arc leads to.</summary>
    public int[] Head { get; }

    /// <summary>Travel time of each arc for the profile, in seconds.</summary>
    public double[] TimeSeconds { get; }

    /// <summary>Length of each arc in metres.</summary>
    public double[] LengthMetres { get; }

    /// <summary>Index (into <see cref="PostalNetwork.Links"/>) of the link each arc travels.</summary>
    public int[] LinkIndex { get; }

    /// <summary>Approximate managed size of the arrays in bytes.</summary>
    public long SizeInBytes => 4L * FirstEdge.Length + (4L + 8 + 8 + 4) * Head.Length;

    /// <summary>
    /// The graph of <paramref name="network"/>'s topology for <paramref name="profile"/>, built on first use and then
    /// shared by every version of the network (closures do not change it).
    /// </summary>
    public static CsrGraph For(PostalNetwork network, string profile)
    {
        // Lazy<> so that concurrent first calls build the graph once; the factory is dropped after it runs.
        var lazy = (Lazy<CsrGraph>)network.Topology.Derived.GetOrAdd(KeyPrefix + profile,
            static (_, arg) => new Lazy<CsrGraph>(() => Build(arg.network, arg.profile), LazyThreadSafetyMode.ExecutionAndPublication),
            (network, profile));
        return lazy.Value;
    }

    private static CsrGraph Build(PostalNetwork network, string profile)
    {
        var topology = network.Topology;
        var links = network.Links;
        int n = topology.Nodes.Length;
        int[] from = topology.LinkFrom;
        int[] to = topology.LinkTo;

        // Pass 1: per-link time (NaN = barred) and arc counts per tail node.
        var time = new double[links.Length];
        var firstEdge = new int[n + 1];
        for (int l = 0; l < links.Length; l++)
        {
            var link = links[l];
            if (!link.TravelTimeSeconds.TryGetValue(profile, out double t))
            {
                time[l] = double.NaN;
                continue;
            }

            time[l] = t;
            firstEdge[from[l] + 1]++;
            if (!link.OneWay)
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
        var arcTime = new double[m];
        var arcLength = new double[m];
        var arcLink = new int[m];
        var next = new int[n];
        Array.Copy(firstEdge, next, n);

        // Pass 2: fill in link order so that arc order (and with it tie-breaking) is deterministic.
        for (int l = 0; l < links.Length; l++)
        {
            if (double.IsNaN(time[l]))
            {
                continue;
            }

            double length = links[l].LengthMetres;
            int e = next[from[l]]++;
            head[e] = to[l];
            arcTime[e] = time[l];
            arcLength[e] = length;
            arcLink[e] = l;
            if (!links[l].OneWay)
            {
                e = next[to[l]]++;
                head[e] = from[l];
                arcTime[e] = time[l];
                arcLength[e] = length;
                arcLink[e] = l;
            }
        }

        return new CsrGraph(n, firstEdge, head, arcTime, arcLength, arcLink);
    }
}
