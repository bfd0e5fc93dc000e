using PostRoute.Engine.Network;

namespace PostRoute.Engine.Tests.Network;

/// <summary>Small hand-made networks for unit tests.</summary>
public static class TestNetworks
{
    /// <summary>
    /// Hub H (commune 22015), district office D, commune service point S (commune 22036), junction J; links H–D
    /// (trunk, both profiles), D–S (local, motorbike only: trucks barred), S→J (one-way track, closed); communes
    /// 22015 (located), 22036 (no location) and 22081 (located, referred to by no node).
    /// </summary>
    public static NetworkBuilder SmallBuilder() =>
        new NetworkBuilder("small")
            .AddProfile(Profiles.Truck)
            .AddProfile(Profiles.Motorbike)
            .AddNode(new Node("H", NodeKind.ProvincialHub, "Bưu điện tỉnh Phú Yên", new GeoPoint(13.0955, 109.3209), "22015", "555"))
            .AddNode(new Node("D", NodeKind.DistrictOffice, "Bưu điện Tuy An", new GeoPoint(13.2571, 109.2095), null, "559"))
            .AddNode(new Node("S", NodeKind.CommuneServicePoint, "Điểm BĐVHX An Mỹ", new GeoPoint(13.2801, 109.2302), "22036"))
            .AddNode(new Node("J", NodeKind.Junction, "", new GeoPoint(13.3, 109.25)))
            .AddLink(new Link("HD", "H", "D", 21_345.5, new Dictionary<string, double> { [Profiles.Truck] = 1_260.25, [Profiles.Motorbike] = 1_100 }, RoadClass.Trunk))
            .AddLink(new Link("DS", "D", "S", 3_210.125, new Dictionary<string, double> { [Profiles.Motorbike] = 300.5 }))
            .AddLink(new Link("SJ", "S", "J", 2_500, new Dictionary<string, double> { [Profiles.Motorbike] = 400 }, RoadClass.Track, OneWay: true, Closed: true))
            .AddCommune(new Commune("22015", "Phường 1", CommuneType.Phuong, "555", "Tuy Hoà", new GeoPoint(13.08208, 109.30194), 12_345, 2.5, "56111"))
            .AddCommune(new Commune("22036", "Xã An Mỹ", CommuneType.Xa, "559", "Tuy An"))
            .AddCommune(new Commune("22081", "Thị trấn Chí Thạnh", CommuneType.ThiTran, "559", "Tuy An", new GeoPoint(13.3056, 109.2208)));

    /// <summary>The built <see cref="SmallBuilder"/> network.</summary>
    public static PostalNetwork Small() => SmallBuilder().Build();
}
