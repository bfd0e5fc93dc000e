using FsCheck;
using FsCheck.Fluent;
using PostRoute.Engine.Network;
using PostRoute.Engine.Paths;

namespace PostRoute.Engine.Tests.Paths;

/// <summary>One generated link: integer weights so that sums are exact and ties are common.</summary>
public sealed record LinkSpec(int From, int To, int Length, int? TruckSeconds, int? MotorbikeSeconds, bool OneWay, bool Closed)
{
    public override string ToString() =>
        $"{From}{(OneWay ? "->" : "--")}{To} len={Length} truck={TruckSeconds?.ToString() ?? "barred"} " +
        $"moto={MotorbikeSeconds?.ToString() ?? "barred"}{(Closed ? " CLOSED" : "")}";
}

/// <summary>A small random network (nodes <c>n0</c>…, links <c>l0</c>…) and the specs it was built from.</summary>
public sealed class GraphCase
{
    public GraphCase(int nodeCount, LinkSpec[] links)
    {
        NodeCount = nodeCount;
        Links = links;
        var builder = new NetworkBuilder("random").AddProfile(Profiles.Truck).AddProfile(Profiles.Motorbike);
        for (int i = 0; i < nodeCount; i++)
        {
            builder.AddNode(new Node($"n{i}", NodeKind.Junction, "", new GeoPoint(13 + i * 0.01, 109)));
        }

        for (int i = 0; i < links.Length; i++)
        {
            var s = links[i];
            var times = new Dictionary<string, double>();
            if (s.TruckSeconds is { } t)
            {
                times[Profiles.Truck] = t;
            }

            if (s.MotorbikeSeconds is { } m)
            {
                times[Profiles.Motorbike] = m;
            }

            builder.AddLink(new Link($"l{i}", $"n{s.From}", $"n{s.To}", s.Length, times, OneWay: s.OneWay, Closed: s.Closed));
        }

        Network = builder.Build();
    }

    public int NodeCount { get; }

    public LinkSpec[] Links { get; }

    public PostalNetwork Network { get; }

    public IEnumerable<string> NodeIds => Enumerable.Range(0, NodeCount).Select(i => $"n{i}");

    public override string ToString() =>
        $"{NodeCount} nodes: " + string.Join("; ", Links.Select((l, i) => $"l{i} {l}"));
}

/// <summary>FsCheck generators for the Paths properties.</summary>
public static class PathArbitraries
{
    public static Arbitrary<GraphCase> Graphs() =>
        (from n in Gen.Choose(2, 9)
         from m in Gen.Choose(0, 3 * n)
         from links in LinkGen(n).ArrayOf(m)
         select new GraphCase(n, links)).ToArbitrary();

    private static Gen<LinkSpec> LinkGen(int n) =>
        from a in Gen.Choose(0, n - 1)
        from offset in Gen.Choose(1, n - 1)
        from length in Gen.Choose(0, 20)
        from truck in Gen.Frequency((3, Gen.Choose(0, 20).Select(t => (int?)t)), (1, Gen.Constant((int?)null)))
        from moto in Gen.Frequency((4, Gen.Choose(0, 20).Select(t => (int?)t)), (1, Gen.Constant((int?)null)))
        from oneWay in Gen.Frequency((1, Gen.Constant(true)), (4, Gen.Constant(false)))
        from closed in Gen.Frequency((1, Gen.Constant(true)), (6, Gen.Constant(false)))
        select new LinkSpec(a, (a + offset) % n, length, truck, moto, oneWay, closed);
}

/// <summary>Independent reference computations on the link specs.</summary>
public static class Reference
{
    public static readonly string[] ProfileNames = [Profiles.Truck, Profiles.Motorbike];
    public static readonly PathMetric[] Metrics = [PathMetric.Time, PathMetric.Distance];

    /// <summary>Usable directed arcs (from, to, seconds, metres) for a profile in a network version.</summary>
    public static IEnumerable<(int From, int To, double Seconds, double Metres, int Link)> Arcs(PostalNetwork network, string profile)
    {
        for (int l = 0; l < network.Links.Length; l++)
        {
            var link = network.Links[l];
            if (network.IsClosed(l) || link.TimeFor(profile) is not { } seconds)
            {
                continue;
            }

            int a = network.IndexOfNode(link.From), b = network.IndexOfNode(link.To);
            yield return (a, b, seconds, link.LengthMetres, l);
            if (!link.OneWay)
            {
                yield return (b, a, seconds, link.LengthMetres, l);
            }
        }
    }

    /// <summary>
    /// Floyd–Warshall over (metric, other) pairs compared lexicographically; returns [i, j] = (seconds, metres),
    /// infinite when unreachable.
    /// </summary>
    public static (double Seconds, double Metres)[,] FloydWarshall(PostalNetwork network, string profile, PathMetric metric)
    {
        int n = network.Nodes.Length;
        var primary = new double[n, n];
        var secondary = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                primary[i, j] = secondary[i, j] = i == j ? 0 : double.PositiveInfinity;
            }
        }

        bool Better(double p, double s, int i, int j) => p < primary[i, j] || (p == primary[i, j] && s < secondary[i, j]);
        foreach (var arc in Arcs(network, profile))
        {
            var (p, s) = metric == PathMetric.Time ? (arc.Seconds, arc.Metres) : (arc.Metres, arc.Seconds);
            if (Better(p, s, arc.From, arc.To))
            {
                primary[arc.From, arc.To] = p;
                secondary[arc.From, arc.To] = s;
            }
        }

        for (int k = 0; k < n; k++)
        {
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    double p = primary[i, k] + primary[k, j];
                    double s = secondary[i, k] + secondary[k, j];
                    if (Better(p, s, i, j))
                    {
                        primary[i, j] = p;
                        secondary[i, j] = s;
                    }
                }
            }
        }

        var result = new (double, double)[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                result[i, j] = metric == PathMetric.Time ? (primary[i, j], secondary[i, j]) : (secondary[i, j], primary[i, j]);
            }
        }

        return result;
    }

    /// <summary>Number of connected components of the undirected view, leaving out the given link and node.</summary>
    public static int ComponentCount(PostalNetwork network, string profile, int skipLink = -1, int skipNode = -1)
    {
        int n = network.Nodes.Length;
        var parent = Enumerable.Range(0, n).ToArray();
        int Find(int x) => parent[x] == x ? x : parent[x] = Find(parent[x]);
        foreach (var arc in Arcs(network, profile))
        {
            if (arc.Link != skipLink && arc.From != skipNode && arc.To != skipNode)
            {
                parent[Find(arc.From)] = Find(arc.To);
            }
        }

        return Enumerable.Range(0, n).Where(v => v != skipNode).Select(Find).Distinct().Count();
    }

    /// <summary>reach[i, j]: j can be reached from i respecting one-way links (transitive closure).</summary>
    public static bool[,] Reachability(PostalNetwork network, string profile)
    {
        int n = network.Nodes.Length;
        var reach = new bool[n, n];
        for (int i = 0; i < n; i++)
        {
            reach[i, i] = true;
        }

        foreach (var arc in Arcs(network, profile))
        {
            reach[arc.From, arc.To] = true;
        }

        for (int k = 0; k < n; k++)
        {
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    reach[i, j] |= reach[i, k] && reach[k, j];
                }
            }
        }

        return reach;
    }
}
