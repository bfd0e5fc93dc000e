using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PostRoute.Engine.Routing;
using PostRoute.Engine.Routing.Solvers.Search;

namespace PostRoute.Engine.Tests.Routing.Search;

public class SearchSolverTests
{
    /// <summary>Stops after a number of offspring, so that runs are reproducible; the time limit never binds.</summary>
    private static SolveOptions Iterations(long count, int seed = 1, int population = 4, SearchOptions? options = null) => new()
    {
        TimeLimit = TimeSpan.FromSeconds(60),
        Seed = seed,
        SolverOptions = [(options ?? new SearchOptions()) with { MaxIterations = count, PopulationSize = population, GenerationSize = 2 * population }],
    };

    private static RoutingSolution SolveChecked(RoutingProblem problem, SolveOptions options, string context = "")
    {
        var result = new SearchSolver().Solve(problem, options);
        var check = SolutionChecker.Check(problem, result.Solution);
        Assert.True(check.IsValid, $"{context} {check}");
        return result.Solution;
    }

    [Property(MaxTest = 150, Replay = "(20261130,7)")]
    public void Random_problems_of_every_supported_variant_give_solutions_the_checker_accepts(NonNegativeInt seed)
    {
        var problem = SearchProblems.Random(seed.Get, out var variant);
        Assert.Empty(SearchSolver.UnsupportedFeatures(problem));
        var result = new SearchSolver().Solve(problem, Iterations(40, seed.Get));
        var check = SolutionChecker.Check(problem, result.Solution);
        Assert.True(check.IsValid, $"seed {seed.Get}, {variant}: {check}");
        Assert.NotEqual(SolveStatus.Cancelled, result.Status);

        // The search's own cost of its best solution is the cost SolutionFactory computes in real numbers (visit by
        // visit schedules may overestimate the duration a little: the factory can delay the start further).
        if (result.Improvements is [.., var last])
        {
            var solution = result.Solution;
            double tolerance = 1e-6 * Math.Max(1, Math.Abs(solution.Cost.Total));
            string context = $"seed {seed.Get}, {variant}: search cost {last.BestCost}, factory cost {solution.Cost.Total}";
            if ((variant & (Variant.SeveralWindows | Variant.Breaks)) != 0)
            {
                Assert.True(last.BestCost >= solution.Cost.Total - tolerance, context);
            }
            else
            {
                Assert.True(Math.Abs(last.BestCost - solution.Cost.Total) <= tolerance, context);
            }

            Assert.Equal(last.VehiclesUsed, solution.VehiclesUsed);
            Assert.Equal(last.UnservedMandatory, solution.UnservedMandatoryCount);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Small_cvrp_instances_are_solved_to_the_brute_force_optimum(int seed)
    {
        var problem = SearchProblems.Cvrp(seed, customers: 8, capacity: 15, vehicles: 8);
        double optimum = BruteForce.OptimalCvrpCost(problem);
        var solution = SolveChecked(problem, Iterations(150, seed, population: 10));
        Assert.Equal(0, solution.UnservedMandatoryCount);
        Assert.Equal(optimum, solution.Cost.Total, 6);
    }

    [Fact]
    public void The_same_seed_and_iteration_limit_give_the_same_solution()
    {
        foreach (var problem in new[] { SearchProblems.Cvrp(11, customers: 40, capacity: 30, vehicles: 12), SearchProblems.Create(12, Variant.TimeWindows | Variant.Shipments | Variant.MixedFleet | Variant.Optional) })
        {
            var first = SolveChecked(problem, Iterations(120, seed: 5));
            var second = SolveChecked(problem, Iterations(120, seed: 5));
            Assert.Equal(Describe(first), Describe(second));
            Assert.Equal(first.Cost.Total, second.Cost.Total);
        }

        static string Describe(RoutingSolution s) =>
            string.Join(" | ", s.Routes.Select(r => r.VehicleId + ":" + string.Join(",", RoutingTestKit.StopIds(r)))) + " / " +
            string.Join(",", s.Unassigned.Select(u => u.Id));
    }

    [Property(MaxTest = 25, Replay = "(4401,3)")]
    public void A_warm_start_never_returns_a_worse_solution_than_its_start(NonNegativeInt seed)
    {
        var problem = SearchProblems.Random(seed.Get + 1000, out _);
        var start = SolveChecked(problem, Iterations(3, seed.Get));
        var warm = Iterations(2, seed.Get + 7, options: SearchOptions.WarmStart(start));
        var result = SolveChecked(problem, warm);
        Assert.True(RoutingSolution.Compare(result, start, problem.Objective) <= 0,
            $"start {start.Cost.Total} ({start.UnservedMandatoryCount} unserved), result {result.Cost.Total} ({result.UnservedMandatoryCount} unserved)");
    }

    [Fact]
    public void A_warm_start_from_one_vehicle_per_customer_improves_on_it()
    {
        var problem = SearchProblems.Cvrp(21, customers: 12, capacity: 40, vehicles: 12);
        var plans = Enumerable.Range(0, 12).Select(j => new RoutePlan(j, [Visit.Job(j)])).ToList();
        var start = SolutionFactory.Create(problem, plans);
        Assert.True(SolutionChecker.Check(problem, start).IsValid);
        var result = SolveChecked(problem, Iterations(30, options: new SearchOptions { InitialRoutes = [.. plans] }));
        Assert.True(result.Cost.Total < 0.8 * start.Cost.Total, $"start {start.Cost.Total}, result {result.Cost.Total}");
    }

    [Fact]
    public void A_cancelled_token_returns_a_valid_solution_with_status_cancelled()
    {
        var problem = SearchProblems.Cvrp(31, customers: 30, capacity: 30, vehicles: 10);
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        var result = new SearchSolver().Solve(problem, new SolveOptions { TimeLimit = TimeSpan.FromSeconds(30) }, null, cancellation.Token);
        Assert.Equal(SolveStatus.Cancelled, result.Status);
        Assert.True(SolutionChecker.Check(problem, result.Solution).IsValid);
    }

    [Fact]
    public void Cancelling_after_the_first_improvement_returns_the_best_solution_found_so_far()
    {
        var problem = SearchProblems.Cvrp(32, customers: 60, capacity: 40, vehicles: 20);
        using var cancellation = new CancellationTokenSource();
        var reports = new List<SolveProgress>();
        var progress = new SynchronousProgress(report =>
        {
            reports.Add(report);
            cancellation.Cancel();
        });
        var result = new SearchSolver().Solve(problem, new SolveOptions { TimeLimit = TimeSpan.FromSeconds(60) }, progress, cancellation.Token);
        Assert.Equal(SolveStatus.Cancelled, result.Status);
        Assert.True(SolutionChecker.Check(problem, result.Solution).IsValid);
        Assert.NotEmpty(reports);
        Assert.Equal(reports[^1].BestCost, result.Solution.Cost.Total, 6);
        Assert.Equal(0, result.Solution.UnservedMandatoryCount);
    }

    [Fact]
    public void Progress_reports_are_strictly_improving_and_match_the_result()
    {
        var problem = SearchProblems.Cvrp(33, customers: 50, capacity: 35, vehicles: 15);
        var reports = new List<SolveProgress>();
        var result = new SearchSolver().Solve(problem, Iterations(200), new SynchronousProgress(reports.Add));
        Assert.NotEmpty(reports);
        Assert.Equal(reports, result.Improvements);
        for (int i = 1; i < reports.Count; i++)
        {
            Assert.True(reports[i].BestCost < reports[i - 1].BestCost);
            Assert.True(reports[i].Elapsed >= reports[i - 1].Elapsed);
        }

        Assert.Equal(reports[^1].BestCost, result.Solution.Cost.Total, 6);
    }

    [Fact]
    public void Several_time_windows_and_breaks_are_scheduled_as_the_factory_does()
    {
        // The first window of the far job is out of reach; its second window is met after the break, taken on the road.
        var builder = RoutingTestKit.Plane((0, 0), (100, 0), (200, 0), (0, 100));
        builder.AddJob(new Job("two-windows", 2) { TimeWindows = [new TimeWindow(0, 150), new TimeWindow(400, 500)], ServiceSeconds = 10 });
        builder.AddJob(new Job("near", 1) { TimeWindows = [new TimeWindow(0, 120)] });
        builder.AddJob(new Job("other", 3) { TimeWindows = [new TimeWindow(50, 60), new TimeWindow(700, 900)] });
        builder.AddVehicle(new Vehicle("v", 0, 0)
        {
            Shift = new TimeWindow(0, 1200),
            Breaks = [new Break("lunch", [new TimeWindow(150, 300)], 30)],
            CostPerHour = 100,
        });
        var problem = builder.Build();
        Assert.Empty(SearchSolver.UnsupportedFeatures(problem));
        var result = new SearchSolver().Solve(problem, Iterations(30));
        var solution = result.Solution;
        Assert.True(SolutionChecker.Check(problem, solution).IsValid, SolutionChecker.Check(problem, solution).ToString());
        Assert.Empty(solution.Unassigned);
        Assert.Contains(solution.Routes.Single().Steps, s => s.Kind == StepKind.Break);

        // Visit-by-visit schedules never underestimate: the factory may delay the start further than the search assumed.
        Assert.True(result.Improvements[^1].BestCost >= solution.Cost.Total - 1e-6);
    }

    [Fact]
    public void An_optional_job_is_left_out_only_when_its_penalty_is_below_its_cost()
    {
        // Serving the far job costs 0.58 (580 m more at the default 1 per km).
        foreach (var (penalty, served) in new[] { (0.5, false), (0.7, true) })
        {
            var builder = RoutingTestKit.Plane((0, 0), (10, 0), (300, 0));
            builder.AddJob(new Job("near", 1));
            builder.AddJob(new Job("far", 2) { Penalty = penalty });
            builder.AddVehicle(new Vehicle("v", 0, 0));
            var problem = builder.Build();
            var solution = SolveChecked(problem, Iterations(20));
            Assert.Equal(served, solution.Unassigned.All(u => u.Id != "far"));
            Assert.DoesNotContain(solution.Unassigned, u => u.Id == "near");
            if (!served)
            {
                Assert.Equal(UnassignedReason.PenaltyCheaperThanService, solution.Unassigned.Single().Reason);
            }
        }
    }

    [Fact]
    public void Vehicles_first_uses_fewer_vehicles_even_when_that_costs_more()
    {
        // One vehicle can serve both jobs, but must wait for the late window; two vehicles avoid the waiting.
        foreach (var (objective, vehicles) in new[] { (Objective.MinimizeCost, 2), (Objective.MinimizeVehiclesFirst, 1) })
        {
            var builder = RoutingTestKit.Plane((0, 0), (10, 0), (20, 0));
            builder.Objective = objective;
            builder.AddJob(new Job("early", 1) { TimeWindows = [new TimeWindow(0, 50)] });
            builder.AddJob(new Job("late", 2) { TimeWindows = [new TimeWindow(1000, 1100)] });
            for (int v = 0; v < 2; v++)
            {
                builder.AddVehicle(new Vehicle($"v{v}", 0, 0) { Shift = new TimeWindow(0, 2000), CostPerKm = 0, CostPerHour = 3600 });
            }

            var solution = SolveChecked(builder.Build(), Iterations(30));
            Assert.Equal(vehicles, solution.VehiclesUsed);
            Assert.Equal(0, solution.UnservedMandatoryCount);
        }
    }

    [Fact]
    public void Shipments_keep_pickup_before_delivery_on_one_route()
    {
        var builder = RoutingTestKit.Plane((0, 0), (50, 0), (0, 50), (50, 50), (100, 0), (0, 100));
        builder.SetDimensions("parcels");
        builder.AddShipment(new Shipment("s1", new ShipmentStop(1), new ShipmentStop(2)) { Amount = [3] });
        builder.AddShipment(new Shipment("s2", new ShipmentStop(3), new ShipmentStop(4)) { Amount = [3] });
        builder.AddShipment(new Shipment("s3", new ShipmentStop(5), new ShipmentStop(1)) { Amount = [3] });
        builder.AddVehicle(new Vehicle("v1", 0, 0) { Capacity = [4] });
        builder.AddVehicle(new Vehicle("v2", 0, 0) { Capacity = [4] });
        var solution = SolveChecked(builder.Build(), Iterations(60));
        Assert.Empty(solution.Unassigned);
    }

    [Fact]
    public void Mandatory_jobs_that_do_not_all_fit_are_reported_and_the_rest_is_served()
    {
        // Three jobs of 6 for one vehicle of capacity 10: one fits; lower priority jobs are left out first.
        var builder = RoutingTestKit.Plane((0, 0), (10, 0), (20, 0), (30, 0));
        builder.SetDimensions("kg");
        builder.AddJob(new Job("a", 1) { Delivery = [6], Priority = 0 });
        builder.AddJob(new Job("b", 2) { Delivery = [6], Priority = 50 });
        builder.AddJob(new Job("c", 3) { Delivery = [6], Priority = 0 });
        builder.AddVehicle(new Vehicle("v", 0, 0) { Capacity = [10] });
        var solution = SolveChecked(builder.Build(), Iterations(30));
        Assert.Equal(2, solution.UnservedMandatoryCount);
        Assert.Equal(["b"], RoutingTestKit.StopIds(solution.Routes.Single()));
        Assert.All(solution.Unassigned, u => Assert.Equal(UnassignedReason.NoRoomFound, u.Reason));
    }

    [Fact]
    public void A_reached_target_cost_and_a_solution_count_stop_the_search()
    {
        var problem = SearchProblems.Cvrp(41, customers: 40, capacity: 30, vehicles: 12);
        var target = new SearchSolver().Solve(problem, new SolveOptions { TimeLimit = TimeSpan.FromSeconds(60), StopWhen = [new TargetCost(double.MaxValue)] });
        Assert.Single(target.Improvements);
        Assert.Equal(SolveStatus.Completed, target.Status);

        var few = new SearchSolver().Solve(problem, new SolveOptions { TimeLimit = TimeSpan.FromSeconds(60), StopWhen = [new MaxSolutions(3)] });
        var more = new SearchSolver().Solve(problem, new SolveOptions { TimeLimit = TimeSpan.FromSeconds(60), StopWhen = [new MaxSolutions(300)] });
        Assert.True(SolutionChecker.Check(problem, few.Solution).IsValid);
        Assert.True(more.Solution.Cost.Total <= few.Solution.Cost.Total);
    }

    [Fact]
    public void Problems_without_vehicles_or_without_tasks_give_valid_solutions()
    {
        var noVehicles = RoutingTestKit.Plane((0, 0), (10, 0));
        noVehicles.AddJob(new Job("j", 1));
        var problem = noVehicles.Build();
        var solution = SolveChecked(problem, Iterations(5));
        Assert.Equal(UnassignedReason.NoVehicleWithSkills, solution.Unassigned.Single().Reason);

        var noJobs = RoutingTestKit.Plane((0, 0));
        noJobs.AddVehicle(new Vehicle("v", 0, 0));
        var empty = SolveChecked(noJobs.Build(), Iterations(5));
        Assert.Empty(empty.Routes);
        Assert.Equal(0, empty.Cost.Total);
    }

    [Fact]
    public void Invalid_options_are_rejected_with_the_option_named()
    {
        var problem = SearchProblems.Cvrp(1, customers: 3, capacity: 10, vehicles: 2);
        var error = Assert.Throws<ArgumentException>(() => new SearchSolver().Solve(problem, Iterations(10, options: new SearchOptions { TargetFeasibleFraction = 2 })));
        Assert.Contains("TargetFeasibleFraction", error.Message, StringComparison.Ordinal);
        var badStart = new SearchOptions { InitialRoutes = [new RoutePlan(7, [Visit.Job(0)])] };
        error = Assert.Throws<ArgumentException>(() => new SearchSolver().Solve(problem, Iterations(10, options: badStart)));
        Assert.Contains("InitialRoutes[0].VehicleIndex", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SynchronousProgress(Action<SolveProgress> report) : IProgress<SolveProgress>
    {
        public void Report(SolveProgress value) => report(value);
    }
}
