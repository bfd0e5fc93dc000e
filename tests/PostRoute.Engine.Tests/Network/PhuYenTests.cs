using System.Text.RegularExpressions;
using PostRoute.Engine.Network;

namespace PostRoute.Engine.Tests.Network;

public class PhuYenTests
{
    // Phú Yên spans about 12°42'–13°41' N and 108°40'–109°27' E; padded a little for points on the boundary.
    private const double MinLat = 12.65, MaxLat = 13.75, MinLon = 108.60, MaxLon = 109.50;

    private static readonly string[] MountainDistricts = ["558", "560", "561"];

    // ImmutableArray is IEquatable by reference, so collections are compared through AsEnumerable().
    private static PostalNetwork Network => PhuYen.Network;

    [Fact]
    public void Has_one_hub_nine_district_offices_and_75_service_points()
    {
        Assert.Equal(PhuYen.HubId, Assert.Single(Network.Nodes, n => n.Kind == NodeKind.ProvincialHub).Id);
        var offices = Network.Nodes.Where(n => n.Kind == NodeKind.DistrictOffice).ToList();
        Assert.Equal(9, offices.Count);
        Assert.Equal(["do-555", "do-557", "do-558", "do-559", "do-560", "do-561", "do-562", "do-563", "do-564"],
            offices.Select(n => n.Id).Order(StringComparer.Ordinal));
        Assert.Equal(offices.Select(n => n.Id).Order(StringComparer.Ordinal), PhuYen.DistrictOfficeIds);
        Assert.Equal(75, Network.Nodes.Count(n => n.Kind == NodeKind.CommuneServicePoint));
        Assert.Equal(75, PhuYen.ServicePointIds.Length);
        Assert.Equal(85, Network.Nodes.Length);
        Assert.Equal("phu-yen", Network.Name);
    }

    [Fact]
    public void Commune_register_keeps_all_106_units_31_of_them_without_location()
    {
        Assert.Equal(106, Network.Communes.Length);
        Assert.Equal(31, Network.Communes.Count(c => c.Location is null));
        Assert.Equal(82, Network.Communes.Count(c => c.Type == CommuneType.Xa));
        Assert.Equal(18, Network.Communes.Count(c => c.Type == CommuneType.Phuong));
        Assert.Equal(6, Network.Communes.Count(c => c.Type == CommuneType.ThiTran));
        Assert.Null(Network.FindCommune("22081")!.Location); // La Hai: no usable Wikidata item
        Assert.Equal(new GeoPoint(13.05556, 108.96000), Network.FindCommune("22165")!.Location); // Củng Sơn
    }

    [Fact]
    public void Every_located_commune_has_a_service_point_carrying_its_codes()
    {
        foreach (var commune in Network.Communes.Where(c => c.Location is not null))
        {
            var node = Network.FindNode(PhuYen.ServicePointId(commune.Code));
            Assert.NotNull(node);
            Assert.Equal(NodeKind.CommuneServicePoint, node.Kind);
            Assert.Equal(commune.Code, node.CommuneCode);
            Assert.Equal(commune.DistrictCode, node.DistrictCode);
            Assert.Equal(commune.Location, node.Location);
        }

        Assert.All(Network.Communes.Where(c => c.Location is null),
            c => Assert.Null(Network.FindNode(PhuYen.ServicePointId(c.Code))));
    }

    [Fact]
    public void Postal_codes_come_from_the_2020_list()
    {
        Assert.All(Network.Communes, c => Assert.Matches("^56[0-9]{3}$", c.PostalCode));
        Assert.Equal("56116", Network.FindCommune("22018")!.PostalCode); // Phường 2 keeps former Phường 8's code
        Assert.Equal("56106", Network.FindCommune("22015")!.PostalCode);
    }

    [Fact]
    public void Offices_are_at_the_district_seat_or_centroid()
    {
        // Values from districts.csv / communes.csv.
        Assert.Equal(new GeoPoint(13.11281, 109.27494), Network.FindNode(PhuYen.HubId)!.Location);
        Assert.Equal("22165", Network.FindNode("do-560")!.CommuneCode); // Sơn Hòa: thị trấn Củng Sơn
        Assert.Equal(new GeoPoint(13.05556, 108.96000), Network.FindNode("do-560")!.Location);
        Assert.Equal("22207", Network.FindNode("do-561")!.CommuneCode); // Sông Hinh: thị trấn Hai Riêng
        Assert.Equal(new GeoPoint(13.43067, 108.96768), Network.FindNode("do-558")!.Location); // La Hai unlocated
        Assert.Null(Network.FindNode("do-558")!.CommuneCode);
        Assert.Equal(new GeoPoint(13.25710, 109.20953), Network.FindNode("do-559")!.Location); // Chí Thạnh unlocated
        Assert.Equal(CommuneType.Phuong, Network.FindCommune(Network.FindNode("do-557")!.CommuneCode!)!.Type);
        Assert.All(Network.Nodes.Where(n => n.Kind == NodeKind.DistrictOffice),
            n => Assert.Equal(n.Id, PhuYen.DistrictOfficeId(n.DistrictCode!)));
    }

    [Fact]
    public void Every_located_commune_is_reachable_from_and_to_the_hub_by_motorbike()
    {
        var from = Reachable(Network, PhuYen.HubId, Profiles.Motorbike, reverse: false);
        var to = Reachable(Network, PhuYen.HubId, Profiles.Motorbike, reverse: true);
        Assert.All(PhuYen.ServicePointIds, id => Assert.Contains(id, from));
        Assert.All(PhuYen.ServicePointIds, id => Assert.Contains(id, to));
        Assert.Equal(Network.Nodes.Length, from.Count);
    }

    [Fact]
    public void Every_district_office_is_reachable_from_and_to_the_hub_by_truck()
    {
        var from = Reachable(Network, PhuYen.HubId, Profiles.Truck, reverse: false);
        var to = Reachable(Network, PhuYen.HubId, Profiles.Truck, reverse: true);
        Assert.All(PhuYen.DistrictOfficeIds, id => Assert.Contains(id, from));
        Assert.All(PhuYen.DistrictOfficeIds, id => Assert.Contains(id, to));
    }

    [Fact]
    public void Trucks_are_barred_from_tracks_and_motorbikes_may_use_every_link()
    {
        var tracks = Network.Links.Where(l => l.RoadClass == RoadClass.Track).ToList();
        Assert.NotEmpty(tracks);
        Assert.All(tracks, l => Assert.False(l.Allows(Profiles.Truck)));
        Assert.All(Network.Links.Where(l => l.RoadClass != RoadClass.Track), l => Assert.True(l.Allows(Profiles.Truck)));
        Assert.All(Network.Links, l => Assert.True(l.Allows(Profiles.Motorbike)));
        Assert.Equal([Profiles.Truck, Profiles.Motorbike], Network.Profiles.AsEnumerable());
    }

    [Fact]
    public void Trunk_links_join_only_offices()
    {
        var trunks = Network.Links.Where(l => l.RoadClass == RoadClass.Trunk).ToList();
        Assert.Equal(9, trunks.Count);
        Assert.All(trunks, l =>
        {
            Assert.NotEqual(NodeKind.CommuneServicePoint, Network.FindNode(l.From)!.Kind);
            Assert.NotEqual(NodeKind.CommuneServicePoint, Network.FindNode(l.To)!.Kind);
        });
    }

    [Fact]
    public void Lengths_follow_the_great_circle_with_circuity_and_trucks_are_slower()
    {
        foreach (var link in Network.Links)
        {
            var a = Network.FindNode(link.From)!;
            var b = Network.FindNode(link.To)!;
            double crow = a.Location.DistanceTo(b.Location);
            bool mountain = MountainDistricts.Contains(a.DistrictCode) || MountainDistricts.Contains(b.DistrictCode);
            double expected = Math.Max(500, crow * (mountain ? 1.6 : 1.3));
            Assert.InRange(link.LengthMetres, expected - 0.5, expected + 0.5);
            Assert.False(link.OneWay);
            Assert.False(link.Closed);
            Assert.True(link.TimeFor(Profiles.Motorbike) > 0);
            if (link.TimeFor(Profiles.Truck) is { } truck)
            {
                Assert.True(truck > link.TimeFor(Profiles.Motorbike)!.Value, link.Id);
            }
        }
    }

    [Fact]
    public void Mountain_links_are_slower_than_lowland_links_of_the_same_class()
    {
        foreach (var group in Network.Links.GroupBy(l => l.RoadClass))
        {
            var speeds = group.ToLookup(
                l => MountainDistricts.Contains(Network.FindNode(l.From)!.DistrictCode) ||
                     MountainDistricts.Contains(Network.FindNode(l.To)!.DistrictCode),
                l => l.LengthMetres / l.TimeFor(Profiles.Motorbike)!.Value);
            if (speeds[true].Any() && speeds[false].Any())
            {
                Assert.True(speeds[true].Max() < speeds[false].Min(), $"{group.Key}");
            }
        }

        Assert.Contains(Network.Links, l => MountainDistricts.Contains(Network.FindNode(l.From)!.DistrictCode));
    }

    [Fact]
    public void Link_ids_are_stable_and_unique()
    {
        Assert.All(Network.Links, l => Assert.Matches(new Regex("^l-[0-9]{3}$"), l.Id));
        Assert.Equal(Network.Links.Length, Network.Links.Select(l => l.Id).Distinct().Count());
        Assert.Equal(Network.Links.Length, Network.Links.Select(l => (l.From, l.To)).Distinct().Count());
        Assert.Equal("l-001", Network.Links[0].Id);
    }

    [Fact]
    public void Every_coordinate_lies_inside_the_province()
    {
        var points = Network.Nodes.Select(n => n.Location)
            .Concat(Network.Communes.Where(c => c.Location is not null).Select(c => c.Location!.Value));
        Assert.All(points, p =>
        {
            Assert.InRange(p.Latitude, MinLat, MaxLat);
            Assert.InRange(p.Longitude, MinLon, MaxLon);
        });
    }

    [Fact]
    public void Builder_validation_passes()
    {
        Assert.Empty(PhuYen.CreateBuilder().Validate());
    }

    [Fact]
    public void Two_builds_are_equal()
    {
        var first = PhuYen.Build();
        var second = PhuYen.Build();
        Assert.NotSame(first, second);
        Assert.Equal(first.Nodes.AsEnumerable(), second.Nodes.AsEnumerable());
        Assert.Equal(first.Communes.AsEnumerable(), second.Communes.AsEnumerable());
        Assert.Equal(first.Profiles.AsEnumerable(), second.Profiles.AsEnumerable());
        Assert.Equal(first.Links.Length, second.Links.Length);
        for (int i = 0; i < first.Links.Length; i++)
        {
            var (a, b) = (first.Links[i], second.Links[i]);
            Assert.Equal((a.Id, a.From, a.To, a.LengthMetres, a.RoadClass, a.OneWay, a.Closed),
                (b.Id, b.From, b.To, b.LengthMetres, b.RoadClass, b.OneWay, b.Closed));
            Assert.Equal(a.TravelTimeSeconds.OrderBy(p => p.Key), b.TravelTimeSeconds.OrderBy(p => p.Key));
        }
    }

    [Fact]
    public async Task Network_is_built_once_even_under_concurrent_first_use()
    {
        var networks = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => PhuYen.Network)));
        Assert.All(networks, n => Assert.Same(networks[0], n));
    }

    [Fact]
    public void District_offices_stay_reachable_by_truck_through_the_trunk_tree_alone()
    {
        // Closing every non-trunk link must leave each office reachable: the trunk links form a tree over the offices.
        var trunkOnly = Network.WithLinksClosed(Network.Links.Where(l => l.RoadClass != RoadClass.Trunk).Select(l => l.Id));
        var reached = Reachable(trunkOnly, PhuYen.HubId, Profiles.Truck, reverse: false);
        Assert.Equal(PhuYen.DistrictOfficeIds.Append(PhuYen.HubId).Order(StringComparer.Ordinal), reached.Order(StringComparer.Ordinal));
    }

    /// <summary>Breadth-first search over open links that allow <paramref name="profile"/>, honouring one-way links.</summary>
    private static HashSet<string> Reachable(PostalNetwork network, string start, string profile, bool reverse)
    {
        var arcs = new List<(string From, string To)>();
        for (int i = 0; i < network.Links.Length; i++)
        {
            var link = network.Links[i];
            if (network.IsClosed(i) || !link.Allows(profile))
            {
                continue;
            }

            arcs.Add(reverse ? (link.To, link.From) : (link.From, link.To));
            if (!link.OneWay)
            {
                arcs.Add(reverse ? (link.From, link.To) : (link.To, link.From));
            }
        }

        var next = arcs.ToLookup(a => a.From, a => a.To);
        var seen = new HashSet<string> { start };
        var queue = new Queue<string>([start]);
        while (queue.TryDequeue(out var id))
        {
            foreach (var to in next[id])
            {
                if (seen.Add(to))
                {
                    queue.Enqueue(to);
                }
            }
        }

        return seen;
    }
}
