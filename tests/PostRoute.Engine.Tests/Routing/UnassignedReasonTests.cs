using PostRoute.Engine.Routing;
using static PostRoute.Engine.Tests.Routing.RoutingTestKit;

namespace PostRoute.Engine.Tests.Routing;

/// <summary>Each unassigned reason provoked by a problem where it is the only explanation; solutions are checked.</summary>
public class UnassignedReasonTests
{
    private static UnassignedTask SolveAndFind(ProblemBuilder b, string id)
    {
        var problem = b.Build();
        var solution = SolveChecked(problem);
        return Assert.Single(solution.Unassigned, u => u.Id == id);
    }

    private static ProblemBuilder Base()
    {
        var b = Plane((0, 0), (10, 0), (1000, 0));
        b.AddJob(new Job("ok", 1) { Delivery = [1] });
        return b;
    }

    [Fact]
    public void No_vehicle_with_the_skills()
    {
        var b = Base();
        b.AddJob(new Job("x", 1) { Skills = ["crane"] });
        b.AddVehicle(new Vehicle("v", 0, 0) { Skills = ["fridge"], Capacity = [5] });
        var task = SolveAndFind(b, "x");
        Assert.Equal(UnassignedReason.NoVehicleWithSkills, task.Reason);
        Assert.Contains("crane", task.Explanation);
    }

    [Fact]
    public void Amount_exceeds_every_capacity_of_vehicles_with_the_skills()
    {
        // A big enough vehicle exists, but without the skill: the reason is capacity, among the skilled vehicles.
        var b = Base();
        b.AddJob(new Job("x", 1) { Delivery = [50], Skills = ["fridge"] });
        b.AddVehicle(new Vehicle("small", 0, 0) { Skills = ["fridge"], Capacity = [5] });
        b.AddVehicle(new Vehicle("big", 0, 0) { Capacity = [100] });
        var task = SolveAndFind(b, "x");
        Assert.Equal(UnassignedReason.ExceedsCapacity, task.Reason);
        Assert.Contains("50 > largest capacity 5", task.Explanation);
    }

    [Fact]
    public void Window_that_no_shift_can_reach()
    {
        // The far job (1000 s away) closes at 500; shifts start at 0.
        var b = Base();
        b.AddJob(new Job("x", 2) { TimeWindows = [new(0, 500)] });
        b.AddVehicle(new Vehicle("v", 0, 0) { Capacity = [5] });
        Assert.Equal(UnassignedReason.TimeWindowUnreachable, SolveAndFind(b, "x").Reason);
    }

    [Fact]
    public void Duration_limit_that_the_breaks_make_too_short_even_for_a_route_serving_only_the_job()
    {
        // 10 + 10 s there and back fit in 100 s, but the driver's 90 s break must be taken on the route too.
        var b = Base();
        b.AddJob(new Job("x", 1) { ServiceSeconds = 5 });
        b.AddVehicle(new Vehicle("v", 0, 0)
        {
            Capacity = [5], MaxDurationSeconds = 100, Breaks = [new Break("lunch", [], 90)],
        });
        var task = SolveAndFind(b, "x");
        Assert.Equal(UnassignedReason.ExceedsRouteLimits, task.Reason);
        Assert.Contains("breaks included", task.Explanation);
    }

    [Fact]
    public void Shift_that_the_breaks_make_too_short_even_for_a_route_serving_only_the_job()
    {
        var b = Base();
        b.AddJob(new Job("x", 1));
        b.AddVehicle(new Vehicle("v", 0, 0) { Capacity = [5], Shift = new(0, 50), Breaks = [new Break("lunch", [], 40)] });
        Assert.Equal(UnassignedReason.TimeWindowUnreachable, SolveAndFind(b, "x").Reason);
    }

    [Fact]
    public void Shift_too_short_for_a_return_trip()
    {
        var b = Base();
        b.AddJob(new Job("x", 2));
        b.AddVehicle(new Vehicle("v", 0, 0) { Capacity = [5], Shift = new(0, 1500) });
        Assert.Equal(UnassignedReason.TimeWindowUnreachable, SolveAndFind(b, "x").Reason);
    }

    [Fact]
    public void Route_limits_exceeded_even_alone()
    {
        var b = Base();
        b.AddJob(new Job("x", 2));
        b.AddVehicle(new Vehicle("v", 0, 0) { Capacity = [5], MaxDistanceMetres = 1500 });
        var task = SolveAndFind(b, "x");
        Assert.Equal(UnassignedReason.ExceedsRouteLimits, task.Reason);
    }

    [Fact]
    public void Unreachable_in_the_travel_network()
    {
        double inf = double.PositiveInfinity;
        var b = new ProblemBuilder();
        b.AddLocation(new Location("depot"));
        b.AddLocation(new Location("one-way street"));
        // Reachable from the depot, but no way back.
        b.SetTravel(MatrixTravel.FromSingleMatrix(new double[,] { { 0, 5 }, { inf, 0 } }));
        b.AddJob(new Job("x", 1));
        b.AddVehicle(new Vehicle("v", 0, 0));
        Assert.Equal(UnassignedReason.Unreachable, SolveAndFind(b, "x").Reason);

        // With an open route there is no way back to make, so the job is served.
        var open = new ProblemBuilder();
        open.AddLocation(new Location("depot"));
        open.AddLocation(new Location("one-way street"));
        open.SetTravel(MatrixTravel.FromSingleMatrix(new double[,] { { 0, 5 }, { inf, 0 } }));
        open.AddJob(new Job("x", 1));
        open.AddVehicle(new Vehicle("v", 0, null));
        Assert.Empty(SolveChecked(open.Build()).Unassigned);
    }

    [Fact]
    public void Optional_job_left_out_as_too_expensive()
    {
        var b = Base();
        b.AddJob(new Job("x", 2) { Penalty = 0.5 }); // serving costs 2 (2 km at 1/km)
        b.AddVehicle(new Vehicle("v", 0, 0) { Capacity = [5] });
        Assert.Equal(UnassignedReason.PenaltyCheaperThanService, SolveAndFind(b, "x").Reason);
    }

    [Fact]
    public void Mandatory_jobs_competing_for_one_vehicle_leave_one_without_room()
    {
        // Each job alone fits, but both need the only vehicle at the same moment far apart: one is left out, and
        // the higher-priority one is kept.
        var b = Plane((0, 0), (100, 0), (-100, 0));
        b.AddJob(new Job("east", 1) { TimeWindows = [new(100, 110)], Priority = 0 });
        b.AddJob(new Job("west", 2) { TimeWindows = [new(100, 110)], Priority = 100 });
        b.AddVehicle(new Vehicle("v", 0, 0));
        var problem = b.Build();
        var solution = SolveChecked(problem);
        var task = Assert.Single(solution.Unassigned);
        Assert.Equal(("east", UnassignedReason.NoRoomFound), (task.Id, task.Reason));
        Assert.Equal(1, solution.UnservedMandatoryCount);
    }

    [Fact]
    public void Analysis_finds_each_proven_reason_before_solving()
    {
        var b = Plane((0, 0), (10, 0));
        b.AddJob(new Job("skills", 1) { Skills = ["x"] });
        b.AddJob(new Job("capacity", 1) { Delivery = [9] });
        b.AddJob(new Job("time", 1) { TimeWindows = [new(0, 5)] });
        b.AddJob(new Job("fine", 1) { Delivery = [1] });
        b.AddShipment(new Shipment("ship-capacity", new ShipmentStop(1), new ShipmentStop(0)) { Amount = [9] });
        b.AddVehicle(new Vehicle("v", 0, 0) { Capacity = [5] });
        var analysis = UnassignableAnalysis.Analyze(b.Build());

        var reasons = analysis.Unassignable.ToDictionary(u => u.Id, u => u.Reason);
        Assert.Equal(UnassignedReason.NoVehicleWithSkills, reasons["skills"]);
        Assert.Equal(UnassignedReason.ExceedsCapacity, reasons["capacity"]);
        Assert.Equal(UnassignedReason.TimeWindowUnreachable, reasons["time"]);
        Assert.Equal(UnassignedReason.ExceedsCapacity, reasons["ship-capacity"]);
        Assert.False(reasons.ContainsKey("fine"));
        Assert.True(analysis.CanServeJob(0, 3));
        Assert.False(analysis.CanServeShipment(0, 0));
    }
}
