using System.Collections.Immutable;
using System.Globalization;

namespace PostRoute.Engine.Routing;

/// <summary>
/// Pre-solve analysis that proves, from the data alone, which vehicles could serve each task on a route serving
/// nothing else, and why a task no vehicle can serve is unassignable. The proofs use lower bounds only (shortest
/// travel over the whole table, breaks ignored), so a reason is never claimed without proof; a task that passes every
/// test may still be impossible in combination with others. Vehicles are filtered in this order and the reason
/// reported is the test at which the last candidate vehicle dropped out: skills, capacity, reachability, time windows
/// within the shift, route limits (duration, travel time, distance, stops). Immutable and thread-safe once built.
/// </summary>
public sealed class UnassignableAnalysis
{
    // Per (vehicle, task) the first failed test, or Pass. Tasks: jobs then shipments.
    private readonly Stage[,] _stage;
    private readonly RoutingProblem _problem;

    private enum Stage : byte
    {
        Skills,
        Capacity,
        Reach,
        Time,
        Limits,
        Pass,
    }

    private readonly Dictionary<(TaskKind, int), UnassignedTask> _byTask;

    private UnassignableAnalysis(RoutingProblem problem, Stage[,] stage, ImmutableArray<UnassignedTask> unassignable)
    {
        _problem = problem;
        _stage = stage;
        Unassignable = unassignable;
        _byTask = unassignable.ToDictionary(u => (u.Kind, u.TaskIndex));
    }

    /// <summary>Every task that provably no vehicle can serve, with its reason; jobs first, in problem order.</summary>
    public ImmutableArray<UnassignedTask> Unassignable { get; }

    /// <summary>Runs the analysis. Cost: a few shortest-path trees per distinct vehicle start and end location.</summary>
    public static UnassignableAnalysis Analyze(RoutingProblem problem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        int jobs = problem.Jobs.Length;
        int vehicles = problem.Vehicles.Length;
        var stage = new Stage[vehicles, problem.TaskCount];
        var bounds = new BoundCache();
        for (int v = 0; v < vehicles; v++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (int j = 0; j < jobs; j++)
            {
                stage[v, j] = CheckJob(problem, bounds, v, problem.Jobs[j]);
            }

            for (int s = 0; s < problem.Shipments.Length; s++)
            {
                stage[v, jobs + s] = CheckShipment(problem, bounds, v, problem.Shipments[s]);
            }
        }

        var unassignable = ImmutableArray.CreateBuilder<UnassignedTask>();
        for (int t = 0; t < problem.TaskCount; t++)
        {
            var best = Stage.Skills;
            for (int v = 0; v < vehicles; v++)
            {
                best = (Stage)Math.Max((byte)best, (byte)stage[v, t]);
            }

            if (best != Stage.Pass)
            {
                unassignable.Add(Describe(problem, t, best, stage));
            }
        }

        return new UnassignableAnalysis(problem, stage, unassignable.ToImmutable());
    }

    /// <summary>True unless vehicle <paramref name="vehicleIndex"/> provably cannot serve job <paramref name="jobIndex"/>, even alone.</summary>
    public bool CanServeJob(int vehicleIndex, int jobIndex) => _stage[vehicleIndex, jobIndex] == Stage.Pass;

    /// <summary>True unless vehicle <paramref name="vehicleIndex"/> provably cannot serve shipment <paramref name="shipmentIndex"/>, even alone.</summary>
    public bool CanServeShipment(int vehicleIndex, int shipmentIndex) => _stage[vehicleIndex, _problem.Jobs.Length + shipmentIndex] == Stage.Pass;

    /// <summary>The proven reason why the task cannot be served, or null when some vehicle might serve it.</summary>
    public UnassignedTask? Find(TaskKind kind, int taskIndex) => _byTask.GetValueOrDefault((kind, taskIndex));

    /// <summary>
    /// The reason to report for a task a solution leaves out: the proven reason when there is one, otherwise the
    /// solver's choice (<see cref="UnassignedReason.PenaltyCheaperThanService"/> for an optional task,
    /// <see cref="UnassignedReason.NoRoomFound"/> for a mandatory one).
    /// </summary>
    public UnassignedTask ReasonForUnserved(TaskKind kind, int taskIndex)
    {
        if (Find(kind, taskIndex) is { } proven)
        {
            return proven;
        }

        (string id, double? penalty) = kind == TaskKind.Job
            ? (_problem.Jobs[taskIndex].Id, _problem.Jobs[taskIndex].Penalty)
            : (_problem.Shipments[taskIndex].Id, _problem.Shipments[taskIndex].Penalty);
        return penalty is { } p
            ? new UnassignedTask(id, kind, taskIndex, UnassignedReason.PenaltyCheaperThanService,
                $"optional; the solver left it out because serving it would cost more than its penalty ({p.ToString(CultureInfo.InvariantCulture)})")
            : new UnassignedTask(id, kind, taskIndex, UnassignedReason.NoRoomFound,
                "mandatory, but the solver found no route with room for it alongside the other tasks (no single-task reason is provable)");
    }

    private static Stage CheckJob(RoutingProblem problem, BoundCache bounds, int v, Job job)
    {
        var vehicle = problem.Vehicles[v];
        if (!problem.HasSkills(v, job.Skills))
        {
            return Stage.Skills;
        }

        if (!job.Delivery.FitsWithin(vehicle.Capacity) || !job.Pickup.FitsWithin(vehicle.Capacity))
        {
            return Stage.Capacity;
        }

        var table = problem.TravelOf(v);
        double toJob = bounds.Time(table, vehicle.Start, job.Location);
        double fromJob = vehicle.End is { } end ? bounds.Time(table, job.Location, end) : 0;
        if (double.IsPositiveInfinity(toJob) || double.IsPositiveInfinity(fromJob))
        {
            return Stage.Reach;
        }

        // Every break of a used vehicle is taken on its route, so even a route serving this job alone lasts at least
        // the travel, the service and the breaks (a break taken while waiting hides in the wait, hence not added to
        // the window-bound end).
        double breaks = BreakSeconds(vehicle);
        double serviceStart = EarliestIn(job.TimeWindows, vehicle.Shift.Start + toJob);
        if (double.IsNaN(serviceStart) || Exceeds(serviceStart + job.ServiceSeconds + fromJob, vehicle.Shift.End) ||
            Exceeds(vehicle.Shift.Start + toJob + job.ServiceSeconds + fromJob + breaks, vehicle.Shift.End))
        {
            return Stage.Time;
        }

        double distance = bounds.Distance(table, vehicle.Start, job.Location) +
                          (vehicle.End is { } e ? bounds.Distance(table, job.Location, e) : 0);
        return Exceeds(toJob + job.ServiceSeconds + fromJob + breaks, vehicle.MaxDurationSeconds) ||
               Exceeds(toJob + fromJob, vehicle.MaxTravelSeconds) ||
               Exceeds(distance, vehicle.MaxDistanceMetres) ||
               vehicle.MaxStops is < 1
            ? Stage.Limits
            : Stage.Pass;
    }

    private static Stage CheckShipment(RoutingProblem problem, BoundCache bounds, int v, Shipment shipment)
    {
        var vehicle = problem.Vehicles[v];
        if (!problem.HasSkills(v, shipment.Skills))
        {
            return Stage.Skills;
        }

        if (!shipment.Amount.FitsWithin(vehicle.Capacity))
        {
            return Stage.Capacity;
        }

        var table = problem.TravelOf(v);
        int p = shipment.Pickup.Location, d = shipment.Delivery.Location;
        double toPickup = bounds.Time(table, vehicle.Start, p);
        double between = bounds.Time(table, p, d);
        double fromDelivery = vehicle.End is { } end ? bounds.Time(table, d, end) : 0;
        if (double.IsPositiveInfinity(toPickup) || double.IsPositiveInfinity(between) || double.IsPositiveInfinity(fromDelivery))
        {
            return Stage.Reach;
        }

        double pickupStart = EarliestIn(shipment.Pickup.TimeWindows, vehicle.Shift.Start + toPickup);
        double deliveryStart = double.IsNaN(pickupStart)
            ? double.NaN
            : EarliestIn(shipment.Delivery.TimeWindows, pickupStart + shipment.Pickup.ServiceSeconds + between);
        double travel = toPickup + between + fromDelivery;
        double breaks = BreakSeconds(vehicle);
        if (double.IsNaN(deliveryStart) || Exceeds(deliveryStart + shipment.Delivery.ServiceSeconds + fromDelivery, vehicle.Shift.End) ||
            Exceeds(vehicle.Shift.Start + travel + shipment.Pickup.ServiceSeconds + shipment.Delivery.ServiceSeconds + breaks, vehicle.Shift.End))
        {
            return Stage.Time;
        }

        double distance = bounds.Distance(table, vehicle.Start, p) + bounds.Distance(table, p, d) +
                          (vehicle.End is { } e ? bounds.Distance(table, d, e) : 0);
        return Exceeds(travel + shipment.Pickup.ServiceSeconds + shipment.Delivery.ServiceSeconds + breaks, vehicle.MaxDurationSeconds) ||
               Exceeds(travel, vehicle.MaxTravelSeconds) ||
               Exceeds(distance, vehicle.MaxDistanceMetres) ||
               vehicle.MaxStops is < 2
            ? Stage.Limits
            : Stage.Pass;
    }

    private static double BreakSeconds(Vehicle vehicle)
    {
        double total = 0;
        foreach (var b in vehicle.Breaks)
        {
            total += b.DurationSeconds;
        }

        return total;
    }

    /// <summary>Earliest time ≥ <paramref name="time"/> inside one of the sorted windows, or NaN when past them all.</summary>
    private static double EarliestIn(ImmutableArray<TimeWindow> windows, double time)
    {
        foreach (var w in windows)
        {
            if (!Exceeds(time, w.End))
            {
                return Math.Max(time, w.Start);
            }
        }

        return double.NaN;
    }

    // A claim of infeasibility must survive rounding noise in the data, so allow a small margin.
    private static bool Exceeds(double value, double? limit) =>
        limit is { } l && value > l + (1e-6 * Math.Max(1, Math.Abs(l)));

    private static UnassignedTask Describe(RoutingProblem problem, int t, Stage stage, Stage[,] stages)
    {
        int jobs = problem.Jobs.Length;
        bool isJob = t < jobs;
        var kind = isJob ? TaskKind.Job : TaskKind.Shipment;
        int index = isJob ? t : t - jobs;
        string id = isJob ? problem.Jobs[index].Id : problem.Shipments[index].Id;
        var skills = isJob ? problem.Jobs[index].Skills : problem.Shipments[index].Skills;
        string noun = isJob ? "job" : "shipment";
        (UnassignedReason reason, string text) = stage switch
        {
            Stage.Skills => problem.Vehicles.Length == 0
                ? (UnassignedReason.NoVehicleWithSkills, "the problem has no vehicle")
                : (UnassignedReason.NoVehicleWithSkills, $"no vehicle has all the required skills [{string.Join(", ", skills)}]"),
            Stage.Capacity => (UnassignedReason.ExceedsCapacity, CapacityText(problem, t, isJob, index, stages)),
            Stage.Reach => (UnassignedReason.Unreachable,
                $"no suitable vehicle can reach the {noun}'s location(s) from its start and then get to its end in the travel network"),
            Stage.Time => (UnassignedReason.TimeWindowUnreachable,
                $"no suitable vehicle can serve the {noun} within its time windows and the vehicle's shift, even on a route serving nothing else (with the driver's breaks)"),
            _ => (UnassignedReason.ExceedsRouteLimits,
                $"a route serving only this {noun} would already exceed the duration (breaks included), travel-time, distance or stop limit of every suitable vehicle"),
        };
        return new UnassignedTask(id, kind, index, reason, text);
    }

    private static string CapacityText(RoutingProblem problem, int t, bool isJob, int index, Stage[,] stages)
    {
        var amount = isJob ? problem.Jobs[index].Delivery : problem.Shipments[index].Amount;
        var pickup = isJob ? problem.Jobs[index].Pickup : Amounts.Empty;
        var dims = new List<string>();
        for (int d = 0; d < problem.DimensionCount; d++)
        {
            long need = Math.Max(amount[d], pickup[d]);
            long most = 0;
            for (int v = 0; v < problem.Vehicles.Length; v++)
            {
                if (stages[v, t] != Stage.Skills)
                {
                    most = Math.Max(most, problem.Vehicles[v].Capacity[d]);
                }
            }

            if (need > most)
            {
                dims.Add($"{problem.DimensionNames[d]} {need} > largest capacity {most}");
            }
        }

        return dims.Count > 0
            ? "the amount exceeds the capacity of every vehicle with the skills: " + string.Join("; ", dims)
            : "the amount exceeds the capacity of every vehicle with the skills";
    }

    /// <summary>Lower bounds on travel between locations: shortest paths over the whole table, computed lazily per source.</summary>
    private sealed class BoundCache
    {
        private const int MaxTrees = 256;
        private readonly Dictionary<(string Profile, int Source, bool Distance), double[]> _trees = [];

        public double Time(TravelTable table, int from, int to) => Bound(table, from, to, distance: false);

        public double Distance(TravelTable table, int from, int to) => Bound(table, from, to, distance: true);

        private double Bound(TravelTable table, int from, int to, bool distance)
        {
            if (distance ? table.DistanceIsMetric : table.DurationIsMetric)
            {
                return distance ? table.DistanceMetres(from, to) : table.DurationSeconds(from, to);
            }

            if (!_trees.TryGetValue((table.Profile, from, distance), out var tree))
            {
                if (_trees.Count >= MaxTrees)
                {
                    // Too many sources to afford exact bounds: 0 is a valid (weak) lower bound, and it claims reachability.
                    return 0;
                }

                tree = ShortestFrom(table, from, distance);
                _trees[(table.Profile, from, distance)] = tree;
            }

            return tree[to];
        }

        private static double[] ShortestFrom(TravelTable table, int source, bool distance)
        {
            // Dense Dijkstra, O(n²): the table is complete, so a heap would not pay off.
            int n = table.Size;
            var dist = new double[n];
            var done = new bool[n];
            Array.Fill(dist, double.PositiveInfinity);
            dist[source] = 0;
            for (int k = 0; k < n; k++)
            {
                int u = -1;
                double best = double.PositiveInfinity;
                for (int i = 0; i < n; i++)
                {
                    if (!done[i] && dist[i] < best)
                    {
                        best = dist[i];
                        u = i;
                    }
                }

                if (u < 0)
                {
                    break;
                }

                done[u] = true;
                for (int w = 0; w < n; w++)
                {
                    double c = distance ? table.DistanceMetres(u, w) : table.DurationSeconds(u, w);
                    if (!done[w] && best + c < dist[w])
                    {
                        dist[w] = best + c;
                    }
                }
            }

            return dist;
        }
    }
}
