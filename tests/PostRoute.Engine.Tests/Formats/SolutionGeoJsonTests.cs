using System.Collections.Immutable;
using System.Text.Json;
using PostRoute.Engine.Formats;
using PostRoute.Engine.Network;
using PostRoute.Engine.Routing;
using PostRoute.Engine.Tests.Network;

namespace PostRoute.Engine.Tests.Formats;

public sealed class SolutionGeoJsonTests
{
    [Fact]
    public void Network_routes_follow_the_network_path_through_node_positions()
    {
        var network = TestNetworks.Small();
        var travel = new NetworkTravel(network, Profiles.Motorbike);
        var builder = new ProblemBuilder("geo");
        int hub = builder.AddLocation(new Location("H"));
        builder.AddJob(new Job("to-S", builder.AddLocation(new Location("S"))));
        builder.AddJob(new Job("to-J", builder.AddLocation(new Location("J")))); // S→J is closed: unreachable
        builder.AddVehicle(new Vehicle("bike", hub, hub) { Profile = Profiles.Motorbike });
        builder.SetTravel(travel, Profiles.Motorbike);
        var problem = builder.Build();
        var solution = SolutionFactory.Create(problem, [new RoutePlan(0, [Visit.Job(0)])]);

        using var doc = JsonDocument.Parse(SolutionGeoJson.Write(problem, solution, new Dictionary<string, NetworkTravel> { [Profiles.Motorbike] = travel }));
        Assert.Equal("FeatureCollection", doc.RootElement.GetProperty("type").GetString());
        var features = doc.RootElement.GetProperty("features").EnumerateArray().ToList();

        // H → S goes through D and back: H, D, S, D, H.
        var line = features[0].GetProperty("geometry");
        Assert.Equal("LineString", line.GetProperty("type").GetString());
        string[] expected = ["H", "D", "S", "D", "H"];
        Assert.Equal(expected.Select(id => Position(network.FindNode(id)!.Location)),
            line.GetProperty("coordinates").EnumerateArray().Select(p => (p[0].GetDouble(), p[1].GetDouble())));
        Assert.Equal("bike", features[0].GetProperty("properties").GetProperty("vehicle").GetString());
        Assert.Equal(1, features[0].GetProperty("properties").GetProperty("stops").GetInt32());

        // Start, job, end points at the nodes' positions, then the unassigned job at J.
        var points = features.Skip(1).ToList();
        Assert.Equal(["start", "job", "end", "unassigned"], points.Select(p => p.GetProperty("properties").GetProperty("type").GetString()));
        Assert.Equal(Position(network.FindNode("S")!.Location), Position(points[1]));
        Assert.Equal(Position(network.FindNode("J")!.Location), Position(points[3]));
        Assert.Equal("unreachable", points[3].GetProperty("properties").GetProperty("reason").GetString());
    }

    [Fact]
    public void Without_a_travel_dictionary_the_problems_own_network_travel_draws_the_legs()
    {
        var network = TestNetworks.Small();
        var travel = new NetworkTravel(network, Profiles.Motorbike);
        var builder = new ProblemBuilder("geo");
        int hub = builder.AddLocation(new Location("H"));
        builder.AddJob(new Job("to-S", builder.AddLocation(new Location("S"))));
        builder.AddJob(new Job("to-J", builder.AddLocation(new Location("J"))));
        builder.AddVehicle(new Vehicle("bike", hub, hub) { Profile = Profiles.Motorbike });
        builder.SetTravel(travel, Profiles.Motorbike);
        var problem = builder.Build();
        var solution = SolutionFactory.Create(problem, [new RoutePlan(0, [Visit.Job(0)])]);

        string explicitTravel = SolutionGeoJson.Write(problem, solution, new Dictionary<string, NetworkTravel> { [Profiles.Motorbike] = travel });
        string ownTravel = SolutionGeoJson.Write(problem, solution);

        Assert.Equal(explicitTravel, ownTravel);
        using var doc = JsonDocument.Parse(ownTravel);
        Assert.Equal(5, doc.RootElement.GetProperty("features")[0].GetProperty("geometry").GetProperty("coordinates").GetArrayLength());
    }

    [Fact]
    public void Without_positions_a_route_has_a_null_geometry_and_no_points()
    {
        var builder = new ProblemBuilder("plane");
        int depot = builder.AddLocation("d", 0, 0);
        builder.AddJob(new Job("j", builder.AddLocation("p", 3, 4)));
        builder.AddVehicle(new Vehicle("v", depot, depot));
        builder.SetTravel(CoordinateTravel.Euclidean());
        var problem = builder.Build();
        var solution = SolutionFactory.Create(problem, [new RoutePlan(0, ImmutableArray.Create(Visit.Job(0)))]);

        using var doc = JsonDocument.Parse(SolutionGeoJson.Write(problem, solution));
        var feature = Assert.Single(doc.RootElement.GetProperty("features").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, feature.GetProperty("geometry").ValueKind);
        Assert.Equal(10, feature.GetProperty("properties").GetProperty("distanceMetres").GetDouble());
    }

    [Fact]
    public void Geo_locations_are_joined_by_straight_legs()
    {
        var a = new GeoPoint(13.1, 109.3);
        var b = new GeoPoint(13.2, 109.2);
        var builder = new ProblemBuilder("geo");
        int depot = builder.AddLocation(Location.AtGeo("a", a));
        builder.AddJob(new Job("j", builder.AddLocation(Location.AtGeo("b", b))));
        builder.AddVehicle(new Vehicle("v", depot, null)); // open route: ends at the job
        builder.SetTravel(CoordinateTravel.GreatCircle(10));
        var problem = builder.Build();
        var solution = SolutionFactory.Create(problem, [new RoutePlan(0, [Visit.Job(0)])]);

        using var doc = JsonDocument.Parse(SolutionGeoJson.Write(problem, solution));
        var line = doc.RootElement.GetProperty("features")[0].GetProperty("geometry").GetProperty("coordinates");
        Assert.Equal([Position(a), Position(b)], line.EnumerateArray().Select(p => (p[0].GetDouble(), p[1].GetDouble())));
    }

    private static (double, double) Position(GeoPoint p) => (p.Longitude, p.Latitude);

    private static (double, double) Position(JsonElement feature)
    {
        var c = feature.GetProperty("geometry").GetProperty("coordinates");
        return (c[0].GetDouble(), c[1].GetDouble());
    }
}
