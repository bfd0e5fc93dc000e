using System.Collections.Immutable;
using PostRoute.Engine.Network;
using PostRoute.Engine.Routing;

namespace PostRoute.Engine.Tests.Routing;

public class ProblemBuilderTests
{
    [Fact]
    public void Every_error_is_reported_with_its_field_path()
    {
        var b = new ProblemBuilder();
        b.AddLocation("depot", 0, 0);
        b.AddLocation("depot", 1, 1); // duplicate id
        b.AddLocation(new Location("nowhere")); // no coordinates for Euclidean travel
        b.SetTravel(CoordinateTravel.Euclidean());
        b.AddJob(new Job("j0", 0));
        b.AddJob(new Job("j1", 7)); // location out of range
        b.AddJob(new Job("j0", 0)); // duplicate id
        b.AddJob(new Job("j3", 0) { TimeWindows = [new(100, 50)], ServiceSeconds = -1, Delivery = [-5], Priority = 101, Penalty = -1 });
        b.AddJob(new Job("j4", 0) { TimeWindows = [new(0, 10), new(5, 20)], Skills = [""] });
        b.AddShipment(new Shipment("s0", new ShipmentStop(0) { TimeWindows = [new(10, 5)] }, new ShipmentStop(9)));
        b.AddVehicle(new Vehicle("v0", 0, 0) { Capacity = [1, 2], Profile = "bike", CostPerKm = -1, MaxStops = -1 });
        b.AddVehicle(new Vehicle("v0", 0, 42) { Shift = new(50, 10), Breaks = [new Break("b", [new(20, 10)], -3), new Break("b", [], 1)] });

        var paths = b.Validate().Select(e => e.ToString()).ToList();

        string[] expected =
        [
            "locations[1].id: duplicate location id 'depot'",
            "jobs[1].location: location index 7 is out of range (the problem has 3 locations)",
            "jobs[2].id: duplicate id 'j0' (ids are unique across jobs and shipments)",
            "jobs[3].timeWindows[0]: start is after end (100 > 50)",
            "jobs[3].serviceSeconds: must be a finite number ≥ 0, got -1",
            "jobs[3].delivery[0]: must be ≥ 0, got -5",
            "jobs[3].priority: must be between 0 and 100, got 101",
            "jobs[3].penalty: must be a finite number ≥ 0, got -1",
            "jobs[4].timeWindows[1]: overlaps timeWindows[0]",
            "jobs[4].skills[0]: is empty",
            "shipments[0].pickup.timeWindows[0]: start is after end (10 > 5)",
            "shipments[0].delivery.location: location index 9 is out of range (the problem has 3 locations)",
            "vehicles[0].profile: no travel provider is registered for profile 'bike'",
            "vehicles[0].costPerKm: must be a finite number ≥ 0, got -1",
            "vehicles[0].maxStops: must be ≥ 0, got -1",
            "vehicles[1].id: duplicate vehicle id 'v0'",
            "vehicles[1].end: location index 42 is out of range (the problem has 3 locations)",
            "vehicles[1].shift: start is after end (50 > 10)",
            "vehicles[1].capacity: has 0 entries but the problem has 2 dimensions (give all, or none for unlimited)",
            "vehicles[1].breaks[0].durationSeconds: must be a finite number ≥ 0, got -3",
            "vehicles[1].breaks[0].windows[0]: start is after end (20 > 10)",
            "vehicles[1].breaks[1].id: duplicate break id 'b'",
            "locations[2]: needs X and Y coordinates for Euclidean travel (travel[default])",
        ];
        foreach (var error in expected.Where(e => !e.StartsWith("vehicles[1].capacity", StringComparison.Ordinal)))
        {
            Assert.Contains(error, paths);
        }

        Assert.DoesNotContain(paths, p => p.StartsWith("vehicles[1].capacity", StringComparison.Ordinal)); // empty = unlimited is fine

        var ex = Assert.Throws<RoutingValidationException>(() => b.Build());
        Assert.Equal(paths.Count, ex.Errors.Count);
        Assert.Contains("jobs[3].timeWindows[0]: start is after end", ex.Message);
    }

    [Fact]
    public void Matrix_of_the_wrong_size_or_with_negative_entries_is_reported()
    {
        var b = new ProblemBuilder();
        b.AddLocation(new Location("a"));
        b.AddLocation(new Location("b"));
        b.SetTravel(new MatrixTravel(new double[,] { { 0, -1 }, { 1, 0 } }, new double[3, 3]));
        var errors = b.Validate().Select(e => e.ToString()).ToList();
        Assert.Contains("travel[default].durationSeconds[0,1]: must be ≥ 0 or +∞ (unreachable), got -1", errors);
        Assert.Contains("travel[default].distanceMetres: is 3×3 but the problem has 2 locations", errors);
    }

    [Fact]
    public void Built_problem_is_normalised()
    {
        var b = new ProblemBuilder().SetDimensions("kg", "parcels");
        b.AddLocation(Location.AtGeo("hub", new GeoPoint(13.09, 109.3)));
        b.AddLocation(Location.AtGeo("c", new GeoPoint(13.10, 109.31)));
        b.SetTravel(CoordinateTravel.GreatCircle(speedMetresPerSecond: 10));
        b.AddJob(new Job("j", 1) { Delivery = [5], TimeWindows = [new(500, 600), new(100, 200)] });
        b.AddVehicle(new Vehicle("v", 0, 0) { Breaks = [new Break("b", [], 60)] });
        var problem = b.Build();

        Assert.Equal(["kg", "parcels"], problem.DimensionNames.ToArray());
        Assert.Equal([5L, 0L], problem.Jobs[0].Delivery.Values.ToArray());
        Assert.Equal([new TimeWindow(100, 200), new TimeWindow(500, 600)], problem.Jobs[0].TimeWindows.ToArray());
        Assert.Equal([long.MaxValue, long.MaxValue], problem.Vehicles[0].Capacity.Values.ToArray());
        Assert.Equal([TimeWindow.Unbounded], problem.Vehicles[0].Breaks[0].Windows.ToArray());
        double metres = new GeoPoint(13.09, 109.3).DistanceTo(new GeoPoint(13.10, 109.31));
        Assert.Equal(metres, problem.Travel("default").DistanceMetres(0, 1), 6);
        Assert.Equal(metres / 10, problem.TravelOf(0).DurationSeconds(0, 1), 6);
        Assert.Equal(0, problem.IndexOfJob("j"));
        Assert.Equal(-1, problem.IndexOfJob("nope"));
    }

    [Fact]
    public void Amounts_compare_entrywise_with_missing_entries_as_zero()
    {
        Amounts a = [3, 0];
        Amounts b = [3];
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Amounts small = [2, 5], big = [2, 6], three = [3];
        Assert.True(small.FitsWithin(small));
        Assert.False(big.FitsWithin(small));
        Assert.Equal([5L, 5L], (small + three).Values.ToArray());
        Assert.Equal([-1L, 5L], (small - three).Values.ToArray());
    }
}
