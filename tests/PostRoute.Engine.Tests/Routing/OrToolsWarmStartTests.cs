using System.Collections.Immutable;
using PostRoute.Engine.Routing;
using PostRoute.Engine.Routing.Solvers.OrTools;
using static PostRoute.Engine.Tests.Routing.RoutingTestKit;

namespace PostRoute.Engine.Tests.Routing;

/// <summary>
/// OR-Tools warm start (<see cref="OrToolsOptions.InitialRoutes"/>). The runs are made through <c>OrToolsRun</c> to see
/// whether OR-Tools searched from the start or fell back to its first solution strategy; expected costs are known by
/// construction.
/// </summary>
public class OrToolsWarmStartTests
{
    private const double Tol = 1e-6;

    /// <summary>Two pairs of customers at (±10, 0) and (±10, 1), demand 1, two vehicles of capacity 2 (as in OrToolsSolverTests).</summary>
    private static RoutingProblem TwoPairs()
    {
        var b = Plane((0, 0), (10, 0), (10, 1), (-10, 0), (-10, 1));
        for (int i = 1; i <= 4; i++)
        {
            b.AddJob(new Job($"c{i}", i) { Delivery = [1] });
        }

        b.AddVehicle(new Vehicle("v1", 0, 0) { Capacity = [2], CostPerKm = 1000 });
        b.AddVehicle(new Vehicle("v2", 0, 0) { Capacity = [2], CostPerKm = 1000 });
        return b.Build();
    }

    /// <summary>The optimum of <see cref="TwoPairs"/>: each side on one vehicle, each route 10 + 1 + √101.</summary>
    private static readonly double TwoPairsOptimum = 2 * (11 + Math.Sqrt(101));

    private static (SolveResult Result, WarmStartOutcome WarmStart) Run(RoutingProblem problem, params RoutePlan[] start)
    {
        var orOptions = new OrToolsOptions { InitialRoutes = [.. start] };
        var options = new SolveOptions { TimeLimit = TimeSpan.FromSeconds(0.5), StopWhen = [new MaxSolutions(50)] };
        var run = new OrToolsRun(problem, options, orOptions, null, CancellationToken.None, "ortools");
        var result = run.Execute();
        var check = SolutionChecker.Check(problem, result.Solution);
        Assert.True(check.IsValid, check.ToString());
        return (result, run.WarmStart);
    }

    private static RoutePlan Plan(int vehicle, params Visit[] visits) => new(vehicle, [.. visits]);

    [Fact]
    public void A_good_start_is_used_and_the_result_is_no_worse()
    {
        var problem = TwoPairs();
        var startPlans = new[] { Plan(0, Visit.Job(0), Visit.Job(1)), Plan(1, Visit.Job(3), Visit.Job(2)) };
        var start = SolutionFactory.Create(problem, startPlans);
        Assert.Equal(TwoPairsOptimum, start.Cost.Total, Tol);

        var (result, warm) = Run(problem, startPlans);

        Assert.Equal(WarmStartOutcome.Used, warm);
        Assert.Equal(SolveStatus.Completed, result.Status);
        Assert.Empty(result.Solution.Unassigned);
        Assert.True(result.Solution.Cost.Total <= start.Cost.Total + Tol, $"{result.Solution.Cost.Total} > {start.Cost.Total}");
    }

    [Fact]
    public void A_poor_start_is_improved()
    {
        // Crossing routes: each vehicle serves one customer on each side, 2 · (10 + √401 + 10) > the optimum.
        var problem = TwoPairs();
        var (result, warm) = Run(problem, Plan(0, Visit.Job(0), Visit.Job(2)), Plan(1, Visit.Job(1), Visit.Job(3)));

        Assert.Equal(WarmStartOutcome.Used, warm);
        Assert.Empty(result.Solution.Unassigned);
        Assert.Equal(TwoPairsOptimum, result.Solution.Cost.Total, Tol);
    }

    [Fact]
    public void Unknown_tasks_breaks_and_repeated_visits_are_dropped_from_the_start()
    {
        var problem = TwoPairs();
        var (result, warm) = Run(problem,
            Plan(0, Visit.Job(0), Visit.Job(99), Visit.Job(-1), Visit.Break(0), Visit.Job(1), Visit.Job(0), Visit.Pickup(0)),
            Plan(1, Visit.Job(3), Visit.Delivery(5)));

        Assert.Equal(WarmStartOutcome.Used, warm);
        Assert.Empty(result.Solution.Unassigned);
        Assert.Equal(TwoPairsOptimum, result.Solution.Cost.Total, Tol);
    }

    [Fact]
    public void A_start_naming_an_unknown_or_repeated_vehicle_is_rejected_with_the_option_named()
    {
        var problem = TwoPairs();
        var unknown = new OrToolsOptions { InitialRoutes = [Plan(7, Visit.Job(0))] };
        var error = Assert.Throws<ArgumentException>(() => new OrToolsSolver(unknown).Solve(problem, Quick()));
        Assert.Contains("InitialRoutes[0].VehicleIndex", error.Message, StringComparison.Ordinal);
        var twice = new OrToolsOptions { InitialRoutes = [Plan(1, Visit.Job(0)), Plan(1, Visit.Job(1))] };
        error = Assert.Throws<ArgumentException>(() => new OrToolsSolver(twice).Solve(problem, Quick()));
        Assert.Contains("InitialRoutes[1]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_start_over_capacity_falls_back_to_the_first_solution_strategy()
    {
        var problem = TwoPairs();
        var (result, warm) = Run(problem, Plan(0, Visit.Job(0), Visit.Job(1), Visit.Job(2), Visit.Job(3)));

        Assert.Equal(WarmStartOutcome.Rejected, warm);
        Assert.Equal(SolveStatus.Completed, result.Status);
        Assert.Empty(result.Solution.Unassigned);
        Assert.Equal(TwoPairsOptimum, result.Solution.Cost.Total, Tol);
    }

    [Fact]
    public void A_stop_with_several_windows_starts_in_the_window_its_schedule_meets()
    {
        // Arrival at 10 misses [0, 5]; the start serves at 50 in [50, 60], which only the second copy of the stop allows.
        var b = Plane((0, 0), (10, 0));
        b.AddJob(new Job("j", 1) { TimeWindows = [new(0, 5), new(50, 60)], ServiceSeconds = 3 });
        b.AddVehicle(new Vehicle("v", 0, 0) { Shift = new(0, 1000) });
        var problem = b.Build();

        var (result, warm) = Run(problem, Plan(0, Visit.Job(0)));

        Assert.Equal(WarmStartOutcome.Used, warm);
        var step = Assert.Single(result.Solution.Routes).Steps[1];
        Assert.Equal(50, step.ServiceStartSeconds, Tol);
    }

    [Fact]
    public void Shipments_start_from_their_pickup_and_delivery_and_a_delivery_before_its_pickup_is_dropped()
    {
        // Capacity 1: s1 then s2 (each delivered before the next pickup); s2's delivery before its pickup is dropped
        // from the start and the search inserts s2 again.
        var b = Plane((0, 0), (10, 0), (20, 0), (10, 10), (20, 10));
        b.AddShipment(new Shipment("s1", new ShipmentStop(1), new ShipmentStop(2)) { Amount = [1] });
        b.AddShipment(new Shipment("s2", new ShipmentStop(3), new ShipmentStop(4)) { Amount = [1] });
        b.AddVehicle(new Vehicle("v", 0, 0) { Capacity = [1] });
        var problem = b.Build();

        var (result, warm) = Run(problem, Plan(0, Visit.Pickup(0), Visit.Delivery(0), Visit.Delivery(1), Visit.Pickup(1)));

        Assert.Equal(WarmStartOutcome.Used, warm);
        Assert.Empty(result.Solution.Unassigned);
    }

    [Fact]
    public void The_solver_takes_the_warm_start_from_the_solve_options()
    {
        var problem = TwoPairs();
        var start = SolutionFactory.Create(problem, [Plan(0, Visit.Job(0), Visit.Job(1)), Plan(1, Visit.Job(3), Visit.Job(2))]);
        var options = new SolveOptions
        {
            TimeLimit = TimeSpan.FromSeconds(0.5),
            StopWhen = [new MaxSolutions(50)],
            SolverOptions = [OrToolsOptions.WarmStart(start)],
        };

        var solution = SolveChecked(problem, options);

        Assert.Empty(solution.Unassigned);
        Assert.True(solution.Cost.Total <= start.Cost.Total + Tol);
    }
}
