using PostRoute.Engine.Routing;
using static PostRoute.Engine.Tests.Routing.RoutingTestKit;

namespace PostRoute.Engine.Tests.Routing;

public class SolutionFactoryTests
{
    [Fact]
    public void Start_is_delayed_to_remove_waiting_without_ending_later()
    {
        // The job opens at 100 and is 10 s away: leaving at 90 instead of 0 removes 90 s of waiting.
        var b = Plane((0, 0), (10, 0));
        b.AddJob(new Job("j", 1) { TimeWindows = [new(100, 110)], ServiceSeconds = 5 });
        b.AddVehicle(new Vehicle("v", 0, 0) { CostPerHour = 3600 });
        var problem = b.Build();
        var solution = SolutionFactory.Create(problem, [new RoutePlan(0, [Visit.Job(0)])]);

        var route = solution.Routes[0];
        Assert.Equal(90, route.StartSeconds, 9);
        Assert.Equal(115, route.EndSeconds, 9);
        Assert.Equal(25, route.DurationSeconds, 9);
        Assert.Equal(0, route.WaitingSeconds, 9);
        Assert.Equal(25, route.TimeCost, 9);
        Assert.True(SolutionChecker.Check(problem, solution).IsValid);
    }

    [Fact]
    public void Start_is_delayed_only_as_far_as_the_end_allows()
    {
        // 'a' is open all day, 'b' only in [50, 60]: leaving at 0 would wait 30 s at 'b'.
        var b = Plane((0, 0), (10, 0), (20, 0));
        b.AddJob(new Job("a", 1) { TimeWindows = [new(0, 1000)] });
        b.AddJob(new Job("b", 2) { TimeWindows = [new(50, 60)] });
        b.AddVehicle(new Vehicle("v", 0, 0));
        var problem = b.Build();
        var route = SolutionFactory.Create(problem, [new RoutePlan(0, [Visit.Job(0), Visit.Job(1)])]).Routes[0];

        // Leaving at 30 reaches 'b' exactly at 50; any later start would only end later.
        Assert.Equal(30, route.StartSeconds, 6);
        Assert.Equal(50, route.Steps[2].ServiceStartSeconds, 6);
        Assert.Equal(0, route.WaitingSeconds, 6);
    }

    [Fact]
    public void Missing_breaks_are_placed_when_their_window_has_opened()
    {
        var b = Plane((0, 0), (100, 0), (200, 0), (300, 0));
        for (int i = 1; i <= 3; i++)
        {
            b.AddJob(new Job($"j{i}", i));
        }

        b.AddVehicle(new Vehicle("v", 0, 0) { Breaks = [new Break("rest", [new(150, 400)], 30)] });
        var problem = b.Build();
        var solution = SolutionFactory.Create(problem, [new RoutePlan(0, [Visit.Job(0), Visit.Job(1), Visit.Job(2)])]);

        var kinds = solution.Routes[0].Steps.Select(s => s.Kind).ToArray();
        Assert.Equal([StepKind.Start, StepKind.Job, StepKind.Break, StepKind.Job, StepKind.Job, StepKind.End], kinds);
        Assert.Equal(150, solution.Routes[0].Steps[2].ServiceStartSeconds, 9); // on the road, 50 m after j1
        Assert.True(SolutionChecker.Check(problem, solution).IsValid);
    }

    [Fact]
    public void Plans_without_stops_leave_the_vehicle_unused_and_tasks_unassigned()
    {
        var b = Plane((0, 0), (10, 0));
        b.AddJob(new Job("j", 1) { Penalty = 7 });
        b.AddVehicle(new Vehicle("v", 0, 0) { FixedCost = 100, Breaks = [new Break("rest", [], 10)] });
        var problem = b.Build();
        var solution = SolutionFactory.Create(problem, [new RoutePlan(0, [Visit.Break(0)])]);

        Assert.Empty(solution.Routes);
        Assert.Equal(UnassignedReason.PenaltyCheaperThanService, Assert.Single(solution.Unassigned).Reason);
        Assert.Equal(7, solution.Cost.Total, 9);
        Assert.True(SolutionChecker.Check(problem, solution).IsValid);
    }

    [Fact]
    public void Structurally_impossible_plans_are_rejected()
    {
        var b = Plane((0, 0), (10, 0));
        b.AddJob(new Job("j", 1));
        b.AddVehicle(new Vehicle("v", 0, 0));
        var problem = b.Build();
        Assert.Throws<ArgumentException>(() => SolutionFactory.Create(problem, [new RoutePlan(3, [Visit.Job(0)])]));
        Assert.Throws<ArgumentException>(() => SolutionFactory.Create(problem, [new RoutePlan(0, [Visit.Job(5)])]));
        Assert.Throws<ArgumentException>(() => SolutionFactory.Create(problem, [new RoutePlan(0, [new Visit(StepKind.End, 0)])]));
        Assert.Throws<ArgumentException>(() => SolutionFactory.Create(problem, [new RoutePlan(0, [Visit.Job(0)]), new RoutePlan(0, [])]));
    }
}
