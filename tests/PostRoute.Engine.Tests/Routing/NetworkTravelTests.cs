using PostRoute.Engine.Network;
using PostRoute.Engine.Paths;
using PostRoute.Engine.Routing;
using static PostRoute.Engine.Tests.Routing.RoutingTestKit;

namespace PostRoute.Engine.Tests.Routing;

public class NetworkTravelTests
{
    // H—A 1000 m / 100 s, A—B 1000 m / 100 s, H—B 3000 m / 150 s (a fast long road), B→C one-way 500 m / 50 s,
    // island I with no road. Motorbike profile only.
    private static PostalNetwork Network()
    {
        var b = new NetworkBuilder("toy");
        foreach (var (id, lat) in new[] { ("H", 13.0), ("A", 13.01), ("B", 13.02), ("C", 13.03), ("I", 13.2) })
        {
            b.AddNode(new Node(id, NodeKind.Junction, id, new GeoPoint(lat, 109.3)));
        }

        static Dictionary<string, double> Bike(double seconds) => new() { [Profiles.Motorbike] = seconds };
        b.AddLink(new Link("HA", "H", "A", 1000, Bike(100)));
        b.AddLink(new Link("AB", "A", "B", 1000, Bike(100)));
        b.AddLink(new Link("HB", "H", "B", 3000, Bike(150)));
        b.AddLink(new Link("BC", "B", "C", 500, Bike(50), OneWay: true));
        return b.Build();
    }

    private static ProblemBuilder Problem(PostalNetwork network, bool open = false)
    {
        var b = new ProblemBuilder();
        int hub = b.AddLocation(new Location("H"));
        foreach (var id in new[] { "A", "B", "C", "I" })
        {
            b.AddJob(new Job("job-" + id, b.AddLocation(new Location("stop-" + id) { NodeId = id })));
        }

        b.SetTravel(new NetworkTravel(network, Profiles.Motorbike), "bike");
        b.AddVehicle(new Vehicle("bike-1", hub, open ? null : hub) { Profile = "bike" });
        return b;
    }

    [Fact]
    public void Routes_follow_shortest_network_paths_and_report_unreachable_stops()
    {
        var problem = Problem(Network()).Build();
        Assert.Equal(150, problem.Travel("bike").DurationSeconds(0, 2), 9); // H → B by the fast long road
        Assert.Equal(3000, problem.Travel("bike").DistanceMetres(0, 2), 9);

        var solution = SolveChecked(problem);

        // C can be reached (one-way) but not left; I has no road at all.
        Assert.Equal(["job-A", "job-B"], StopIds(Assert.Single(solution.Routes)).Order().ToArray());
        Assert.Equal(350, solution.Routes[0].TravelSeconds, 9); // H-A-B-H: 100 + 100 + 150
        Assert.Equal(5000, solution.DistanceMetres, 9);
        Assert.All(solution.Unassigned, u => Assert.Equal(UnassignedReason.Unreachable, u.Reason));
        Assert.Equal(["job-C", "job-I"], solution.Unassigned.Select(u => u.Id).Order().ToArray());
    }

    [Fact]
    public void Open_route_can_end_beyond_a_one_way_street()
    {
        var solution = SolveChecked(Problem(Network(), open: true).Build());
        Assert.Contains("job-C", StopIds(Assert.Single(solution.Routes)));
        Assert.Equal("job-I", Assert.Single(solution.Unassigned).Id);
    }

    [Fact]
    public void Closed_links_are_avoided()
    {
        var problem = Problem(Network().WithLinksClosed("HA")).Build();
        // With H—A closed, A is reached through B: 150 + 100.
        Assert.Equal(250, problem.Travel("bike").DurationSeconds(0, 1), 9);
        Assert.Equal(4000, problem.Travel("bike").DistanceMetres(0, 1), 9);
        SolveChecked(problem);
    }

    [Fact]
    public void Distance_metric_uses_the_shortest_roads()
    {
        var b = new ProblemBuilder();
        b.AddLocation(new Location("H"));
        b.AddLocation(new Location("B"));
        b.SetTravel(new NetworkTravel(Network(), Profiles.Motorbike, PathMetric.Distance));
        var table = b.Build().Travel(Vehicle.DefaultProfile);
        Assert.Equal(2000, table.DistanceMetres(0, 1), 9); // via A
        Assert.Equal(200, table.DurationSeconds(0, 1), 9);
    }

    [Fact]
    public void Unknown_nodes_and_profiles_are_validation_errors()
    {
        var b = new ProblemBuilder();
        b.AddLocation(new Location("H"));
        b.AddLocation(new Location("x") { NodeId = "Nowhere" });
        b.AddLocation(new Location("Atlantis"));
        b.SetTravel(new NetworkTravel(Network(), Profiles.Truck));
        var errors = b.Validate().Select(e => e.ToString()).ToList();
        Assert.Contains("travel[default].networkProfile: network 'toy' has no profile 'truck' (it has motorbike)", errors);
        Assert.Contains("locations[1].nodeId: 'Nowhere' is not a node of network 'toy' (travel[default])", errors);
        Assert.Contains("locations[2].id: 'Atlantis' is not a node of network 'toy' (travel[default])", errors);
    }
}
