using PostRoute.Engine.Routing;

namespace PostRoute.Engine.Tests.Routing;

public class SolutionSummaryTests
{
    /// <summary>
    /// Locations (Euclidean, 1 unit = 1 m = 1 s): p0 (0,0), p1 (0,300), p2 (400,300).
    /// v0 capacity [10, 4], fixed 5, 2 per km, 36 per hour, route p0 → j0@p1 → j1@p2 → p0 = 300 + 400 + 500 = 1200 m,
    /// 1200 s driving + 60 s service = 1260 s = 0.35 h; loads [6,1] → [0,0] → [2,3]; cost 5 + 2.4 + 12.6 = 20.
    /// v1 unlimited, default 1 per km, route p0 → j2@p2 → p0 = 1000 m, 1000 s, cost 1. j3 optional (penalty 7) unserved.
    /// </summary>
    [Fact]
    public void Summary_matches_hand_computed_figures()
    {
        var builder = RoutingTestKit.Plane((0, 0), (0, 300), (400, 300));
        builder.AddJob(new Job("j0", 1) { Delivery = [6, 1], ServiceSeconds = 60 });
        builder.AddJob(new Job("j1", 2) { Pickup = [2, 3] });
        builder.AddJob(new Job("j2", 2) { Delivery = [1, 0] });
        builder.AddJob(new Job("j3", 1) { Delivery = [1, 0], Penalty = 7 });
        builder.AddVehicle(new Vehicle("v0", 0, 0) { Capacity = [10, 4], FixedCost = 5, CostPerKm = 2, CostPerHour = 36 });
        builder.AddVehicle(new Vehicle("v1", 0, 0));
        var problem = builder.Build();
        var solution = SolutionFactory.Create(problem, [new RoutePlan(0, [Visit.Job(0), Visit.Job(1)]), new RoutePlan(1, [Visit.Job(2)])]);
        Assert.True(SolutionChecker.Check(problem, solution).IsValid);

        var summary = SolutionSummary.From(problem, solution);

        Assert.Equal(2, summary.Routes.Length);
        var r0 = summary.Routes[0];
        Assert.Equal(("v0", Vehicle.DefaultProfile, 2), (r0.VehicleId, r0.Profile, r0.Stops));
        Assert.Equal(1.2, r0.DistanceKm, 9);
        Assert.Equal(0.35, r0.DurationHours, 9);
        Assert.Equal(0, r0.StartSeconds, 9);
        Assert.Equal(1260, r0.EndSeconds, 9);
        Assert.Equal(75, r0.PeakLoadPercent, 9); // max(6/10, 3/4)
        Assert.Equal(20, r0.Cost, 9);

        var r1 = summary.Routes[1];
        Assert.Equal(("v1", 1), (r1.VehicleId, r1.Stops));
        Assert.Equal(1.0, r1.DistanceKm, 9);
        Assert.Equal(1000 / 3600.0, r1.DurationHours, 9);
        Assert.Equal(0, r1.PeakLoadPercent); // unlimited capacity
        Assert.Equal(1, r1.Cost, 9);

        Assert.Equal(3, summary.ServedTasks);
        Assert.Equal("j3", Assert.Single(summary.Unassigned).Id);
        Assert.Equal(2.2, summary.TotalDistanceKm, 9);
        Assert.Equal(2260 / 3600.0, summary.TotalDurationHours, 9);
        Assert.Equal(28, summary.TotalCost, 9);
    }

    [Fact]
    public void Empty_solution_has_no_routes_and_every_task_unassigned()
    {
        var builder = RoutingTestKit.Plane((0, 0), (10, 0));
        builder.AddJob(new Job("j0", 1) { Penalty = 4 });
        builder.AddVehicle(new Vehicle("v0", 0, 0));
        var problem = builder.Build();

        var summary = SolutionSummary.From(problem, SolutionFactory.Empty(problem));

        Assert.Empty(summary.Routes);
        Assert.Equal(0, summary.ServedTasks);
        Assert.Single(summary.Unassigned);
        Assert.Equal(0, summary.TotalDistanceKm);
        Assert.Equal(4, summary.TotalCost, 9);
    }
}
