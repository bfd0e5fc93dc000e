using PostRoute.Engine.Routing;
using static PostRoute.Engine.Tests.Routing.RoutingTestKit;

namespace PostRoute.Engine.Tests.Routing;

/// <summary>
/// Several time windows become alternative model nodes in OR-Tools (several break windows alternative intervals);
/// the pair constraints of shipments must hold whichever alternatives are used.
/// </summary>
public class OrToolsSeveralWindowsTests
{
    private const double Tol = 1e-6;

    [Fact]
    public void A_shipment_with_several_windows_on_both_ends_is_delivered_after_its_pickup()
    {
        // Pickup at 10 from [100, 110] or [300, 310]; delivery at 20 in [0, 50] or [250, 260]. The early delivery
        // window comes before any pickup, so only pickup in [100, 110] (or [300, 310] is too late for [250, 260])
        // then delivery in [250, 260] works.
        var b = Plane((0, 0), (10, 0), (20, 0));
        b.AddShipment(new Shipment("s",
            new ShipmentStop(1) { TimeWindows = [new(100, 110), new(300, 310)], ServiceSeconds = 5 },
            new ShipmentStop(2) { TimeWindows = [new(0, 50), new(250, 260)], ServiceSeconds = 5 }) { Amount = [1] });
        b.AddVehicle(new Vehicle("v", 0, 0) { Capacity = [1], Shift = new(0, 1000) });

        var solution = SolveChecked(b.Build());

        Assert.Empty(solution.Unassigned);
        var steps = Assert.Single(solution.Routes).Steps;
        var pickup = steps.Single(s => s.Kind == StepKind.Pickup);
        var delivery = steps.Single(s => s.Kind == StepKind.Delivery);
        Assert.InRange(pickup.ServiceStartSeconds, 100 - Tol, 110 + Tol);
        Assert.InRange(delivery.ServiceStartSeconds, 250 - Tol, 260 + Tol);
    }

    [Fact]
    public void A_shipment_whose_only_delivery_window_after_the_pickup_is_out_of_reach_is_left_out_with_a_reason()
    {
        // Pickup from 100 at the earliest (+5 service, +10 travel): the delivery cannot start before 115, after
        // [0, 50] and [110, 112]. Without the pair's ordering, the early delivery window would do.
        var b = Plane((0, 0), (10, 0), (20, 0));
        b.AddShipment(new Shipment("s",
            new ShipmentStop(1) { TimeWindows = [new(100, 110), new(300, 310)], ServiceSeconds = 5 },
            new ShipmentStop(2) { TimeWindows = [new(0, 50), new(110, 112)] }) { Amount = [1] });
        b.AddJob(new Job("j", 1) { Delivery = [1] });
        b.AddVehicle(new Vehicle("v", 0, 0) { Capacity = [1], Shift = new(0, 1000) });

        var solution = SolveChecked(b.Build());

        var left = Assert.Single(solution.Unassigned);
        Assert.Equal("s", left.Id);
        Assert.False(string.IsNullOrWhiteSpace(left.Explanation));
        Assert.Equal(["j"], StopIds(Assert.Single(solution.Routes)));
    }

    [Fact]
    public void Two_shipments_with_split_windows_share_a_vehicle_of_capacity_one()
    {
        // Capacity 1 forces pickup, delivery, pickup, delivery; the windows force s1 in the morning, s2 later.
        var b = Plane((0, 0), (10, 0), (20, 0), (10, 10), (20, 10));
        TimeWindow[] morning = [new(0, 100), new(1000, 1100)];
        TimeWindow[] afternoon = [new(400, 500), new(1500, 1600)];
        b.AddShipment(new Shipment("s1", new ShipmentStop(1) { TimeWindows = [.. morning] }, new ShipmentStop(2) { TimeWindows = [.. morning] }) { Amount = [1] });
        b.AddShipment(new Shipment("s2", new ShipmentStop(3) { TimeWindows = [.. afternoon] }, new ShipmentStop(4) { TimeWindows = [.. afternoon] }) { Amount = [1] });
        b.AddVehicle(new Vehicle("v", 0, 0) { Capacity = [1], Shift = new(0, 2000) });

        var solution = SolveChecked(b.Build());

        Assert.Empty(solution.Unassigned);
        var ids = Assert.Single(solution.Routes).Steps.Where(s => s.Kind is StepKind.Pickup or StepKind.Delivery)
            .Select(s => $"{s.Kind}:{s.Id}").ToArray();
        Assert.Equal(["Pickup:s1", "Delivery:s1", "Pickup:s2", "Delivery:s2"], ids);
    }

    [Fact]
    public void A_break_with_several_windows_is_taken_once_in_a_usable_window()
    {
        // The shift starts at 15, so the coffee break's first window [0, 5] cannot be used: it starts in [50, 60].
        // The lunch (second break, one window) starts in [100, 200]; the job at 300 keeps the route going past it.
        var b = Plane((0, 0), (10, 0));
        b.AddJob(new Job("early", 1) { TimeWindows = [new(25, 30)], ServiceSeconds = 5 });
        b.AddJob(new Job("late", 1) { TimeWindows = [new(300, 310)], ServiceSeconds = 5 });
        b.AddVehicle(new Vehicle("v", 0, 0)
        {
            Shift = new(15, 1000),
            Breaks = [new Break("coffee", [new(0, 5), new(50, 60)], 10), new Break("lunch", [new(100, 200)], 20)],
        });

        var solution = SolveChecked(b.Build());

        Assert.Empty(solution.Unassigned);
        var breaks = Assert.Single(solution.Routes).Steps.Where(s => s.Kind == StepKind.Break).ToList();
        Assert.Equal(["coffee", "lunch"], breaks.Select(s => s.Id).ToArray());
        Assert.InRange(breaks[0].ServiceStartSeconds, 50 - Tol, 60 + Tol);
        Assert.InRange(breaks[1].ServiceStartSeconds, 100 - Tol, 200 + Tol);
    }
}
