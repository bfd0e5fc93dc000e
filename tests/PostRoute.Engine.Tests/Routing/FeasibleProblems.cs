using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using PostRoute.Engine.Routing;

namespace PostRoute.Engine.Tests.Routing;

/// <summary>Model features that <see cref="FeasibleProblems"/> switches on, in any combination.</summary>
[Flags]
public enum Features
{
    None = 0,
    Breaks = 1,
    HourlyCost = 2,
    FixedCost = 4,
    MaxDuration = 8,
    TimeWindows = 16,
    OpenRoutes = 32,
    Shipments = 64,
    All = 127,
}

/// <summary>A problem with a known feasible solution serving every task.</summary>
public sealed record FeasibleCase(int Seed, Features Features, RoutingProblem Problem, ImmutableArray<RoutePlan> Reference)
{
    public override string ToString() =>
        $"FeasibleProblems.Create({Seed}, {Features}): {Problem.Jobs.Length} jobs, {Problem.Shipments.Length} shipments, {Problem.Vehicles.Length} vehicles";
}

/// <summary>
/// Small random problems that have a feasible solution by construction: one vehicle per task, each serving its task
/// alone. Every limit (duration, shift end) is that reference route's value plus a little slack of at least one
/// second (so integer rounding inside a solver cannot matter), every break window is placed where the reference route
/// can take it, and every task is mandatory. A solver that leaves a task out of such a problem has missed room
/// that provably exists.
/// </summary>
public static class FeasibleProblems
{
    /// <summary>Any case: a seed and any combination of features.</summary>
    public static Arbitrary<FeasibleCase> Cases() =>
        Arb.From(Gen.Choose(1, 1_000_000).SelectMany(seed => Gen.Choose(0, (int)Features.All).Select(f => Create(seed, (Features)f))));

    private const double WideBreakEnd = 5000;

    private sealed record TaskSpec(bool Shipment, int Location, int DeliveryLocation, double Service, double DeliveryService, TimeWindow[] Windows, TimeWindow[] DeliveryWindows);

    public static FeasibleCase Create(int seed, Features features)
    {
        var random = new Random(seed);
        bool windows = features.HasFlag(Features.TimeWindows);
        var b = new ProblemBuilder($"feasible-{seed}");
        int depots = 1 + random.Next(2);
        for (int d = 0; d < depots; d++)
        {
            b.AddLocation($"depot{d}", random.Next(0, 101), random.Next(0, 101));
        }

        int Point() => b.AddLocation($"p{b.Locations.Count}", random.Next(0, 101), random.Next(0, 101));
        b.SetTravel(CoordinateTravel.Euclidean());

        // Travel is at most √2·100 < 150 s, so windows opening at 150 s or later are reached from any start at 0.
        TimeWindow[] Windows()
        {
            if (!windows)
            {
                return [];
            }

            double start = random.Next(150, 700);
            var first = new TimeWindow(start, start + random.Next(5, 200));
            return random.NextDouble() < 0.3 ? [first, new TimeWindow(first.End + random.Next(50, 300), first.End + 400)] : [first];
        }

        var tasks = new List<TaskSpec>();
        int taskCount = random.Next(1, 6);
        for (int t = 0; t < taskCount; t++)
        {
            bool shipment = features.HasFlag(Features.Shipments) && random.NextDouble() < 0.5;
            var pickupWindows = Windows();
            // A delivery is reached at most (longest pickup window end + service + travel) after its pickup opens.
            TimeWindow[] deliveryWindows = windows && shipment && random.NextDouble() < 0.5
                ? [new TimeWindow(pickupWindows[0].Start, pickupWindows[^1].End + 400)]
                : [];
            tasks.Add(new TaskSpec(shipment, Point(), shipment ? Point() : -1, random.Next(0, 31), random.Next(0, 31), pickupWindows, deliveryWindows));
        }

        // Vehicle settings drawn once, so that the problem can be rebuilt with limits taken from the reference routes.
        var vehicleDepot = tasks.Select(_ => random.Next(depots)).ToArray();
        var open = tasks.Select(_ => features.HasFlag(Features.OpenRoutes) && random.NextDouble() < 0.6).ToArray();
        var hourly = tasks.Select(_ => features.HasFlag(Features.HourlyCost) ? new[] { 1.0, 60, 3600 }[random.Next(3)] : 0).ToArray();
        var fixedCost = tasks.Select(_ => features.HasFlag(Features.FixedCost) ? random.Next(10, 101) : 0.0).ToArray();
        var perKm = tasks.Select(_ => random.NextDouble() < 0.5 ? 1000 : 1.0).ToArray();
        var breakDuration = tasks.Select(_ => (double)random.Next(10, 301)).ToArray();
        var breakKind = tasks.Select(_ => random.Next(3)).ToArray(); // 0 wide, 1 lunch after the task, 2 lunch before it
        var breakOffset = tasks.Select(_ => (double)random.Next(0, 101)).ToArray();
        var breakWidth = tasks.Select(_ => random.NextDouble() < 0.2 ? 0.0 : random.Next(1, 121)).ToArray();
        var secondBreak = tasks.Select(_ => random.NextDouble() < 0.25).ToArray();
        var durationSlack = tasks.Select(_ => 1.0 + random.Next(0, 21)).ToArray();
        var shiftSlack = tasks.Select(_ => 1.0 + random.Next(0, 51)).ToArray();

        for (int t = 0; t < taskCount; t++)
        {
            var task = tasks[t];
            if (task.Shipment)
            {
                b.AddShipment(new Shipment($"s{t}", new ShipmentStop(task.Location) { ServiceSeconds = task.Service, TimeWindows = [.. task.Windows] },
                    new ShipmentStop(task.DeliveryLocation) { ServiceSeconds = task.DeliveryService, TimeWindows = [.. task.DeliveryWindows] }));
            }
            else
            {
                b.AddJob(new Job($"j{t}", task.Location) { ServiceSeconds = task.Service, TimeWindows = [.. task.Windows] });
            }
        }

        // The reference: vehicle t serves task t; its breaks come first or last as their windows were placed.
        var plans = new List<RoutePlan>();
        int jobIndex = 0, shipmentIndex = 0;
        for (int t = 0; t < taskCount; t++)
        {
            var visits = tasks[t].Shipment
                ? ImmutableArray.Create(Visit.Pickup(shipmentIndex), Visit.Delivery(shipmentIndex++))
                : ImmutableArray.Create(Visit.Job(jobIndex++));
            plans.Add(new RoutePlan(t, visits));
        }

        // Break windows depend on the reference route's times without breaks.
        var unlimited = Build(b, tasks, vehicleDepot, open, hourly, fixedCost, perKm, breaks: null, limits: null);
        var bare = SolutionFactory.Create(unlimited, plans).Routes.OrderBy(r => r.VehicleIndex).ToArray();
        var breaks = new ImmutableArray<Break>[taskCount];
        var withBreaks = new List<RoutePlan>();
        for (int t = 0; t < taskCount; t++)
        {
            if (!features.HasFlag(Features.Breaks))
            {
                breaks[t] = [];
                withBreaks.Add(plans[t]);
                continue;
            }

            var route = bare[t];
            double firstServiceStart = route.Steps.First(s => s.Kind is StepKind.Job or StepKind.Pickup).ServiceStartSeconds;
            double lastDeparture = route.Steps.Last(s => s.Kind is StepKind.Job or StepKind.Delivery).DepartureSeconds;
            double duration = breakDuration[t];
            bool before = breakKind[t] == 2 && windows && firstServiceStart - 150 - duration >= 0;
            TimeWindow window = breakKind[t] switch
            {
                0 => new TimeWindow(0, WideBreakEnd),
                _ when before => Lunch(Math.Min(breakOffset[t], firstServiceStart - 150 - duration), breakWidth[t]),
                _ => Lunch(lastDeparture + breakOffset[t], breakWidth[t]),
            };
            var list = ImmutableArray.Create(new Break("break", [window], duration));
            var visits = before ? plans[t].Visits.Insert(0, Visit.Break(0)) : plans[t].Visits.Add(Visit.Break(0));
            if (secondBreak[t])
            {
                list = list.Add(new Break("rest", [new TimeWindow(0, WideBreakEnd)], 10));
                visits = visits.Add(Visit.Break(1));
            }

            breaks[t] = list;
            withBreaks.Add(plans[t] with { Visits = visits });
        }

        // Limits from the reference routes with breaks, plus slack.
        var noLimits = Build(b, tasks, vehicleDepot, open, hourly, fixedCost, perKm, breaks, limits: null);
        var reference = SolutionFactory.Create(noLimits, withBreaks).Routes.OrderBy(r => r.VehicleIndex).ToArray();
        var limits = features.HasFlag(Features.MaxDuration)
            ? reference.Select(r => (MaxDuration: r.DurationSeconds + durationSlack[r.VehicleIndex], ShiftEnd: r.EndSeconds + shiftSlack[r.VehicleIndex])).ToArray()
            : null;
        var problem = Build(b, tasks, vehicleDepot, open, hourly, fixedCost, perKm, breaks, limits);
        return new FeasibleCase(seed, features, problem, [.. withBreaks]);
    }

    // Whole seconds: a zero-width window at a fractional time cannot be met in a solver's integer time units.
    private static TimeWindow Lunch(double start, double width) => new(Math.Ceiling(Math.Max(0, start)), Math.Ceiling(Math.Max(0, start)) + width);

    private static RoutingProblem Build(
        ProblemBuilder template, List<TaskSpec> tasks, int[] depot, bool[] open, double[] hourly, double[] fixedCost, double[] perKm,
        ImmutableArray<Break>[]? breaks, (double MaxDuration, double ShiftEnd)[]? limits)
    {
        var b = new ProblemBuilder(template.Name);
        foreach (var location in template.Locations)
        {
            b.AddLocation(location);
        }

        b.SetTravel(CoordinateTravel.Euclidean());
        foreach (var job in template.Jobs)
        {
            b.AddJob(job);
        }

        foreach (var shipment in template.Shipments)
        {
            b.AddShipment(shipment);
        }

        for (int t = 0; t < tasks.Count; t++)
        {
            b.AddVehicle(new Vehicle($"v{t}", depot[t], open[t] ? null : depot[t])
            {
                CostPerHour = hourly[t],
                FixedCost = fixedCost[t],
                CostPerKm = perKm[t],
                Breaks = breaks?[t] ?? [],
                MaxDurationSeconds = limits?[t].MaxDuration,
                Shift = limits is null ? TimeWindow.Unbounded : new TimeWindow(0, limits[t].ShiftEnd),
            });
        }

        return b.Build();
    }
}
