using System.Collections.ObjectModel;
using FsCheck;
using FsCheck.Fluent;
using PostRoute.Engine.Network;

namespace PostRoute.Engine.Tests.Network;

/// <summary>
/// FsCheck generators of random valid networks, for round-trip and other property tests. Use the arbitrary with
/// <c>[Property(Arbitrary = [typeof(RandomNetworks)])]</c> and a <c>PostalNetwork</c> parameter, or compose
/// <see cref="Network"/> directly. Values are chosen to stress formats: text with commas, quotes, line breaks,
/// Vietnamese letters and emoji; doubles with full 53-bit mantissas, −0, subnormals and range limits; barred
/// profiles, closed and one-way links, communes with and without location, versions above 1.
/// </summary>
public static class RandomNetworks
{
    private static readonly string[] TextPieces =
    [
        "a", "Z", "7", " ", ",", "\"", "\"\"", "'", "\n", "\r\n", "\r", "\t", ";", "\\", "/", "<b>", "&", "+",
        "Phường 1", "Tuy Hoà", "Sông Cầu", "thị trấn", "đ", "ư", "😀", "\u00a0", "é", "e\u0301", "null", "=1+2",
        "time_", "_s",
    ];

    private static readonly string[] ProfileNames = ["truck", "motorbike", "bicycle", "xe máy", "van, \"big\"", "t_s"];

    /// <summary>The arbitrary FsCheck finds through <c>Arbitrary = [typeof(RandomNetworks)]</c>.</summary>
    public static Arbitrary<PostalNetwork> PostalNetworks() => Arb.From(Network());

    /// <summary>Any text, possibly empty.</summary>
    public static Gen<string> Text() =>
        Gen.Choose(0, 4).SelectMany(n => Gen.ListOf(Gen.Elements(TextPieces), n)).Select(parts => string.Concat(parts));

    /// <summary>Text that is null or non-empty (CSV cannot tell an empty optional cell from an absent one).</summary>
    public static Gen<string?> OptionalText() =>
        Gen.Frequency((1, Gen.Constant<string?>(null)), (2, Text().Select(t => (string?)("x" + t))));

    /// <summary>A double in [<paramref name="min"/>, <paramref name="max"/>], often with a full mantissa, sometimes a limit or zero.</summary>
    public static Gen<double> DoubleIn(double min, double max) =>
        Gen.Frequency(
            (4, FullPrecisionFraction().Select(u => Math.Clamp(min + (max - min) * u, min, max))),
            (2, Gen.Choose(0, 1_000_000).Select(k => Math.Clamp(min + (max - min) * (k / 1e6), min, max))),
            (1, Gen.Elements(min, max, Math.Clamp(0.0, min, max), Math.Clamp(-0.0, min, max))));

    /// <summary>A finite double ≥ 0 spread over many orders of magnitude, including 0, −0 and subnormals.</summary>
    public static Gen<double> NonNegative() =>
        Gen.Frequency(
            (6, FullPrecisionFraction().SelectMany(u => Gen.Choose(-6, 7).Select(e => u * Math.Pow(10, e)))),
            (1, Gen.Elements(0.0, -0.0, double.Epsilon, 1e-300, 1e300, double.MaxValue, 0.1, 1.0 / 3)));

    /// <summary>Random valid networks with up to <paramref name="maxNodes"/> nodes.</summary>
    public static Gen<PostalNetwork> Network(int maxNodes = 14) =>
        from nodeCount in Gen.Choose(0, maxNodes)
        from communeCount in Gen.Choose(0, 6)
        from profiles in Gen.Shuffle(ProfileNames).SelectMany(all => Gen.Choose(0, 4).Select(k => all.Take(k).ToArray()))
        from nodes in Gen.CollectToList(Enumerable.Range(0, nodeCount), i => Node(i, communeCount))
        from linkCount in Gen.Choose(0, nodeCount < 2 ? 0 : 3 * nodeCount)
        from links in Gen.CollectToList(Enumerable.Range(0, linkCount), i => Link(i, nodes, profiles))
        from communes in Gen.CollectToList(Enumerable.Range(0, communeCount), Commune)
        from name in Text()
        from version in Gen.Choose(1, 1000)
        select Build(name, version, profiles, nodes, links, communes);

    private static PostalNetwork Build(string name, long version, string[] profiles, IEnumerable<Node> nodes,
        IEnumerable<Link> links, IEnumerable<Commune> communes)
    {
        var builder = new NetworkBuilder(name);
        foreach (string profile in profiles)
        {
            builder.AddProfile(profile);
        }

        foreach (var node in nodes)
        {
            builder.AddNode(node);
        }

        foreach (var link in links)
        {
            builder.AddLink(link);
        }

        foreach (var commune in communes)
        {
            builder.AddCommune(commune);
        }

        return builder.Build(version);
    }

    private static string NodeId(int i) => $"N{i}:";

    private static string CommuneCode(int i) => $"C{i}:";

    private static Gen<Node> Node(int index, int communeCount) =>
        from suffix in Text()
        from kind in Gen.Elements(Enum.GetValues<NodeKind>())
        from name in Text()
        from lat in DoubleIn(-90, 90)
        from lon in DoubleIn(-180, 180)
        from communeCode in communeCount == 0
            ? OptionalText()
            : Gen.Frequency((2, Gen.Choose(0, communeCount - 1).Select(c => (string?)CommuneCode(c))), (1, OptionalText()))
        from districtCode in OptionalText()
        select new Node(NodeId(index) + suffix, kind, name, new GeoPoint(lat, lon), communeCode, districtCode);

    private static Gen<Link> Link(int index, IReadOnlyList<Node> nodes, string[] profiles) =>
        from suffix in Text()
        from start in Gen.Choose(0, nodes.Count - 1)
        from step in Gen.Choose(1, nodes.Count - 1)
        from length in NonNegative()
        from allowed in Gen.SubListOf(profiles)
        from times in Gen.CollectToList(allowed, _ => NonNegative())
        from road in Gen.Elements(Enum.GetValues<RoadClass>())
        from oneWay in Gen.Elements(false, true)
        from closed in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        select new Link($"L{index}:" + suffix, nodes[start].Id, nodes[(start + step) % nodes.Count].Id, length,
            new ReadOnlyDictionary<string, double>(allowed.Zip(times).ToDictionary(p => p.First, p => p.Second)),
            road, oneWay, closed);

    private static Gen<Commune> Commune(int index) =>
        from name in Text()
        from type in Gen.Elements(Enum.GetValues<CommuneType>())
        from districtCode in Text()
        from districtName in Text()
        from hasLocation in Gen.Elements(false, true)
        from lat in DoubleIn(-90, 90)
        from lon in DoubleIn(-180, 180)
        from population in Gen.Frequency(
            (1, Gen.Constant<int?>(null)),
            (2, Gen.Choose(0, int.MaxValue).Select(p => (int?)p)),
            (1, Gen.Elements<int?>(0, int.MaxValue)))
        from area in Gen.Frequency((1, Gen.Constant<double?>(null)), (2, NonNegative().Select(a => (double?)a)))
        from postalCode in OptionalText()
        select new Commune(CommuneCode(index), name, type, districtCode, districtName,
            hasLocation ? new GeoPoint(lat, lon) : null, population, area, postalCode);

    /// <summary>A uniform double in [0, 1) using all 53 mantissa bits.</summary>
    private static Gen<double> FullPrecisionFraction() =>
        from high in Gen.Choose(0, int.MaxValue)
        from low in Gen.Choose(0, (1 << 22) - 1)
        select (((long)high << 22) | (uint)low) / (double)(1L << 53);
}
