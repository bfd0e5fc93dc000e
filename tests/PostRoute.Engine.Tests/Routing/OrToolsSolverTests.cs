using System.Collections.Immutable;
using PostRoute.Engine.Routing;
using PostRoute.Engine.Routing.Solvers.OrTools;
using static PostRoute.Engine.Tests.Routing.RoutingTestKit;

namespace PostRoute.Engine.Tests.Routing;

/// <summary>
/// OR-Tools on small instances of every variant. Each solution is verified by the independent checker, and the
/// expected optimum is known by construction (stated in each test) rather than taken from a solver run.
/// </summary>
public class OrToolsSolverTests
{
    private const double Tol = 1e-6;

    [Fact]
    public void Cvrp_capacity_forces_two_routes_with_the_optimal_distance()
    {
        // Two pairs of customers at (±10, 0) and (±10, 1); capacity 2 and demand 1 each: the optimum pairs each side,
        // each route 10 + 1 + √101.
        var b = Plane((0, 0), (10, 0), (10, 1), (-10, 0), (-10, 1));
        for (int i = 1; i <= 4; i++)
        {
            b.AddJob(new Job($"c{i}", i) { Delivery = [1] });
        }

        b.AddVehicle(new Vehicle("v1", 0, 0) { Capacity = [2], CostPerKm = 1000 });
        b.AddVehicle(new Vehicle("v2", 0, 0) { Capacity = [2], CostPerKm = 1000 });
        var solution = SolveChecked(b.Build());

        Assert.Empty(solution.Unassigned);
        Assert.Equal(2, solution.VehiclesUsed);
        Assert.Equal(2 * (11 + Math.Sqrt(101)), solution.DistanceMetres, Tol);
        Assert.Equal(2 * (11 + Math.Sqrt(101)), solution.Cost.Total, Tol);
        Assert.All(solution.Routes, r => Assert.Equal(
            r.Steps[1].Location <= 2 ? ["c1", "c2"] : new[] { "c3", "c4" },
            StopIds(r).Order().ToArray()));
    }

    [Fact]
    public void Vrptw_windows_dictate_the_order()
    {
        // On a line, the customer at 30 must be served by 35 and the one at 10 not before 60: the only feasible
        // single-vehicle order is 30, 20, 10.
        var b = Plane((0, 0), (10, 0), (20, 0), (30, 0));
        b.AddJob(new Job("x10", 1) { TimeWindows = [new(60, 100)] });
        b.AddJob(new Job("x20", 2));
        b.AddJob(new Job("x30", 3) { TimeWindows = [new(0, 35)] });
        b.AddVehicle(new Vehicle("v", 0, 0));
        var solution = SolveChecked(b.Build());

        var route = Assert.Single(solution.Routes);
        Assert.Equal(["x30", "x20", "x10"], StopIds(route));
        var x10 = route.Steps.Single(s => s.Id == "x10");
        Assert.Equal(60, x10.ServiceStartSeconds, Tol);
    }

    [Fact]
    public void Several_windows_wait_for_the_next_one()
    {
        // Arrival at 10 misses [0, 5], so service waits for [50, 60].
        var b = Plane((0, 0), (10, 0));
        b.AddJob(new Job("j", 1) { TimeWindows = [new(0, 5), new(50, 60)], ServiceSeconds = 3 });
        b.AddVehicle(new Vehicle("v", 0, 0) { Shift = new(0, 1000) });
        var solution = SolveChecked(b.Build());

        var step = Assert.Single(solution.Routes).Steps[1];
        Assert.Equal(50, step.ServiceStartSeconds, Tol);
        // The start is delayed so that the vehicle arrives just in time: duration 10 + 3 + 10.
        Assert.Equal(0, step.WaitingSeconds, Tol);
        Assert.Equal(23, solution.DurationSeconds, Tol);
    }

    [Fact]
    public void Shipments_are_picked_up_before_delivery_on_one_vehicle()
    {
        // Capacity 1 and two shipments of 1: each must be delivered before the next pickup.
        var b = Plane((0, 0), (10, 0), (20, 0), (10, 10), (20, 10));
        b.AddShipment(new Shipment("s1", new ShipmentStop(1), new ShipmentStop(2)) { Amount = [1] });
        b.AddShipment(new Shipment("s2", new ShipmentStop(3), new ShipmentStop(4)) { Amount = [1] });
        b.AddVehicle(new Vehicle("v", 0, 0) { Capacity = [1] });
        var solution = SolveChecked(b.Build());

        var ids = Assert.Single(solution.Routes).Steps.Where(s => s.Kind is StepKind.Pickup or StepKind.Delivery)
            .Select(s => $"{s.Kind}:{s.Id}").ToArray();
        Assert.True(
            ids.SequenceEqual(["Pickup:s1", "Delivery:s1", "Pickup:s2", "Delivery:s2"]) ||
            ids.SequenceEqual(["Pickup:s2", "Delivery:s2", "Pickup:s1", "Delivery:s1"]),
            string.Join(", ", ids));
    }

    [Fact]
    public void Mixed_deliveries_and_pickups_respect_the_load_at_every_step()
    {
        // Capacity 10: 'drop' delivers 10 (loaded at the depot), 'collect' picks up 10. Visiting 'collect' first
        // would carry 20, so 'drop' must come first although 'collect' is nearer.
        var b = Plane((0, 0), (20, 0), (10, 0));
        b.AddJob(new Job("drop", 1) { Delivery = [10] });
        b.AddJob(new Job("collect", 2) { Pickup = [10] });
        b.AddVehicle(new Vehicle("v", 0, 0) { Capacity = [10] });
        var solution = SolveChecked(b.Build());

        var route = Assert.Single(solution.Routes);
        Assert.Equal(["drop", "collect"], StopIds(route));
        Assert.Equal([10L, 0L, 10L, 10L], route.Steps.Select(s => s.LoadAfter[0]).ToArray());
    }

    [Fact]
    public void Several_depots_serve_their_own_neighbourhoods()
    {
        // Depots at x = 0 and x = 100, two customers 1 m either side of each: each depot serves its own with a
        // 1 + 2 + 1 = 4 m route, 8 m in all.
        var b = Plane((0, 0), (100, 0), (0, 1), (0, -1), (100, 1), (100, -1));
        for (int i = 2; i <= 5; i++)
        {
            b.AddJob(new Job($"c{i}", i));
        }

        b.AddVehicle(new Vehicle("west", 0, 0));
        b.AddVehicle(new Vehicle("east", 1, 1));
        var solution = SolveChecked(b.Build());

        Assert.Equal(2, solution.VehiclesUsed);
        Assert.Equal(8, solution.DistanceMetres, Tol); // each route 1 + 2 + 1
        Assert.Equal(["c2", "c3"], StopIds(solution.Routes.Single(r => r.VehicleId == "west")).Order().ToArray());
    }

    [Fact]
    public void Mixed_fleet_uses_the_vehicle_that_is_cheaper_for_the_job()
    {
        // The van costs 1/km, the truck 10/km plus 100 fixed; the 5-unit job only fits the truck. Separately:
        // 1 + (10 + 100) = 111; all by truck: 20 + 100 = 120.
        var b = Plane((0, 0), (500, 0), (-500, 0));
        b.AddJob(new Job("small", 1) { Delivery = [1] });
        b.AddJob(new Job("bulky", 2) { Delivery = [5] });
        b.AddVehicle(new Vehicle("van", 0, 0) { Capacity = [2], CostPerKm = 1 });
        b.AddVehicle(new Vehicle("truck", 0, 0) { Capacity = [9], CostPerKm = 10, FixedCost = 100 });
        var solution = SolveChecked(b.Build());

        Assert.Equal(["small"], StopIds(solution.Routes.Single(r => r.VehicleId == "van")));
        Assert.Equal(["bulky"], StopIds(solution.Routes.Single(r => r.VehicleId == "truck")));
        Assert.Equal(111, solution.Cost.Total, Tol);
        Assert.Equal(100, solution.Cost.Fixed, Tol);
    }

    [Fact]
    public void Skills_send_a_job_to_the_only_capable_vehicle()
    {
        // The cold job sits next to the plain vehicle's depot but only the far fridge vehicle may serve it.
        var b = Plane((0, 0), (100, 0), (1, 0));
        b.AddJob(new Job("cold", 2) { Skills = ["fridge"] });
        b.AddVehicle(new Vehicle("plain", 0, 0));
        b.AddVehicle(new Vehicle("fridge", 1, 1) { Skills = ["fridge", "tail-lift"] });
        var solution = SolveChecked(b.Build());

        Assert.Equal("fridge", Assert.Single(solution.Routes).VehicleId);
        Assert.Equal(198, solution.DistanceMetres, Tol);
    }

    [Fact]
    public void Optional_jobs_are_served_only_when_worth_their_penalty()
    {
        // Cost = km (CostPerKm 1): the near job costs 0.002 to serve and is worth 1; the far one costs 2 and is worth 1.
        var b = Plane((0, 0), (1, 0), (1000, 0));
        b.AddJob(new Job("near", 1) { Penalty = 1 });
        b.AddJob(new Job("far", 2) { Penalty = 1 });
        b.AddVehicle(new Vehicle("v", 0, 0));
        var solution = SolveChecked(b.Build());

        Assert.Equal(["near"], StopIds(Assert.Single(solution.Routes)));
        var far = Assert.Single(solution.Unassigned);
        Assert.Equal(("far", UnassignedReason.PenaltyCheaperThanService), (far.Id, far.Reason));
        Assert.Equal(1 + 0.002, solution.Cost.Total, Tol);
        Assert.Equal(1, solution.Cost.Penalty, Tol);
    }

    [Fact]
    public void Breaks_are_taken_within_their_window_and_route()
    {
        // Two customers 100 s apart; a 30 s break must start in [50, 120].
        var b = Plane((0, 0), (100, 0), (200, 0));
        b.AddJob(new Job("a", 1) { ServiceSeconds = 10 });
        b.AddJob(new Job("b", 2) { ServiceSeconds = 10 });
        b.AddVehicle(new Vehicle("v", 0, 0) { Shift = new(0, 1000), Breaks = [new Break("lunch", [new(50, 120)], 30)] });
        var solution = SolveChecked(b.Build());

        var route = Assert.Single(solution.Routes);
        var lunch = Assert.Single(route.Steps, s => s.Kind == StepKind.Break);
        Assert.InRange(lunch.ServiceStartSeconds, 50, 120);
        Assert.Equal(30, route.BreakSeconds, Tol);
        // Nothing forces waiting: duration = travel 400 + service 20 + break 30.
        Assert.Equal(450, route.DurationSeconds, Tol);
    }

    [Fact]
    public void Break_window_with_several_windows_and_unused_vehicles_with_breaks()
    {
        var b = Plane((0, 0), (100, 0));
        b.AddJob(new Job("a", 1) { ServiceSeconds = 10 });
        var breaks = ImmutableArray.Create(new Break("rest", [new(0, 5), new(150, 160)], 20));
        b.AddVehicle(new Vehicle("v1", 0, 0) { Shift = new(0, 1000), Breaks = breaks });
        b.AddVehicle(new Vehicle("v2", 0, 0) { Shift = new(0, 1000), Breaks = breaks });
        var solution = SolveChecked(b.Build());

        var route = Assert.Single(solution.Routes);
        var rest = Assert.Single(route.Steps, s => s.Kind == StepKind.Break);
        Assert.True(rest.ServiceStartSeconds <= 5 + Tol || rest.ServiceStartSeconds is >= 150 - Tol and <= 160 + Tol, $"{rest.ServiceStartSeconds}");
    }

    [Fact]
    public void Max_stops_splits_the_work()
    {
        var b = Plane((0, 0), (10, 0), (10, 1), (10, 2), (10, 3));
        for (int i = 1; i <= 4; i++)
        {
            b.AddJob(new Job($"c{i}", i));
        }

        b.AddVehicle(new Vehicle("v1", 0, 0) { MaxStops = 2 });
        b.AddVehicle(new Vehicle("v2", 0, 0) { MaxStops = 2 });
        var solution = SolveChecked(b.Build());

        Assert.Empty(solution.Unassigned);
        Assert.All(solution.Routes, r => Assert.Equal(2, r.StopCount));
    }

    [Theory]
    [InlineData("distance")]
    [InlineData("travel")]
    [InlineData("duration")]
    public void Route_limits_keep_the_short_vehicle_near_home(string limit)
    {
        // The limited vehicle can do the 40 m / 40 s round trip to 'near' but not the 200 one to 'far'; the other
        // vehicle serves one stop only, so it must take 'far' and leave 'near' to the limited one.
        var b = Plane((0, 0), (20, 0), (100, 0));
        b.AddJob(new Job("near", 1));
        b.AddJob(new Job("far", 2));
        var limited = limit switch
        {
            "distance" => new Vehicle("limited", 0, 0) { MaxDistanceMetres = 50 },
            "travel" => new Vehicle("limited", 0, 0) { MaxTravelSeconds = 50 },
            _ => new Vehicle("limited", 0, 0) { MaxDurationSeconds = 50 },
        };
        b.AddVehicle(limited);
        b.AddVehicle(new Vehicle("other", 0, 0) { MaxStops = 1 });
        var solution = SolveChecked(b.Build());

        Assert.Empty(solution.Unassigned);
        Assert.Equal(["far"], StopIds(solution.Routes.Single(r => r.VehicleId == "other")));
        Assert.Equal(["near"], StopIds(solution.Routes.Single(r => r.VehicleId == "limited")));
    }

    [Fact]
    public void Open_routes_end_at_the_last_stop()
    {
        // Closed, the tour would be 60; open, it is 30 (0 → 10 → 20 → 30) and has an end step without location.
        var b = Plane((0, 0), (10, 0), (20, 0), (30, 0));
        b.AddJob(new Job("a", 1));
        b.AddJob(new Job("b", 2));
        b.AddJob(new Job("c", 3));
        b.AddVehicle(new Vehicle("v", 0, null));
        var solution = SolveChecked(b.Build());

        var route = Assert.Single(solution.Routes);
        Assert.Equal(30, route.DistanceMetres, Tol);
        Assert.Equal(["a", "b", "c"], StopIds(route));
        Assert.Null(route.Steps[^1].Location);
    }

    [Fact]
    public void Minimize_vehicles_first_trades_cost_for_fewer_vehicles()
    {
        // 'east' at +10 must be served in [10, 12] and 'west' at −10 in [50, 60]; cost per hour makes the waiting of a
        // single vehicle costly: by cost, two vehicles (2 × 20 s) beat one (leaving at 2 to reach 'east' at 12, back at
        // 60: 58 s); ranked by vehicles, one wins.
        ProblemBuilder Make(Objective objective)
        {
            var b = Plane((0, 0), (10, 0), (-10, 0));
            b.Objective = objective;
            b.AddJob(new Job("east", 1) { TimeWindows = [new(10, 12)] });
            b.AddJob(new Job("west", 2) { TimeWindows = [new(50, 60)] });
            for (int v = 0; v < 2; v++)
            {
                b.AddVehicle(new Vehicle($"v{v}", 0, 0) { CostPerKm = 0, CostPerHour = 3600 });
            }

            return b;
        }

        var byCost = SolveChecked(Make(Objective.MinimizeCost).Build());
        Assert.Equal(2, byCost.VehiclesUsed);
        Assert.Equal(40, byCost.Cost.Total, Tol);

        var byVehicles = SolveChecked(Make(Objective.MinimizeVehiclesFirst).Build());
        Assert.Equal(1, byVehicles.VehiclesUsed);
        Assert.Equal(58, byVehicles.Cost.Total, Tol);
    }

    [Fact]
    public void Unreachable_jobs_are_reported_and_the_rest_served()
    {
        double inf = double.PositiveInfinity;
        var b = new ProblemBuilder();
        foreach (var id in new[] { "depot", "town", "island" })
        {
            b.AddLocation(new Location(id));
        }

        b.SetTravel(MatrixTravel.FromSingleMatrix(new double[,]
        {
            { 0, 5, inf },
            { 5, 0, inf },
            { inf, inf, 0 },
        }));
        b.AddJob(new Job("town", 1));
        b.AddJob(new Job("island", 2));
        b.AddVehicle(new Vehicle("v", 0, 0));
        var solution = SolveChecked(b.Build());

        Assert.Equal(["town"], StopIds(Assert.Single(solution.Routes)));
        var island = Assert.Single(solution.Unassigned);
        Assert.Equal(UnassignedReason.Unreachable, island.Reason);
        Assert.Equal(1, solution.UnservedMandatoryCount);
    }

    [Fact]
    public void Matrix_without_triangle_inequality_uses_the_matrix_as_given()
    {
        // Asymmetric and without the triangle inequality: d → b is 100 but d → a → b is 2 and b → d is 1, so the
        // optimum is d → a → b → d = 3 (the reverse costs 102).
        var b = new ProblemBuilder();
        foreach (var id in new[] { "d", "a", "b" })
        {
            b.AddLocation(new Location(id));
        }

        b.SetTravel(MatrixTravel.FromSingleMatrix(new double[,] { { 0, 1, 100 }, { 1, 0, 1 }, { 1, 1, 0 } }));
        b.AddJob(new Job("a", 1));
        b.AddJob(new Job("b", 2));
        b.AddVehicle(new Vehicle("v", 0, 0) { CostPerKm = 1000 });
        var solution = SolveChecked(b.Build());
        Assert.Equal(3, solution.Cost.Total, Tol);
    }

    [Fact]
    public void Progress_is_reported_and_improves()
    {
        var problem = RandomProblems.Create(seed: 7, jobs: 12, vehicles: 3);
        var reports = new List<SolveProgress>();
        var result = new OrToolsSolver().Solve(problem, Quick(0.5), new SyncProgress(reports.Add));

        Assert.NotEmpty(reports);
        Assert.Equal(result.Improvements.Length, reports.Count);
        for (int i = 1; i < reports.Count; i++)
        {
            Assert.True(reports[i].UnservedMandatory < reports[i - 1].UnservedMandatory || reports[i].BestCost <= reports[i - 1].BestCost + 1e-9);
            Assert.True(reports[i].Elapsed >= reports[i - 1].Elapsed);
        }

        Assert.Equal(reports[^1].BestCost, result.Solution.Cost.Total, Tol);
        Assert.True(SolutionChecker.Check(problem, result.Solution).IsValid);
    }

    [Fact]
    public void Cancellation_returns_the_best_solution_so_far()
    {
        var problem = RandomProblems.Create(seed: 11, jobs: 15, vehicles: 3);
        using var cts = new CancellationTokenSource();
        var options = new SolveOptions { TimeLimit = TimeSpan.FromSeconds(30) };
        var result = new OrToolsSolver().Solve(problem, options, new SyncProgress(_ => cts.Cancel()), cts.Token);

        Assert.Equal(SolveStatus.Cancelled, result.Status);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(20), "the search did not stop on cancellation");
        Assert.True(SolutionChecker.Check(problem, result.Solution).IsValid);
        Assert.NotEmpty(result.Solution.Routes);
    }

    [Fact]
    public void Cancelled_before_start_returns_an_empty_valid_solution()
    {
        var problem = RandomProblems.Create(seed: 3, jobs: 4, vehicles: 1);
        var result = new OrToolsSolver().Solve(problem, Quick(), null, new CancellationToken(canceled: true));
        Assert.Equal(SolveStatus.Cancelled, result.Status);
        Assert.Empty(result.Solution.Routes);
        Assert.Equal(problem.TaskCount, result.Solution.Unassigned.Length);
        Assert.True(SolutionChecker.Check(problem, result.Solution).IsValid);
    }

    [Fact]
    public void Stopping_criteria_end_the_search_early()
    {
        var problem = RandomProblems.Create(seed: 5, jobs: 10, vehicles: 2);
        var options = new SolveOptions
        {
            TimeLimit = TimeSpan.FromSeconds(30),
            StopWhen = [new NoImprovementFor(TimeSpan.FromMilliseconds(200))],
            SolverOptions = [new OrToolsOptions { FirstSolution = FirstSolutionStrategy.PathCheapestArc, Metaheuristic = Metaheuristic.GuidedLocalSearch }],
        };
        var result = new OrToolsSolver().Solve(problem, options);
        Assert.Equal(SolveStatus.Completed, result.Status);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(20));
        Assert.True(SolutionChecker.Check(problem, result.Solution).IsValid);

        var first = new OrToolsSolver().Solve(problem, options with { StopWhen = [new MaxSolutions(1)] });
        Assert.True(first.Elapsed < TimeSpan.FromSeconds(20));
        Assert.True(SolutionChecker.Check(problem, first.Solution).IsValid);
    }

    /// <summary>Reports synchronously (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SyncProgress(Action<SolveProgress> report) : IProgress<SolveProgress>
    {
        public void Report(SolveProgress value) => report(value);
    }
}
