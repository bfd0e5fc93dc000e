using System.Collections.Immutable;

namespace PostRoute.Engine.Network;

/// <summary>
/// The embedded sample network of Phú Yên province (Vietnam), with its 106 commune-level units as they were from
/// 2024-11-01 until the July 2025 merger. Places are real (official codes, Wikidata coordinates); the ROADS ARE
/// SYNTHETIC: links are generated deterministically from the locations and do not follow any surveyed road.
/// </summary>
/// <remarks>
/// <para><b>Nodes</b> (85): the provincial hub <see cref="HubId"/> at the area-weighted centroid of Tuy Hòa city
/// (district 555); one district office <c>do-&lt;district code&gt;</c> per district (9), placed at the district seat
/// where the data allows: for a huyện its only thị trấn, for a thị xã or thành phố the located phường nearest to the
/// district centroid; when that unit has no location (La Hai, Đồng Xuân; Chí Thạnh, Tuy An) the district centroid;
/// one commune service point <c>sp-&lt;commune code&gt;</c> per located commune (75). The commune register holds all
/// 106 communes, including the 31 whose location is unknown (kept with a null location, never guessed), with postal codes (May 2020 list).</para>
/// <para><b>Links</b> (synthetic, undirected, ids <c>l-001</c>, <c>l-002</c>, … in generation order):
/// (1) trunk links hub ↔ district offices approximating the QL1 coastal corridor (Sông Cầu – Tuy An – Tuy Hòa –
/// Đông Hòa), QL25 (Tuy Hòa – Phú Hòa – Sơn Hòa), QL29 (Đông Hòa – Tây Hòa – Sông Hinh) and an inland road
/// Tuy An – Đồng Xuân, plus hub – Tuy Hòa office; (2) a nominal 0.5 km local link between nodes sharing a location
/// (a district office and the service point of its seat); (3) the Gabriel graph of the remaining distinct
/// locations (planar, contains the minimum spanning tree, so every node is connected), classed provincial
/// (office – office, or office – commune of another district), district (office – own commune, or communes of
/// different districts), local (communes of one district) or track (commune – commune touching a mountain district and
/// longer than <see cref="TrackMinimumKilometres"/> km as the crow flies).</para>
/// <para><b>Lengths</b>: great-circle distance × <see cref="LowlandCircuity"/>, or × <see cref="MountainCircuity"/>
/// when either end lies in a mountain district (<see cref="MountainDistrictCodes"/>), at least 500 m; rounded to the
/// metre. <b>Times</b>: length ÷ speed, rounded to 0.1 s; speeds in km/h (truck / motorbike): trunk 50 / 55,
/// provincial 40 / 45, district 30 / 40, local 20 / 30, track barred / 15; × <see cref="MountainSpeedFactor"/> on
/// mountain links.</para>
/// <para>Guarantees (checked when built): every service point is reachable from the hub and back by motorbike, and
/// every district office by truck. Thread-safe: the network is built once, on first use.</para>
/// </remarks>
public static class PhuYen
{
    /// <summary>Name of the network, <c>phu-yen</c>.</summary>
    public const string NetworkName = "phu-yen";

    /// <summary>Id of the provincial hub in Tuy Hòa, <c>hub-tuy-hoa</c>.</summary>
    public const string HubId = "hub-tuy-hoa";

    /// <summary>Official code of the district the hub lies in (Tuy Hòa city).</summary>
    public const string HubDistrictCode = "555";

    /// <summary>Road length ÷ great-circle distance outside the mountain districts.</summary>
    public const double LowlandCircuity = 1.3;

    /// <summary>Road length ÷ great-circle distance on links touching a mountain district.</summary>
    public const double MountainCircuity = 1.6;

    /// <summary>Multiplier (&lt; 1) applied to every speed on links touching a mountain district.</summary>
    public const double MountainSpeedFactor = 0.7;

    /// <summary>Commune-to-commune links in a mountain district longer than this (great-circle, km) are tracks.</summary>
    public const double TrackMinimumKilometres = 10;

    /// <summary>Nominal length in metres of a link whose ends share a location, and the minimum of every link.</summary>
    public const double MinimumLinkMetres = 500;

    private static readonly Lazy<Sample> s_sample = new(() => new Sample(Build()), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The synthetic trunk corridors, as pairs of office ids (hub or district office).</summary>
    private static readonly (string From, string To)[] s_trunkLinks =
    [
        (HubId, "do-555"), // Tuy Hòa city office
        (HubId, "do-559"), // QL1 north: Tuy An
        ("do-559", "do-557"), // QL1 north: Sông Cầu
        (HubId, "do-564"), // QL1 south: Đông Hòa
        (HubId, "do-563"), // QL25: Phú Hòa
        ("do-563", "do-560"), // QL25: Sơn Hòa
        ("do-564", "do-562"), // QL29: Tây Hòa
        ("do-562", "do-561"), // QL29: Sông Hinh
        ("do-559", "do-558"), // inland: Đồng Xuân
    ];

    /// <summary>The network, built from the embedded data on first use and then shared (it is immutable).</summary>
    public static PostalNetwork Network => s_sample.Value.Network;

    /// <summary>Ids of the 9 district offices, ordered by district code.</summary>
    public static ImmutableArray<string> DistrictOfficeIds => s_sample.Value.DistrictOfficeIds;

    /// <summary>Ids of the 75 commune service points, in the order of the official commune list.</summary>
    public static ImmutableArray<string> ServicePointIds => s_sample.Value.ServicePointIds;

    /// <summary>Codes of the western, mountainous districts: Đồng Xuân (558), Sơn Hòa (560), Sông Hinh (561).</summary>
    public static ImmutableArray<string> MountainDistrictCodes { get; } = ["558", "560", "561"];

    /// <summary>Id of the district office of district <paramref name="districtCode"/>, e.g. <c>do-560</c>.</summary>
    public static string DistrictOfficeId(string districtCode) => "do-" + districtCode;

    /// <summary>Id of the service point of commune <paramref name="communeCode"/>, e.g. <c>sp-22165</c>.</summary>
    public static string ServicePointId(string communeCode) => "sp-" + communeCode;

    /// <summary>Builds a new, independent instance of the network (same content every time).</summary>
    internal static PostalNetwork Build() => CreateBuilder().Build();

    /// <summary>A builder filled with the whole sample network, before validation.</summary>
    internal static NetworkBuilder CreateBuilder()
    {
        var postcodes = PhuYenData.ReadPostcodes();
        var districts = PhuYenData.ReadDistricts(postcodes);
        var communes = PhuYenData.ReadCommunes(postcodes, districts.Select(d => d.Code).ToHashSet(StringComparer.Ordinal));

        var builder = new NetworkBuilder(NetworkName).AddProfile(Profiles.Truck).AddProfile(Profiles.Motorbike);
        foreach (var commune in communes)
        {
            builder.AddCommune(commune);
        }

        var hubDistrict = districts.Single(d => d.Code == HubDistrictCode);
        builder.AddNode(new Node(HubId, NodeKind.ProvincialHub, $"{hubDistrict.Name} provincial hub", hubDistrict.Centroid,
            DistrictCode: hubDistrict.Code));
        foreach (var district in districts.OrderBy(d => d.Code, StringComparer.Ordinal))
        {
            var seat = DistrictSeat(district, communes);
            builder.AddNode(new Node(DistrictOfficeId(district.Code), NodeKind.DistrictOffice, $"{district.Name} district office",
                seat?.Location ?? district.Centroid, seat?.Code, district.Code));
        }

        foreach (var commune in communes.Where(c => c.Location is not null))
        {
            builder.AddNode(new Node(ServicePointId(commune.Code), NodeKind.CommuneServicePoint, FullName(commune),
                commune.Location!.Value, commune.Code, commune.DistrictCode));
        }

        AddLinks(builder);
        CheckConnectivity(builder);
        return builder;
    }

    /// <summary>The located commune that stands for the district seat, or null to use the district centroid.</summary>
    private static Commune? DistrictSeat(PhuYenDistrictRow district, List<Commune> communes)
    {
        var own = communes.Where(c => c.DistrictCode == district.Code).ToList();
        if (district.IsRural)
        {
            // Each huyện has exactly one thị trấn, its seat; no source gives the seats, so this is the best rule.
            return own.SingleOrDefault(c => c.Type == CommuneType.ThiTran) is { Location: not null } town ? town : null;
        }

        return own.Where(c => c.Type == CommuneType.Phuong && c.Location is not null)
            .OrderBy(c => c.Location!.Value.DistanceTo(district.Centroid))
            .ThenBy(c => c.Code, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    private static string FullName(Commune commune) => commune.Type switch
    {
        // Numbered wards already carry their prefix ("Phường 1").
        CommuneType.Phuong when commune.Name.StartsWith("Phường", StringComparison.Ordinal) => commune.Name,
        CommuneType.Phuong => "Phường " + commune.Name,
        CommuneType.ThiTran => "Thị trấn " + commune.Name,
        _ => "Xã " + commune.Name,
    };

    private static void AddLinks(NetworkBuilder builder)
    {
        var nodes = builder.Nodes;
        var byId = nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        var index = nodes.Select((n, i) => (n.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        var joined = new HashSet<(int, int)>();
        int sequence = 0;

        void Add(Node a, Node b, RoadClass roadClass)
        {
            var (ia, ib) = (index[a.Id], index[b.Id]);
            if (ia > ib)
            {
                (a, b, ia, ib) = (b, a, ib, ia);
            }

            if (joined.Add((ia, ib)))
            {
                builder.AddLink(MakeLink($"l-{++sequence:000}", a, b, roadClass));
            }
        }

        foreach (var (from, to) in s_trunkLinks)
        {
            Add(byId[from], byId[to], RoadClass.Trunk);
        }

        // One site per distinct location; the first node there (hub, then offices, then service points) stands for it.
        var sites = new List<Node>();
        var siteAt = new Dictionary<GeoPoint, Node>();
        foreach (var node in nodes)
        {
            if (siteAt.TryGetValue(node.Location, out var site))
            {
                Add(site, node, RoadClass.Local);
            }
            else
            {
                siteAt[node.Location] = node;
                sites.Add(node);
            }
        }

        foreach (var (i, j) in ProximityGraph.Gabriel(sites.Select(s => s.Location).ToList()))
        {
            Add(sites[i], sites[j], Classify(sites[i], sites[j]));
        }
    }

    private static RoadClass Classify(Node a, Node b)
    {
        bool officeA = a.Kind != NodeKind.CommuneServicePoint, officeB = b.Kind != NodeKind.CommuneServicePoint;
        bool sameDistrict = a.DistrictCode == b.DistrictCode;
        if (officeA || officeB)
        {
            return (officeA && officeB) || !sameDistrict ? RoadClass.Provincial : RoadClass.District;
        }

        if (IsMountain(a, b) && a.Location.DistanceTo(b.Location) > TrackMinimumKilometres * 1000)
        {
            return RoadClass.Track;
        }

        return sameDistrict ? RoadClass.Local : RoadClass.District;
    }

    private static bool IsMountain(Node a, Node b) =>
        MountainDistrictCodes.Contains(a.DistrictCode ?? "") || MountainDistrictCodes.Contains(b.DistrictCode ?? "");

    private static Link MakeLink(string id, Node a, Node b, RoadClass roadClass)
    {
        bool mountain = IsMountain(a, b);
        double length = Math.Round(Math.Max(MinimumLinkMetres,
            a.Location.DistanceTo(b.Location) * (mountain ? MountainCircuity : LowlandCircuity)));
        var (truckKmh, motorbikeKmh) = SpeedsKmh(roadClass);
        double factor = mountain ? MountainSpeedFactor : 1;
        var times = new Dictionary<string, double>(StringComparer.Ordinal);
        if (truckKmh is { } truck)
        {
            times[Profiles.Truck] = Seconds(length, truck * factor);
        }

        times[Profiles.Motorbike] = Seconds(length, motorbikeKmh * factor);
        return new Link(id, a.Id, b.Id, length, times, roadClass);
    }

    private static double Seconds(double metres, double kmh) => Math.Round(metres / (kmh / 3.6), 1);

    /// <summary>Speeds in km/h for (truck, motorbike); a null truck speed bars trucks.</summary>
    private static (double? Truck, double Motorbike) SpeedsKmh(RoadClass roadClass) => roadClass switch
    {
        RoadClass.Trunk => (50, 55),
        RoadClass.Provincial => (40, 45),
        RoadClass.District => (30, 40),
        RoadClass.Local => (20, 30),
        _ => (null, 15),
    };

    /// <summary>Throws when the generated links break the documented reachability guarantees (a bug, not bad input).</summary>
    private static void CheckConnectivity(NetworkBuilder builder)
    {
        var reachedByMotorbike = Reachable(builder, Profiles.Motorbike);
        var reachedByTruck = Reachable(builder, Profiles.Truck);
        var missing = builder.Nodes
            .Where(n => n.Kind == NodeKind.CommuneServicePoint && !reachedByMotorbike.Contains(n.Id) ||
                        n.Kind == NodeKind.DistrictOffice && !reachedByTruck.Contains(n.Id))
            .Select(n => n.Id).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"Phú Yên sample network: not reachable from {HubId}: {string.Join(", ", missing)}");
        }
    }

    /// <summary>Node ids reachable from the hub over links allowing <paramref name="profile"/> (all links are two-way).</summary>
    private static HashSet<string> Reachable(NetworkBuilder builder, string profile)
    {
        var adjacency = builder.Links.Where(l => l.Allows(profile) && !l.Closed)
            .SelectMany(l => new[] { (l.From, l.To), (l.To, l.From) })
            .ToLookup(p => p.Item1, p => p.Item2, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal) { HubId };
        var queue = new Queue<string>([HubId]);
        while (queue.TryDequeue(out var id))
        {
            foreach (var next in adjacency[id].Where(seen.Add))
            {
                queue.Enqueue(next);
            }
        }

        return seen;
    }

    private sealed class Sample(PostalNetwork network)
    {
        public PostalNetwork Network { get; } = network;

        public ImmutableArray<string> DistrictOfficeIds { get; } =
            [.. network.Nodes.Where(n => n.Kind == NodeKind.DistrictOffice).Select(n => n.Id).Order(StringComparer.Ordinal)];

        public ImmutableArray<string> ServicePointIds { get; } =
            [.. network.Nodes.Where(n => n.Kind == NodeKind.CommuneServicePoint).Select(n => n.Id)];
    }
}
