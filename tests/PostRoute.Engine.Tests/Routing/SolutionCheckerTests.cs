using System.Collections.Immutable;
using PostRoute.Engine.Routing;
using static PostRoute.Engine.Tests.Routing.RoutingTestKit;

namespace PostRoute.Engine.Tests.Routing;

/// <summary>
/// Hand-made solutions, each breaking exactly one rule, must each be caught (and only that rule reported); a valid one
/// must pass. Solutions are assembled with <see cref="SolutionFactory"/> from chosen visit orders, so that their
/// reported numbers are consistent and only the intended rule is broken.
/// </summary>
public class SolutionCheckerTests
{
    // Depot at 0 on a line; customers at x = 10, 20, 30 (1 unit = 1 m = 1 s).
    private static ProblemBuilder Line(Action<ProblemBuilder>? configure = null, Vehicle? vehicle = null)
    {
        var b = Plane((0, 0), (10, 0), (20, 0), (30, 0));
        b.AddJob(new Job("a", 1) { Delivery = [1], ServiceSeconds = 2 });
        b.AddJob(new Job("b", 2) { Delivery = [1], ServiceSeconds = 2 });
        b.AddJob(new Job("c", 3) { Delivery = [1], ServiceSeconds = 2 });
        b.AddVehicle(vehicle ?? new Vehicle("v", 0, 0) { Capacity = [3] });
        configure?.Invoke(b);
        return b;
    }

    private static RoutingSolution Make(RoutingProblem problem, params RoutePlan[] plans) => SolutionFactory.Create(problem, plans);

    private static RoutePlan Plan(int vehicle, params Visit[] visits) => new(vehicle, [.. visits]);

    private static void AssertOnly(CheckResult result, ViolationKind kind)
    {
        Assert.False(result.IsValid, "the violation was not caught");
        Assert.True(result.Violations.All(v => v.Kind == kind), result.ToString());
    }

    [Fact]
    public void Valid_solution_passes()
    {
        var problem = Line().Build();
        var solution = Make(problem, Plan(0, Visit.Job(0), Visit.Job(1), Visit.Job(2)));
        var result = SolutionChecker.Check(problem, solution);
        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(60, solution.DistanceMetres, 9);
        Assert.Equal(66, solution.DurationSeconds, 9);
    }

    [Fact]
    public void Capacity_exceeded_is_caught()
    {
        var problem = Line(vehicle: new Vehicle("v", 0, 0) { Capacity = [2] }).Build();
        var result = SolutionChecker.Check(problem, Make(problem, Plan(0, Visit.Job(0), Visit.Job(1), Visit.Job(2))));
        AssertOnly(result, ViolationKind.Capacity);
        Assert.Contains(result.Violations, v => v.Path == "routes[0].steps[0]");
    }

    [Fact]
    public void Pickup_overflowing_mid_route_is_caught_at_that_step()
    {
        // Delivering 'a' first frees room; picking up at 'b' before delivering overflows at step 1.
        var b = Plane((0, 0), (10, 0), (20, 0));
        b.AddJob(new Job("a", 2) { Delivery = [2] });
        b.AddJob(new Job("b", 1) { Pickup = [2] });
        b.AddVehicle(new Vehicle("v", 0, 0) { Capacity = [3] });
        var problem = b.Build();
        Assert.True(SolutionChecker.Check(problem, Make(problem, Plan(0, Visit.Job(0), Visit.Job(1)))).IsValid);
        var result = SolutionChecker.Check(problem, Make(problem, Plan(0, Visit.Job(1), Visit.Job(0))));
        AssertOnly(result, ViolationKind.Capacity);
        Assert.Equal("routes[0].steps[1]", Assert.Single(result.Violations).Path);
    }

    [Fact]
    public void Time_window_missed_is_caught()
    {
        var problem = Line(b => b.AddJob(new Job("late", 1) { TimeWindows = [new(0, 15)] })).Build();
        // Serving 'late' last reaches x = 10 again long after 15.
        var result = SolutionChecker.Check(problem, Make(problem, Plan(0, Visit.Job(0), Visit.Job(1), Visit.Job(2), Visit.Job(3))));
        AssertOnly(result, ViolationKind.TimeWindow);
    }

    [Fact]
    public void Shift_end_exceeded_is_caught()
    {
        var problem = Line(vehicle: new Vehicle("v", 0, 0) { Capacity = [3], Shift = new(0, 50) }).Build();
        AssertOnly(SolutionChecker.Check(problem, Make(problem, Plan(0, Visit.Job(0), Visit.Job(1), Visit.Job(2)))), ViolationKind.Shift);
    }

    [Fact]
    public void Start_before_shift_is_caught()
    {
        var problem = Line(vehicle: new Vehicle("v", 0, 0) { Capacity = [3], Shift = new(100, 1000) }).Build();
        var solution = Make(problem, Plan(0, Visit.Job(0)) with { StartSeconds = 50 });
        AssertOnly(SolutionChecker.Check(problem, solution), ViolationKind.Shift);
    }

    [Fact]
    public void Break_outside_its_window_is_caught()
    {
        var vehicle = new Vehicle("v", 0, 0) { Capacity = [3], Breaks = [new Break("lunch", [new(0, 5)], 10)] };
        var problem = Line(vehicle: vehicle).Build();
        // The break is listed after the first stop, reached at 10 > 5.
        var result = SolutionChecker.Check(problem, Make(problem, Plan(0, Visit.Job(0), Visit.Break(0), Visit.Job(1))));
        AssertOnly(result, ViolationKind.Break);
    }

    [Fact]
    public void Missing_break_is_caught()
    {
        var vehicle = new Vehicle("v", 0, 0) { Capacity = [3], Breaks = [new Break("pause", [new(0, 100)], 0)] };
        var problem = Line(vehicle: vehicle).Build();
        var solution = Make(problem, Plan(0, Visit.Job(0), Visit.Break(0)));
        Assert.True(SolutionChecker.Check(problem, solution).IsValid);
        var route = solution.Routes[0];
        var without = solution with { Routes = [route with { Steps = [.. route.Steps.Where(s => s.Kind != StepKind.Break)] }] };
        AssertOnly(SolutionChecker.Check(problem, without), ViolationKind.Break);
    }

    [Fact]
    public void Break_taken_on_the_road_is_valid_and_delays_arrival()
    {
        var vehicle = new Vehicle("v", 0, 0) { Capacity = [3], Breaks = [new Break("lunch", [new(5, 8)], 10)] };
        var problem = Line(vehicle: vehicle).Build();
        var solution = Make(problem, Plan(0, Visit.Break(0), Visit.Job(0)));
        var result = SolutionChecker.Check(problem, solution);
        Assert.True(result.IsValid, result.ToString());
        var steps = solution.Routes[0].Steps;
        Assert.Equal(StepKind.Break, steps[1].Kind);
        Assert.Equal(5, steps[1].ServiceStartSeconds, 9); // after driving 5 of the 10 m
        Assert.Equal(5, steps[1].CumulativeDistanceMetres, 9);
        Assert.Equal(20, steps[2].ArrivalSeconds, 9); // 10 travel + 10 break
    }

    [Theory]
    [InlineData("duration", ViolationKind.MaxDuration)]
    [InlineData("travel", ViolationKind.MaxTravelTime)]
    [InlineData("distance", ViolationKind.MaxDistance)]
    [InlineData("stops", ViolationKind.MaxStops)]
    public void Each_route_limit_is_caught(string limit, ViolationKind kind)
    {
        // The full route drives 60 m in 60 s, serves 3 stops and lasts 66 s.
        var vehicle = limit switch
        {
            "duration" => new Vehicle("v", 0, 0) { Capacity = [3], MaxDurationSeconds = 65 },
            "travel" => new Vehicle("v", 0, 0) { Capacity = [3], MaxTravelSeconds = 59 },
            "distance" => new Vehicle("v", 0, 0) { Capacity = [3], MaxDistanceMetres = 59 },
            _ => new Vehicle("v", 0, 0) { Capacity = [3], MaxStops = 2 },
        };
        var problem = Line(vehicle: vehicle).Build();
        AssertOnly(SolutionChecker.Check(problem, Make(problem, Plan(0, Visit.Job(0), Visit.Job(1), Visit.Job(2)))), kind);
    }

    [Fact]
    public void Missing_skill_is_caught()
    {
        var problem = Line(b => b.AddJob(new Job("cold", 1) { Skills = ["fridge"] })).Build();
        var result = SolutionChecker.Check(problem, Make(problem, Plan(0, Visit.Job(0), Visit.Job(1), Visit.Job(2), Visit.Job(3))));
        AssertOnly(result, ViolationKind.Skills);
    }

    [Fact]
    public void Delivery_before_pickup_and_split_shipments_are_caught()
    {
        var b = Plane((0, 0), (10, 0), (20, 0));
        b.AddShipment(new Shipment("s", new ShipmentStop(1), new ShipmentStop(2)));
        b.AddVehicle(new Vehicle("v1", 0, 0));
        b.AddVehicle(new Vehicle("v2", 0, 0));
        var problem = b.Build();
        Assert.True(SolutionChecker.Check(problem, Make(problem, Plan(0, Visit.Pickup(0), Visit.Delivery(0)))).IsValid);
        AssertOnly(SolutionChecker.Check(problem, Make(problem, Plan(0, Visit.Delivery(0), Visit.Pickup(0)))), ViolationKind.PickupDelivery);
        AssertOnly(SolutionChecker.Check(problem, Make(problem, Plan(0, Visit.Pickup(0)), Plan(1, Visit.Delivery(0)))), ViolationKind.PickupDelivery);
    }

    [Fact]
    public void Job_served_twice_is_caught()
    {
        var b = Line(b => b.AddVehicle(new Vehicle("w", 0, 0) { Capacity = [3] }));
        var problem = b.Build();
        var result = SolutionChecker.Check(problem, Make(problem, Plan(0, Visit.Job(0), Visit.Job(1), Visit.Job(2)), Plan(1, Visit.Job(0))));
        AssertOnly(result, ViolationKind.Coverage);
    }

    [Fact]
    public void Job_neither_served_nor_unassigned_is_caught()
    {
        var problem = Line().Build();
        var solution = Make(problem, Plan(0, Visit.Job(0), Visit.Job(1)));
        Assert.True(SolutionChecker.Check(problem, solution).IsValid);
        var dropped = solution with { Unassigned = [], UnservedMandatoryCount = 0 };
        AssertOnly(SolutionChecker.Check(problem, dropped), ViolationKind.Coverage);
    }

    [Fact]
    public void Unproven_unassigned_reason_is_caught()
    {
        var problem = Line().Build();
        var solution = Make(problem, Plan(0, Visit.Job(0), Visit.Job(1)));
        var wrong = solution with { Unassigned = [solution.Unassigned[0] with { Reason = UnassignedReason.NoVehicleWithSkills }] };
        AssertOnly(SolutionChecker.Check(problem, wrong), ViolationKind.Reason);
        var optional = solution with { Unassigned = [solution.Unassigned[0] with { Reason = UnassignedReason.PenaltyCheaperThanService }] };
        AssertOnly(SolutionChecker.Check(problem, optional), ViolationKind.Reason);
    }

    [Fact]
    public void Unreachable_leg_is_caught()
    {
        double inf = double.PositiveInfinity;
        var b = new ProblemBuilder();
        b.AddLocation(new Location("depot"));
        b.AddLocation(new Location("island"));
        b.SetTravel(MatrixTravel.FromSingleMatrix(new double[,] { { 0, inf }, { inf, 0 } }));
        b.AddJob(new Job("j", 1));
        b.AddVehicle(new Vehicle("v", 0, 0));
        var problem = b.Build();
        var result = SolutionChecker.Check(problem, Make(problem, Plan(0, Visit.Job(0))));
        AssertOnly(result, ViolationKind.Unreachable);
    }

    [Fact]
    public void Tampered_step_time_load_and_total_are_each_caught()
    {
        var problem = Line().Build();
        var solution = Make(problem, Plan(0, Visit.Job(0), Visit.Job(1), Visit.Job(2)));
        var route = solution.Routes[0];

        var arrival = route with { Steps = route.Steps.SetItem(2, route.Steps[2] with { ArrivalSeconds = route.Steps[2].ArrivalSeconds + 1 }) };
        var result = SolutionChecker.Check(problem, solution with { Routes = [arrival] });
        AssertOnly(result, ViolationKind.ReportedValue);
        Assert.Contains(result.Violations, v => v.Path == "routes[0].steps[2]" && v.Message.Contains("arrivalSeconds"));

        var load = route with { Steps = route.Steps.SetItem(1, route.Steps[1] with { LoadAfter = [3] }) };
        AssertOnly(SolutionChecker.Check(problem, solution with { Routes = [load] }), ViolationKind.ReportedValue);

        var cost = solution with { Cost = solution.Cost with { Distance = solution.Cost.Distance + 0.5 } };
        AssertOnly(SolutionChecker.Check(problem, cost), ViolationKind.ReportedValue);

        // Within the tolerance (0.01 absolute) a difference is accepted.
        var close = solution with { DistanceMetres = solution.DistanceMetres + 0.005 };
        Assert.True(SolutionChecker.Check(problem, close).IsValid);
    }

    [Fact]
    public void Malformed_routes_are_structure_violations()
    {
        var problem = Line().Build();
        var solution = Make(problem, Plan(0, Visit.Job(0), Visit.Job(1), Visit.Job(2)));
        var route = solution.Routes[0];
        AssertOnly(SolutionChecker.Check(problem, solution with { Routes = [route with { VehicleIndex = 5 }] }), ViolationKind.Structure);
        var noEnd = route with { Steps = route.Steps.RemoveAt(route.Steps.Length - 1) };
        AssertOnly(SolutionChecker.Check(problem, solution with { Routes = [noEnd] }), ViolationKind.Structure);
        var wrongId = route with { Steps = route.Steps.SetItem(1, route.Steps[1] with { Id = "zzz" }) };
        AssertOnly(SolutionChecker.Check(problem, solution with { Routes = [wrongId] }), ViolationKind.Structure);
    }
}
