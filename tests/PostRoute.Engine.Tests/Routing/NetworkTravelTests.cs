using PostRoute.Engine.Network;
using PostRoute.Engine.Paths;
using PostRoute.Engine.Routing;
using PostRoute.Engine.Tests.Network;

namespace PostRoute.Engine.Tests.Routing;

public sealed class NetworkTravelTests
{
    private static RoutingProblem Build(PostalNetwork network, string profile, PathMetric metric = PathMetric.Time, params Location[] locations)
    {
        var builder = new ProblemBuilder("network");
        foreach (var location in locations)
        {
            builder.AddLocation(location);
        }

        builder.AddVehicle(new Vehicle("v", 0, 0));
        builder.SetTravel(new NetworkTravel(network, profile, metric));
        return builder.Build();
    }

    [Fact]
    public void Table_holds_the_path_times_and_lengths_of_the_network()
    {
        // Hand-computed from TestNetworks.Small: H–D 1100 s / 21 345.5 m, D–S 300.5 s / 3 210.125 m by motorbike.
        var problem = Build(TestNetworks.Small(), Profiles.Motorbike, PathMetric.Time, new Location("H"), new Location("D"), new Location("S"));
        var table = problem.Travel(Vehicle.DefaultProfile);
        Assert.Equal(0, table.DurationSeconds(0, 0));
        Assert.Equal(1_100, table.DurationSeconds(0, 1));
        Assert.Equal(1_400.5, table.DurationSeconds(0, 2));
        Assert.Equal(1_400.5, table.DurationSeconds(2, 0));
        Assert.Equal(21_345.5 + 3_210.125, table.DistanceMetres(0, 2));
        Assert.Equal(0, table.UnreachableCount);
    }

    [Fact]
    public void Barred_and_closed_links_make_pairs_unreachable()
    {
        // Trucks are barred from D–S; S→J is closed.
        var problem = Build(TestNetworks.Small(), Profiles.Truck, PathMetric.Time, new Location("H"), new Location("S"), new Location("J"));
        var table = problem.Travel(Vehicle.DefaultProfile);
        Assert.False(table.IsReachable(0, 1));
        Assert.False(table.IsReachable(1, 2));
        Assert.Equal(double.PositiveInfinity, table.DistanceMetres(0, 1));
        Assert.Equal(6, table.UnreachableCount);
    }

    [Fact]
    public void Node_id_overrides_the_location_id()
    {
        var problem = Build(TestNetworks.Small(), Profiles.Truck, PathMetric.Distance,
            new Location("depot") { NodeId = "H" }, new Location("office") { NodeId = "D" });
        Assert.Equal(21_345.5, problem.Travel(Vehicle.DefaultProfile).DistanceMetres(0, 1));
        Assert.Equal(1_260.25, problem.Travel(Vehicle.DefaultProfile).DurationSeconds(1, 0));
        Assert.Equal("D", NetworkTravel.NodeOf(problem.Locations[1]));
    }

    [Fact]
    public void Unknown_nodes_and_profiles_are_reported_with_their_paths()
    {
        var builder = new ProblemBuilder();
        builder.AddLocation(new Location("H"));
        builder.AddLocation(new Location("x") { NodeId = "nowhere" });
        builder.AddLocation(new Location("Q"));
        builder.AddVehicle(new Vehicle("v", 0, 0));
        builder.SetTravel(new NetworkTravel(TestNetworks.Small(), "bicycle"));
        var errors = Assert.Throws<RoutingValidationException>(() => builder.Build()).Errors;
        Assert.Contains(errors, e => e.Path == "travel[default]" && e.Message.Contains("bicycle", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Path == "locations[1].nodeId" && e.Message.Contains("nowhere", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Path == "locations[2].id" && e.Message.Contains("'Q'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_cache_serves_the_second_problem_on_the_same_version()
    {
        using var memory = new Microsoft.Extensions.Caching.Memory.MemoryCache(new Microsoft.Extensions.Caching.Memory.MemoryCacheOptions());
        var cache = new MatrixCache(memory);
        var network = TestNetworks.Small();
        for (int i = 0; i < 2; i++)
        {
            var builder = new ProblemBuilder();
            builder.AddLocation(new Location("H"));
            builder.AddLocation(new Location("D"));
            builder.AddVehicle(new Vehicle("v", 0, 0));
            builder.SetTravel(new NetworkTravel(network, Profiles.Truck, cache: cache));
            Assert.Equal(1_260.25, builder.Build().Travel(Vehicle.DefaultProfile).DurationSeconds(0, 1));
        }

        Assert.Equal((1L, 1L), (cache.Misses, cache.Hits));
    }

    [Fact]
    public void OrTools_routes_on_the_phu_yen_network_pass_the_checker()
    {
        var builder = new ProblemBuilder("phu-yen");
        int hub = builder.AddLocation(new Location(PhuYen.HubId));
        foreach (string office in PhuYen.DistrictOfficeIds)
        {
            builder.AddJob(new Job(office, builder.AddLocation(new Location(office))) { ServiceSeconds = 600 });
        }

        builder.AddVehicle(new Vehicle("truck-1", hub, hub) { Profile = Profiles.Truck });
        builder.AddVehicle(new Vehicle("truck-2", hub, hub) { Profile = Profiles.Truck });
        builder.SetTravel(new NetworkTravel(PhuYen.Network, Profiles.Truck), Profiles.Truck);
        // A solution count, not the clock, ends the search: the first OR-Tools call in a process also loads its native code.
        var solution = RoutingTestKit.SolveChecked(builder.Build(), new SolveOptions { TimeLimit = TimeSpan.FromSeconds(1), StopWhen = [new MaxSolutions(50)] });
        Assert.Empty(solution.Unassigned);
    }
}
