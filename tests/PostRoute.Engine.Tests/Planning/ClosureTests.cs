using PostRoute.Engine.Network;
using PostRoute.Engine.Planning;
using PostRoute.Engine.Routing;
using PostRoute.Engine.Routing.Solvers.OrTools;
using PostRoute.Engine.Routing.Solvers.Search;

namespace PostRoute.Engine.Tests.Planning;

public class ClosureTests
{
    private static Dictionary<string, double> Both(double truck, double moto) => new() { [Profiles.Truck] = truck, [Profiles.Motorbike] = moto };

    private static Dictionary<string, double> Moto(double moto) => new() { [Profiles.Motorbike] = moto };

    /// <summary>
    /// Hub H; office D of district d1; communes A (service point) and B (commune node) in d1, and E in d2 whose
    /// district has no office. H–D trunk (truck 100 / moto 80), D–A 50, A–B 40, D–B 200 (a detour), H–E 30, and a slow
    /// track H–A 500 (motorbike only).
    /// </summary>
    private static PostalNetwork Network() =>
        new NetworkBuilder("closure").AddProfile(Profiles.Truck).AddProfile(Profiles.Motorbike)
            .AddNode(new Node("H", NodeKind.ProvincialHub, "", new GeoPoint(13, 109), null, "d0"))
            .AddNode(new Node("D", NodeKind.DistrictOffice, "", new GeoPoint(13.1, 109), null, "d1"))
            .AddNode(new Node("A", NodeKind.CommuneServicePoint, "", new GeoPoint(13.2, 109), "a", "d1"))
            .AddNode(new Node("B", NodeKind.Commune, "", new GeoPoint(13.3, 109), "b", "d1"))
            .AddNode(new Node("E", NodeKind.Commune, "", new GeoPoint(12.9, 109), "e", "d2"))
            .AddLink(new Link("HD", "H", "D", 1000, Both(100, 80), RoadClass.Trunk))
            .AddLink(new Link("DA", "D", "A", 500, Moto(50)))
            .AddLink(new Link("AB", "A", "B", 400, Moto(40)))
            .AddLink(new Link("DB", "D", "B", 2000, Moto(200)))
            .AddLink(new Link("HE", "H", "E", 300, Moto(30)))
            .AddLink(new Link("HA", "H", "A", 5000, Moto(500), RoadClass.Track))
            .AddCommune(new Commune("a", "A", CommuneType.Xa, "d1", "d1"))
            .AddCommune(new Commune("b", "B", CommuneType.Xa, "d1", "d1"))
            .AddCommune(new Commune("e", "E", CommuneType.Xa, "d2", "d2"))
            .AddCommune(new Commune("z", "Z", CommuneType.Xa, "d1", "d1"))
            .Build();

    [Fact]
    public void Closing_the_trunk_cuts_the_office_off_from_the_hub_by_truck_and_reroutes_motorbikes()
    {
        var impact = Closures.Analyse(Network(), ["HD"]);
        Assert.Equal(["D"], impact.OfficesCutOffFromHub.ToArray());
        Assert.Empty(impact.CutOffFromOffice);
        Assert.Empty(impact.CutOffFromHub); // the motorbike track H–A still reaches everything
        var a = impact.Communes.Single(c => c.Code == "a");
        Assert.Equal("D", a.OfficeId);
        Assert.Equal(50, a.OfficeSecondsBefore);
        Assert.Equal(50, a.OfficeSecondsAfter);
        Assert.Equal(130, a.HubSecondsBefore); // H–D–A 80 + 50
        Assert.Equal(500, a.HubSecondsAfter); // the track
        Assert.Equal(370, a.ExtraHubSeconds);
        var b = impact.Communes.Single(c => c.Code == "b");
        Assert.Equal(170, b.HubSecondsBefore);
        Assert.Equal(540, b.HubSecondsAfter);
        var e = impact.Communes.Single(c => c.Code == "e");
        Assert.Null(e.OfficeId); // district d2 has no office
        Assert.Null(e.OfficeSecondsBefore);
        Assert.Equal(0, e.ExtraHubSeconds);
        Assert.Equal(["z"], impact.UnlocatedCodes.ToArray());
    }

    [Fact]
    public void Closing_both_roads_into_a_commune_cuts_it_off_from_office_and_hub()
    {
        var network = Network();
        var impact = Closures.Analyse(network, ["AB", "DB"]);
        Assert.Equal(["b"], impact.CutOffFromOffice.ToArray());
        Assert.Equal(["b"], impact.CutOffFromHub.ToArray());
        Assert.Empty(impact.OfficesCutOffFromHub);
        var b = impact.Communes.Single(c => c.Code == "b");
        Assert.Equal(90, b.OfficeSecondsBefore);
        Assert.Null(b.OfficeSecondsAfter);
        Assert.True(b.CutOffFromOffice);
        Assert.Equal(2, impact.After.ClosedLinkCount);
        Assert.Equal(0, network.ClosedLinkCount); // the given version is untouched

        // Already unreachable before: closing more is no new cut-off.
        var again = Closures.Analyse(impact.After, ["HE"]);
        Assert.Equal(["e"], again.CutOffFromHub.ToArray());
        Assert.False(again.Communes.Single(c => c.Code == "b").CutOffFromOffice);
    }

    [Fact]
    public void Unknown_link_ids_are_named()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => Closures.Analyse(Network(), ["nope"]));
        Assert.Contains("nope", e.Message);
    }

    // ---- Re-plan ----

    /// <summary>
    /// Two motorbikes from the hub H: "north" (skill n) serves jobs at A and B, "south" (skill s) serves jobs at E
    /// then F (time windows fix the order). Closing A–B sends the north bike round by D–B; closing D–B too cuts B off.
    /// </summary>
    private static RoutingProblem Problem(PostalNetwork network)
    {
        var b = new ProblemBuilder("mail");
        int hub = b.AddLocation(new Location("H") { NodeId = "H" });
        int Loc(string node) => b.AddLocation(new Location("at-" + node) { NodeId = node });
        b.AddJob(new Job("job-a", Loc("A")) { Skills = ["n"] });
        b.AddJob(new Job("job-b", Loc("B")) { Skills = ["n"] });
        b.AddJob(new Job("job-e", Loc("E")) { Skills = ["s"], TimeWindows = [new TimeWindow(0, 100)] });
        b.AddJob(new Job("job-f", Loc("F")) { Skills = ["s"], TimeWindows = [new TimeWindow(200, 10_000)] });
        b.SetTravel(new NetworkTravel(network, Profiles.Motorbike), "bike");
        b.AddVehicle(new Vehicle("north", hub, hub) { Profile = "bike", Skills = ["n"] });
        b.AddVehicle(new Vehicle("south", hub, hub) { Profile = "bike", Skills = ["s"] });
        return b.Build();
    }

    private static PostalNetwork RouteNetwork() =>
        new NetworkBuilder("routes").AddProfile(Profiles.Motorbike)
            .AddNode(new Node("H", NodeKind.ProvincialHub, "", new GeoPoint(13, 109)))
            .AddNode(new Node("D", NodeKind.DistrictOffice, "", new GeoPoint(13.1, 109), null, "d1"))
            .AddNode(new Node("A", NodeKind.Commune, "", new GeoPoint(13.2, 109), "a", "d1"))
            .AddNode(new Node("B", NodeKind.Commune, "", new GeoPoint(13.3, 109), "b", "d1"))
            .AddNode(new Node("E", NodeKind.Commune, "", new GeoPoint(12.9, 109), "e", "d1"))
            .AddNode(new Node("F", NodeKind.Commune, "", new GeoPoint(12.8, 109), "f", "d1"))
            .AddLink(new Link("HD", "H", "D", 1000, Moto(80)))
            .AddLink(new Link("DA", "D", "A", 500, Moto(50)))
            .AddLink(new Link("AB", "A", "B", 400, Moto(40)))
            .AddLink(new Link("DB", "D", "B", 2000, Moto(200)))
            .AddLink(new Link("HE", "H", "E", 300, Moto(30)))
            .AddLink(new Link("EF", "E", "F", 300, Moto(30)))
            .Build();

    private static SolveOptions Options() => new()
    {
        TimeLimit = TimeSpan.FromSeconds(1),
        SolverOptions = [new SearchOptions { MaxIterations = 200 }],
    };

    [Fact]
    public void Replan_after_a_closure_keeps_untouched_routes_and_reports_the_cost_difference()
    {
        var network = RouteNetwork();
        var solver = new SearchSolver();
        var before = solver.Solve(Problem(network), Options()).Solution;
        Assert.True(SolutionChecker.Check(Problem(network), before).IsValid);
        Assert.Empty(before.Unassigned);

        var newProblem = Problem(network.WithLinksClosed("AB"));
        var replan = Closures.Replan(newProblem, before, solver, Options());
        var check = SolutionChecker.Check(newProblem, replan.Solution);
        Assert.True(check.IsValid, check.ToString());
        Assert.Empty(replan.NewlyUnassigned);
        Assert.Empty(replan.DroppedFromPlan);

        var south = replan.Routes.Single(r => r.VehicleId == "south");
        Assert.False(south.Changed);
        Assert.Equal(["job-e", "job-f"], south.StopsAfter.ToArray());
        Assert.Equal(replan.Solution.Cost.Total - before.Cost.Total, replan.CostDifference, 9);
        Assert.Equal(replan.Solution.DistanceMetres - before.DistanceMetres, replan.DistanceDifferenceMetres, 9);
        Assert.Equal(replan.Solution.DurationSeconds - before.DurationSeconds, replan.DurationDifferenceSeconds, 9);
        Assert.True(replan.DistanceDifferenceMetres > 0, "the north bike now goes round by D–B");
    }

    [Fact]
    public void Replan_with_or_tools_warm_starts_from_the_previous_plan_and_keeps_the_untouched_route()
    {
        var network = RouteNetwork();
        var before = new SearchSolver().Solve(Problem(network), Options()).Solution;
        var newProblem = Problem(network.WithLinksClosed("AB"));
        var solver = new OrToolsSolver();
        var options = new SolveOptions
        {
            TimeLimit = TimeSpan.FromSeconds(0.5),
            StopWhen = [new MaxSolutions(20)],
            SolverOptions = [new OrToolsOptions { Metaheuristic = Metaheuristic.GreedyDescent }],
        };

        var replan = Closures.Replan(newProblem, before, solver, options);

        Assert.Equal("ortools", replan.Solve.SolverName);
        var check = SolutionChecker.Check(newProblem, replan.Solve.Solution);
        Assert.True(check.IsValid, check.ToString());
        Assert.Empty(replan.NewlyUnassigned);
        var south = replan.Routes.Single(r => r.VehicleId == "south");
        Assert.False(south.Changed);
        Assert.Equal(["job-e", "job-f"], south.StopsAfter.ToArray());
        // The solver's own result, not only the repaired plan Replan may keep, holds the old routes.
        Assert.Equal(["job-e", "job-f"], SolverStops(replan.Solve.Solution, "south"));
    }

    private static string[] SolverStops(RoutingSolution solution, string vehicleId) =>
        [.. solution.Routes.Single(r => r.VehicleId == vehicleId).Steps.Where(s => s.Kind == StepKind.Job).Select(s => s.Id)];

    [Fact]
    public void Replan_passes_the_solvers_progress_on()
    {
        var network = RouteNetwork();
        var solver = new SearchSolver();
        var before = solver.Solve(Problem(network), Options()).Solution;
        var reports = new List<SolveProgress>();

        var replan = Closures.Replan(Problem(network.WithLinksClosed("AB")), before, solver, Options(),
            new SynchronousProgress(reports.Add));

        Assert.NotEmpty(reports);
        Assert.Equal(replan.Solve.Improvements.Length, reports.Count);
    }

    private sealed class SynchronousProgress(Action<SolveProgress> report) : IProgress<SolveProgress>
    {
        public void Report(SolveProgress value) => report(value);
    }

    [Fact]
    public void Replan_reports_stops_cut_off_by_the_closure_as_newly_unassigned()
    {
        var network = RouteNetwork();
        var solver = new SearchSolver();
        var before = solver.Solve(Problem(network), Options()).Solution;
        var newProblem = Problem(network.WithLinksClosed("AB", "DB"));
        var replan = Closures.Replan(newProblem, before, solver, Options());
        Assert.True(SolutionChecker.Check(newProblem, replan.Solution).IsValid);
        var lost = Assert.Single(replan.NewlyUnassigned);
        Assert.Equal("job-b", lost.Id);
        Assert.Equal(UnassignedReason.Unreachable, lost.Reason);
        var north = replan.Routes.Single(r => r.VehicleId == "north");
        Assert.True(north.Changed);
        Assert.Equal(["job-b"], north.Removed.ToArray());
        Assert.Empty(north.Added);
        Assert.False(north.Reordered);
        Assert.False(replan.Routes.Single(r => r.VehicleId == "south").Changed);
    }

    [Fact]
    public void Replan_matches_by_id_and_lists_stops_the_new_problem_lacks()
    {
        var network = RouteNetwork();
        var solver = new SearchSolver();
        var before = solver.Solve(Problem(network), Options()).Solution;

        // The new problem lacks job-f and has the vehicles in the other order.
        var b = new ProblemBuilder("mail");
        int hub = b.AddLocation(new Location("H") { NodeId = "H" });
        b.AddJob(new Job("job-e", b.AddLocation(new Location("at-E") { NodeId = "E" })) { Skills = ["s"] });
        b.AddJob(new Job("job-a", b.AddLocation(new Location("at-A") { NodeId = "A" })) { Skills = ["n"] });
        b.AddJob(new Job("job-b", b.AddLocation(new Location("at-B") { NodeId = "B" })) { Skills = ["n"] });
        b.SetTravel(new NetworkTravel(network, Profiles.Motorbike), "bike");
        b.AddVehicle(new Vehicle("south", hub, hub) { Profile = "bike", Skills = ["s"] });
        b.AddVehicle(new Vehicle("north", hub, hub) { Profile = "bike", Skills = ["n"] });
        var newProblem = b.Build();

        var replan = Closures.Replan(newProblem, before, solver, Options());
        Assert.True(SolutionChecker.Check(newProblem, replan.Solution).IsValid);
        Assert.Equal(["job-f"], replan.DroppedFromPlan.ToArray());
        Assert.Equal(["south", "north"], replan.Routes.Select(r => r.VehicleId).ToArray());
        Assert.Equal(["job-f"], replan.Routes[0].Removed.ToArray());
    }
}
