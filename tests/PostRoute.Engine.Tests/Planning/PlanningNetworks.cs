using FsCheck;
using FsCheck.Fluent;
using PostRoute.Engine.Network;

namespace PostRoute.Engine.Tests.Planning;

/// <summary>
/// A small random postal network for the planning properties: node 0 is the hub (district d0), node 1 the office of
/// d0 and node 2 the office of d1; the others are service points, commune nodes or junctions. Communes: one per
/// service-point or commune node (code <c>c&lt;node&gt;</c>), one located between nodes without a node of its own
/// (snapped), one without location. Integer link times and lengths (exact sums, many ties), one-way, barred and closed
/// links.
/// </summary>
public sealed class PlanningCase
{
    public PlanningCase(NodeKind[] kinds, (int From, int To, int Length, int? Moto, int? Truck, bool OneWay, bool Closed)[] links,
        int[] population)
    {
        Kinds = kinds;
        LinkSpecs = links;
        var b = new NetworkBuilder("planning").AddProfile(Profiles.Truck).AddProfile(Profiles.Motorbike);
        for (int i = 0; i < kinds.Length; i++)
        {
            string district = i % 2 == 0 ? "d0" : "d1";
            var kind = i switch { 0 => NodeKind.ProvincialHub, 1 or 2 => NodeKind.DistrictOffice, _ => kinds[i] };
            string? commune = kind is NodeKind.CommuneServicePoint or NodeKind.Commune ? $"c{i}" : null;
            string nodeDistrict = kind == NodeKind.DistrictOffice ? (i == 1 ? "d0" : "d1") : district;
            b.AddNode(new Node($"n{i}", kind, "", Position(i), commune, nodeDistrict));
            if (commune is not null)
            {
                b.AddCommune(new Commune(commune, commune, CommuneType.Xa, district, district, Position(i), population[i]));
            }
        }

        b.AddCommune(new Commune("snapped", "snapped", CommuneType.Xa, "d1", "d1", new GeoPoint(13.0031, 109.0102), 7));
        b.AddCommune(new Commune("nowhere", "nowhere", CommuneType.Xa, "d0", "d0"));
        for (int l = 0; l < links.Length; l++)
        {
            var s = links[l];
            var times = new Dictionary<string, double>();
            if (s.Moto is { } m)
            {
                times[Profiles.Motorbike] = m;
            }

            if (s.Truck is { } t)
            {
                times[Profiles.Truck] = t;
            }

            b.AddLink(new Link($"l{l}", $"n{s.From}", $"n{s.To}", s.Length, times, OneWay: s.OneWay, Closed: s.Closed));
        }

        Network = b.Build();
    }

    public NodeKind[] Kinds { get; }

    public (int From, int To, int Length, int? Moto, int? Truck, bool OneWay, bool Closed)[] LinkSpecs { get; }

    public PostalNetwork Network { get; }

    // Nodes on a rough spiral so that snapping has a unique nearest node.
    private static GeoPoint Position(int i) => new(13 + 0.001 * i * (1 + i % 3), 109 + 0.0017 * i * (1 + i % 2));

    public override string ToString() =>
        string.Join(",", Kinds.Select((k, i) => $"n{i}:{k}")) + " | " +
        string.Join("; ", LinkSpecs.Select((s, i) =>
            $"l{i} {s.From}{(s.OneWay ? "->" : "--")}{s.To} len={s.Length} moto={s.Moto?.ToString() ?? "x"} truck={s.Truck?.ToString() ?? "x"}{(s.Closed ? " CLOSED" : "")}"));
}

public static class PlanningArbitraries
{
    public static Arbitrary<PlanningCase> Cases() =>
        (from n in Gen.Choose(4, 10)
         from kinds in Gen.Elements(NodeKind.CommuneServicePoint, NodeKind.Commune, NodeKind.Commune, NodeKind.Junction).ArrayOf(n)
         from population in Gen.Choose(0, 50).ArrayOf(n)
         from m in Gen.Choose(n - 1, 3 * n)
         from links in LinkGen(n).ArrayOf(m)
         select new PlanningCase(kinds, links, population)).ToArbitrary();

    private static Gen<(int, int, int, int?, int?, bool, bool)> LinkGen(int n) =>
        from a in Gen.Choose(0, n - 1)
        from offset in Gen.Choose(1, n - 1)
        from length in Gen.Choose(1, 30)
        from moto in Gen.Frequency((6, Gen.Choose(1, 40).Select(t => (int?)t)), (1, Gen.Constant((int?)null)))
        from truck in Gen.Frequency((3, Gen.Choose(1, 40).Select(t => (int?)t)), (1, Gen.Constant((int?)null)))
        from oneWay in Gen.Frequency((1, Gen.Constant(true)), (4, Gen.Constant(false)))
        from closed in Gen.Frequency((1, Gen.Constant(true)), (8, Gen.Constant(false)))
        select (a, (a + offset) % n, length, moto, truck, oneWay, closed);
}
