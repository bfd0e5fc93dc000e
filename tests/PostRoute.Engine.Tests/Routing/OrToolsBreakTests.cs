using PostRoute.Engine.Routing;
using PostRoute.Engine.Routing.Solvers.OrTools;
using static PostRoute.Engine.Tests.Routing.RoutingTestKit;

namespace PostRoute.Engine.Tests.Routing;

/// <summary>
/// OR-Tools with vehicle breaks combined with per-hour costs, duration limits and time windows. These combinations
/// used to serve nothing: OR-Tools' span reasoning assumes a break may fall outside its route, so with a span cost or
/// bound it searched the route's span one millisecond at a time. Expected values are known by construction.
/// </summary>
public class OrToolsBreakTests
{
    private const double Tol = 1e-6;

    // Tiny instances: the search stops once it stops improving.
    private static readonly SolveOptions Options = new() { TimeLimit = TimeSpan.FromSeconds(1), StopWhen = [new NoImprovementFor(TimeSpan.FromMilliseconds(200))] };

    [Theory]
    [InlineData(1)]
    [InlineData(3600)] // VROOM's default per_hour
    public void Break_with_a_per_hour_cost_serves_every_job(double costPerHour)
    {
        // Three jobs on a line: the shortest tour is out and back (60 m = 60 s), the half-hour break adds 1800 s, and
        // nothing has to wait, so the route lasts 1860 s.
        var b = Plane((0, 0), (10, 0), (20, 0), (30, 0));
        for (int i = 1; i <= 3; i++)
        {
            b.AddJob(new Job($"j{i}", i));
        }

        b.AddVehicle(new Vehicle("v", 0, 0) { CostPerHour = costPerHour, Breaks = [new Break("rest", [new(0, 100000)], 1800)] });
        var solution = SolveChecked(b.Build(), Options);

        Assert.Empty(solution.Unassigned);
        var route = Assert.Single(solution.Routes);
        Assert.Single(route.Steps, s => s.Kind == StepKind.Break);
        Assert.Equal(60, route.DistanceMetres, Tol);
        Assert.Equal(1860, route.DurationSeconds, Tol);
        Assert.Equal((60 * 1.0 / 1000) + (costPerHour * 1860 / 3600), solution.Cost.Total, Tol);
    }

    [Fact]
    public void Break_with_a_per_hour_cost_and_time_windows_sits_where_the_windows_leave_room()
    {
        // The job at 10 must be served by 40 and the jobs at 20 and 30 from 800; the 10-minute lunch must start
        // between 50 and 150. So the order is forced: x10, lunch, then the other two.
        var b = Plane((0, 0), (10, 0), (20, 0), (30, 0));
        b.AddJob(new Job("x10", 1) { TimeWindows = [new(10, 40)] });
        b.AddJob(new Job("x20", 2) { TimeWindows = [new(800, 860)] });
        b.AddJob(new Job("x30", 3) { TimeWindows = [new(810, 870)] });
        b.AddVehicle(new Vehicle("v", 0, 0) { CostPerHour = 3600, Breaks = [new Break("lunch", [new(50, 150)], 600)] });
        var solution = SolveChecked(b.Build(), Options);

        Assert.Empty(solution.Unassigned);
        var route = Assert.Single(solution.Routes);
        string[] kinds = [.. route.Steps.Where(s => s.Kind != StepKind.Start && s.Kind != StepKind.End).Select(s => s.Kind == StepKind.Break ? "break" : s.Id)];
        Assert.Equal(["x10", "break"], kinds[..2]);
        Assert.Equal(["x20", "x30"], kinds[2..].Order().ToArray());
    }

    [Fact]
    public void Several_vehicles_with_breaks_and_per_hour_costs_all_take_their_breaks()
    {
        // Six jobs, three vehicles of capacity two: every vehicle is needed, and each takes its own lunch.
        var b = Plane((0, 0), (10, 0), (10, 5), (-10, 0), (-10, 5), (0, 10), (5, 10));
        for (int i = 1; i <= 6; i++)
        {
            b.AddJob(new Job($"j{i}", i) { Delivery = [1], ServiceSeconds = 30 });
        }

        for (int v = 0; v < 3; v++)
        {
            b.AddVehicle(new Vehicle($"v{v}", 0, 0)
            {
                Capacity = [2], CostPerHour = 3600, CostPerKm = 1000, MaxDurationSeconds = 2000,
                Breaks = [new Break("lunch", [new(100 + (50 * v), 200 + (50 * v))], 1200)],
            });
        }

        var solution = SolveChecked(b.Build(), Options);

        Assert.Empty(solution.Unassigned);
        Assert.Equal(3, solution.VehiclesUsed);
        Assert.All(solution.Routes, r => Assert.Single(r.Steps, s => s.Kind == StepKind.Break));
    }

    [Fact]
    public void A_day_of_deliveries_with_lunch_breaks_and_default_vroom_costs_is_served()
    {
        // 24 parcels, 4 vans of 6: every van is needed. A leg is at most √2·200 units = 2829 s, so any 6 parcels make
        // 7 legs (5.5 h) + 30 min of service + the lunch = 6.5 h, within the 11 h shift and the parcels' 8:00–18:00
        // windows whatever the order: a solution serving everything exists. The search stops once it has one.
        var random = new Random(7);
        var b = new ProblemBuilder("day").SetDimensions("parcels");
        b.AddLocation("hub", 0, 0);
        b.SetTravel(CoordinateTravel.Euclidean(metresPerUnit: 100, speedMetresPerSecond: 10));
        for (int i = 0; i < 24; i++)
        {
            int location = b.AddLocation($"p{i}", random.Next(-100, 101), random.Next(-100, 101));
            b.AddJob(new Job($"j{i}", location) { Delivery = [1], ServiceSeconds = 300, TimeWindows = [new(8 * 3600, 18 * 3600)] });
        }

        for (int v = 0; v < 4; v++)
        {
            b.AddVehicle(new Vehicle($"van{v}", 0, 0)
            {
                Capacity = [6], CostPerHour = 3600, CostPerKm = 1, Shift = new(7 * 3600, 18 * 3600),
                Breaks = [new Break("lunch", [new(12 * 3600, 13 * 3600)], 1800)],
            });
        }

        var solution = SolveChecked(b.Build(), new SolveOptions { TimeLimit = TimeSpan.FromSeconds(1), StopWhen = [new TargetCost(double.MaxValue)] });

        Assert.Empty(solution.Unassigned);
        Assert.Equal(4, solution.VehiclesUsed);
        Assert.All(solution.Routes, r => Assert.Single(r.Steps, s => s.Kind == StepKind.Break));
    }

    [Theory]
    [InlineData(150, false)] // travel 91 s + service 20 s + break 100 s at 112 s cannot fit in 150 s
    [InlineData(215, true)]
    public void A_break_fixed_in_time_stays_inside_the_route(double maxDuration, bool fits)
    {
        // An open route ends at its last departure, but a break still has to be taken before the route ends: the
        // job (91 s away, 20 s of service) ends no earlier than 111 s and the break runs from 112 s to 212 s.
        var b = Plane((0, 0), (91, 0));
        b.AddJob(new Job("j", 1) { ServiceSeconds = 20 });
        b.AddVehicle(new Vehicle("v", 0, null) { MaxDurationSeconds = maxDuration, Breaks = [new Break("b", [new(112, 112)], 100)] });
        var solution = SolveChecked(b.Build(), Options);

        if (fits)
        {
            var route = Assert.Single(solution.Routes);
            Assert.Equal(212, route.EndSeconds, Tol);
        }
        else
        {
            // 91 + 20 + 100 s > 150 s even alone: provable from the data.
            Assert.Empty(solution.Routes);
            Assert.Equal(UnassignedReason.ExceedsRouteLimits, Assert.Single(solution.Unassigned).Reason);
        }
    }

    [Fact]
    public void A_vehicle_whose_break_window_is_narrower_than_the_time_unit_is_not_used()
    {
        // OR-Tools counts whole milliseconds: no millisecond lies in [100.0002, 100.0008], so v1 cannot take its break.
        var b = Plane((0, 0), (10, 0));
        b.AddJob(new Job("j", 1));
        b.AddVehicle(new Vehicle("v1", 0, 0) { FixedCost = 0, Breaks = [new Break("b", [new(100.0002, 100.0008)], 10)] });
        b.AddVehicle(new Vehicle("v2", 0, 0) { FixedCost = 1000 });
        var solution = SolveChecked(b.Build(), Options);

        Assert.Equal("v2", Assert.Single(solution.Routes).VehicleId);
    }
}
