using System.Collections.Immutable;

namespace PostRoute.Engine.Routing;

/// <summary>One visit in a <see cref="RoutePlan"/>: a job, a shipment's pickup or delivery, or a break.</summary>
/// <param name="Kind"><see cref="StepKind.Job"/>, <see cref="StepKind.Pickup"/>, <see cref="StepKind.Delivery"/> or <see cref="StepKind.Break"/>.</param>
/// <param name="TaskIndex">Index of the job, of the shipment, or of the break in the vehicle's <see cref="Vehicle.Breaks"/>.</param>
public readonly record struct Visit(StepKind Kind, int TaskIndex)
{
    /// <summary>Serve job <paramref name="jobIndex"/>.</summary>
    public static Visit Job(int jobIndex) => new(StepKind.Job, jobIndex);

    /// <summary>Pick up shipment <paramref name="shipmentIndex"/>.</summary>
    public static Visit Pickup(int shipmentIndex) => new(StepKind.Pickup, shipmentIndex);

    /// <summary>Deliver shipment <paramref name="shipmentIndex"/>.</summary>
    public static Visit Delivery(int shipmentIndex) => new(StepKind.Delivery, shipmentIndex);

    /// <summary>Take the vehicle's break <paramref name="breakIndex"/>.</summary>
    public static Visit Break(int breakIndex) => new(StepKind.Break, breakIndex);
}

/// <summary>
/// The order in which a vehicle visits its stops, as a solver decides it; <see cref="SolutionFactory"/> turns plans
/// into a timed <see cref="RoutingSolution"/>. Immutable.
/// </summary>
/// <param name="VehicleIndex">Index of the vehicle in <see cref="RoutingProblem.Vehicles"/>.</param>
/// <param name="Visits">Visits in order, without start and end. Breaks of the vehicle that are not listed are placed automatically.</param>
public sealed record RoutePlan(int VehicleIndex, ImmutableArray<Visit> Visits)
{
    /// <summary>When the vehicle leaves its start; null for the shift start. The factory may delay it (see <see cref="SolutionFactory"/>).</summary>
    public double? StartSeconds { get; init; }
}

/// <summary>
/// Builds timed solutions from visit orders in real numbers, following the schedule rule described on
/// <see cref="RouteStep"/>. Solvers use it so that every solver reports times, loads and costs the same way.
/// <para>
/// Start time: the route first starts at <see cref="RoutePlan.StartSeconds"/> (or the shift start); if that schedule
/// keeps every window and the shift, the start is then delayed as far as possible without making the route end later,
/// which removes needless waiting from the route's duration. A vehicle's breaks missing from its plan are inserted
/// before the first stop at which the vehicle would arrive after the break's first window has opened (or before the
/// end). Plans without any job, pickup or delivery are dropped (the vehicle is unused). Tasks not visited are listed
/// as unassigned with <see cref="UnassignableAnalysis.ReasonForUnserved"/>.
/// </para>
/// The factory does not judge feasibility: a plan that breaks rules gives a solution that
/// <see cref="SolutionChecker"/> reports. Thread-safe.
/// </summary>
public static class SolutionFactory
{
    /// <summary>
    /// Builds the solution made of <paramref name="plans"/>. Throws <see cref="ArgumentException"/> for a structurally
    /// impossible plan (unknown vehicle or task index, a start or end visit, a vehicle planned twice).
    /// </summary>
    /// <param name="problem">The problem.</param>
    /// <param name="plans">One plan per vehicle to use, any order.</param>
    /// <param name="analysis">Reuse a precomputed analysis for the reasons of unserved tasks; computed when null.</param>
    public static RoutingSolution Create(RoutingProblem problem, IEnumerable<RoutePlan> plans, UnassignableAnalysis? analysis = null) =>
        Create(problem, plans, analysis, compactStart: true);

    /// <summary>
    /// As <see cref="Create(RoutingProblem, IEnumerable{RoutePlan}, UnassignableAnalysis?)"/>; with
    /// <paramref name="compactStart"/> false the start is not delayed (cheaper; used for interim solutions).
    /// </summary>
    internal static RoutingSolution Create(RoutingProblem problem, IEnumerable<RoutePlan> plans, UnassignableAnalysis? analysis, bool compactStart)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(plans);
        var routes = new List<Route>();
        var seenVehicles = new HashSet<int>();
        var servedJobs = new bool[problem.Jobs.Length];
        var servedShipments = new bool[problem.Shipments.Length];
        foreach (var plan in plans.OrderBy(p => p.VehicleIndex))
        {
            if (!seenVehicles.Add(plan.VehicleIndex))
            {
                throw new ArgumentException($"Vehicle {plan.VehicleIndex} is planned twice.", nameof(plans));
            }

            var route = BuildRoute(problem, plan, compactStart);
            if (route is null)
            {
                continue;
            }

            foreach (var visit in plan.Visits)
            {
                if (visit.Kind == StepKind.Job)
                {
                    servedJobs[visit.TaskIndex] = true;
                }
                else if (visit.Kind is StepKind.Pickup or StepKind.Delivery)
                {
                    servedShipments[visit.TaskIndex] = true;
                }
            }

            routes.Add(route);
        }

        return Assemble(problem, routes, servedJobs, servedShipments, analysis);
    }

    /// <summary>A solution that serves nothing: every task is unassigned with its reason.</summary>
    public static RoutingSolution Empty(RoutingProblem problem, UnassignableAnalysis? analysis = null) => Create(problem, [], analysis);

    /// <summary>
    /// Schedules one plan; null when it has no job, pickup or delivery (the vehicle stays unused). Throws
    /// <see cref="ArgumentException"/> for a structurally impossible plan.
    /// </summary>
    public static Route? BuildRoute(RoutingProblem problem, RoutePlan plan) => BuildRoute(problem, plan, compactStart: true);

    private static Route? BuildRoute(RoutingProblem problem, RoutePlan plan, bool compactStart)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.VehicleIndex < 0 || plan.VehicleIndex >= problem.Vehicles.Length)
        {
            throw new ArgumentException($"Vehicle index {plan.VehicleIndex} is out of range.", nameof(plan));
        }

        var vehicle = problem.Vehicles[plan.VehicleIndex];
        var visits = plan.Visits.IsDefault ? [] : plan.Visits;
        foreach (var visit in visits)
        {
            int count = visit.Kind switch
            {
                StepKind.Job => problem.Jobs.Length,
                StepKind.Pickup or StepKind.Delivery => problem.Shipments.Length,
                StepKind.Break => vehicle.Breaks.Length,
                _ => throw new ArgumentException($"A plan cannot contain a {visit.Kind} visit.", nameof(plan)),
            };
            if (visit.TaskIndex < 0 || visit.TaskIndex >= count)
            {
                throw new ArgumentException($"{visit.Kind} index {visit.TaskIndex} is out of range for vehicle '{vehicle.Id}'.", nameof(plan));
            }
        }

        if (!visits.Any(v => v.Kind != StepKind.Break))
        {
            return null;
        }

        double start = plan.StartSeconds ?? vehicle.Shift.Start;
        var list = PlaceMissingBreaks(problem, plan.VehicleIndex, [.. visits], start);
        var schedule = Simulate(problem, plan.VehicleIndex, list, start);
        double waiting = schedule.Steps.Sum(s => s.WaitingSeconds);
        if (compactStart && !schedule.Late && waiting > 0 && double.IsFinite(schedule.End))
        {
            // The end time is non-decreasing in the start time and lateness is monotone, so the admissible delays
            // form an interval [0, δmax] that bisection finds.
            double tolerance = 1e-9 * Math.Max(1, Math.Abs(schedule.End));
            bool Admissible(double delay)
            {
                var s = Simulate(problem, plan.VehicleIndex, list, start + delay);
                return !s.Late && s.End <= schedule.End + tolerance;
            }

            double lo = 0, hi = waiting;
            if (Admissible(hi))
            {
                lo = hi;
            }
            else
            {
                for (int k = 0; k < 60 && hi - lo > 1e-9; k++)
                {
                    double mid = (lo + hi) / 2;
                    if (Admissible(mid))
                    {
                        lo = mid;
                    }
                    else
                    {
                        hi = mid;
                    }
                }
            }

            if (lo > 0)
            {
                schedule = Simulate(problem, plan.VehicleIndex, list, start + lo);
            }
        }

        var steps = schedule.Steps;
        double distance = steps[^1].CumulativeDistanceMetres;
        double travel = steps[^1].CumulativeTravelSeconds;
        double duration = schedule.End - steps[0].DepartureSeconds;
        double fixedCost = vehicle.FixedCost;
        double distanceCost = vehicle.CostPerKm * distance / 1000;
        double timeCost = vehicle.CostPerHour * duration / 3600;
        return new Route
        {
            VehicleIndex = plan.VehicleIndex,
            VehicleId = vehicle.Id,
            Steps = steps,
            StartSeconds = steps[0].DepartureSeconds,
            EndSeconds = schedule.End,
            DurationSeconds = duration,
            TravelSeconds = travel,
            ServiceSeconds = steps.Where(s => s.Kind is StepKind.Job or StepKind.Pickup or StepKind.Delivery).Sum(s => s.ServiceSeconds),
            WaitingSeconds = steps.Sum(s => s.WaitingSeconds),
            BreakSeconds = steps.Where(s => s.Kind == StepKind.Break).Sum(s => s.ServiceSeconds),
            DistanceMetres = distance,
            StopCount = steps.Count(s => s.Kind is StepKind.Job or StepKind.Pickup or StepKind.Delivery),
            FixedCost = fixedCost,
            DistanceCost = distanceCost,
            TimeCost = timeCost,
            Cost = fixedCost + distanceCost + timeCost,
        };
    }

    private static RoutingSolution Assemble(
        RoutingProblem problem, List<Route> routes, bool[] servedJobs, bool[] servedShipments, UnassignableAnalysis? analysis)
    {
        var unassigned = ImmutableArray.CreateBuilder<UnassignedTask>();
        double penalty = 0;
        int mandatory = 0;
        for (int j = 0; j < servedJobs.Length; j++)
        {
            if (!servedJobs[j])
            {
                analysis ??= UnassignableAnalysis.Analyze(problem);
                unassigned.Add(analysis.ReasonForUnserved(TaskKind.Job, j));
                penalty += problem.Jobs[j].Penalty ?? 0;
                mandatory += problem.Jobs[j].IsOptional ? 0 : 1;
            }
        }

        for (int s = 0; s < servedShipments.Length; s++)
        {
            if (!servedShipments[s])
            {
                analysis ??= UnassignableAnalysis.Analyze(problem);
                unassigned.Add(analysis.ReasonForUnserved(TaskKind.Shipment, s));
                penalty += problem.Shipments[s].Penalty ?? 0;
                mandatory += problem.Shipments[s].IsOptional ? 0 : 1;
            }
        }

        return new RoutingSolution
        {
            Routes = [.. routes],
            Unassigned = unassigned.ToImmutable(),
            Cost = new CostBreakdown(routes.Sum(r => r.FixedCost), routes.Sum(r => r.DistanceCost), routes.Sum(r => r.TimeCost), penalty),
            DistanceMetres = routes.Sum(r => r.DistanceMetres),
            DurationSeconds = routes.Sum(r => r.DurationSeconds),
            UnservedMandatoryCount = mandatory,
        };
    }

    private static List<Visit> PlaceMissingBreaks(RoutingProblem problem, int v, List<Visit> visits, double start)
    {
        var breaks = problem.Vehicles[v].Breaks;
        var present = visits.Where(x => x.Kind == StepKind.Break).Select(x => x.TaskIndex).ToHashSet();
        var missing = Enumerable.Range(0, breaks.Length).Where(b => !present.Contains(b)).OrderBy(b => breaks[b].Windows[0].Start).ToList();
        foreach (int b in missing)
        {
            var schedule = Simulate(problem, v, visits, start);
            int insertAt = visits.Count;
            for (int k = 0; k < visits.Count; k++)
            {
                // Step k + 1 is visit k (step 0 is the start).
                if (visits[k].Kind != StepKind.Break && schedule.Steps[k + 1].ArrivalSeconds >= breaks[b].Windows[0].Start)
                {
                    // Right before the stop, so after any break already placed in this gap.
                    insertAt = k;
                    break;
                }
            }

            visits.Insert(insertAt, Visit.Break(b));
        }

        return visits;
    }

    private readonly record struct Schedule(ImmutableArray<RouteStep> Steps, double End, bool Late);

    private static Schedule Simulate(RoutingProblem problem, int v, List<Visit> visits, double start)
    {
        var vehicle = problem.Vehicles[v];
        var table = problem.TravelOf(v);
        int dims = problem.DimensionCount;
        var load = Amounts.Zero(dims);
        foreach (var visit in visits)
        {
            if (visit.Kind == StepKind.Job)
            {
                load += problem.Jobs[visit.TaskIndex].Delivery;
            }
        }

        var steps = ImmutableArray.CreateBuilder<RouteStep>(visits.Count + 2);
        bool late = start < vehicle.Shift.Start;
        steps.Add(new RouteStep
        {
            Kind = StepKind.Start,
            Id = vehicle.Id,
            Location = vehicle.Start,
            ArrivalSeconds = start,
            ServiceStartSeconds = start,
            DepartureSeconds = start,
            LoadAfter = load,
        });

        int position = vehicle.Start;
        double t = start, distance = 0, travel = 0;
        var pending = new List<int>();
        foreach (var visit in visits)
        {
            if (visit.Kind == StepKind.Break)
            {
                pending.Add(visit.TaskIndex);
                continue;
            }

            (int location, double service, ImmutableArray<TimeWindow> windows, string id) = visit.Kind switch
            {
                StepKind.Job => (problem.Jobs[visit.TaskIndex].Location, problem.Jobs[visit.TaskIndex].ServiceSeconds,
                    problem.Jobs[visit.TaskIndex].TimeWindows, problem.Jobs[visit.TaskIndex].Id),
                StepKind.Pickup => (problem.Shipments[visit.TaskIndex].Pickup.Location, problem.Shipments[visit.TaskIndex].Pickup.ServiceSeconds,
                    problem.Shipments[visit.TaskIndex].Pickup.TimeWindows, problem.Shipments[visit.TaskIndex].Id),
                _ => (problem.Shipments[visit.TaskIndex].Delivery.Location, problem.Shipments[visit.TaskIndex].Delivery.ServiceSeconds,
                    problem.Shipments[visit.TaskIndex].Delivery.TimeWindows, problem.Shipments[visit.TaskIndex].Id),
            };
            Leg(location);
            double serviceStart = Earliest(windows, t);
            if (double.IsNaN(serviceStart))
            {
                late = true;
                serviceStart = t;
            }

            load = visit.Kind switch
            {
                StepKind.Job => load - problem.Jobs[visit.TaskIndex].Delivery + problem.Jobs[visit.TaskIndex].Pickup,
                StepKind.Pickup => load + problem.Shipments[visit.TaskIndex].Amount,
                _ => load - problem.Shipments[visit.TaskIndex].Amount,
            };
            steps.Add(new RouteStep
            {
                Kind = visit.Kind,
                Id = id,
                TaskIndex = visit.TaskIndex,
                Location = location,
                ArrivalSeconds = t,
                WaitingSeconds = serviceStart - t,
                ServiceStartSeconds = serviceStart,
                ServiceSeconds = service,
                DepartureSeconds = serviceStart + service,
                LoadAfter = load,
                CumulativeDistanceMetres = distance,
                CumulativeTravelSeconds = travel,
            });
            t = serviceStart + service;
            position = location;
        }

        Leg(vehicle.End);
        late |= t > vehicle.Shift.End;
        steps.Add(new RouteStep
        {
            Kind = StepKind.End,
            Id = vehicle.Id,
            Location = vehicle.End,
            ArrivalSeconds = t,
            ServiceStartSeconds = t,
            DepartureSeconds = t,
            LoadAfter = load,
            CumulativeDistanceMetres = distance,
            CumulativeTravelSeconds = travel,
        });
        return new Schedule(steps.MoveToImmutable(), t, late);

        // Drives from the current position to `to` (null: stay, the end of an open route), taking pending breaks
        // as early as their windows allow.
        void Leg(int? to)
        {
            double legTime = to is { } target ? table.DurationSeconds(position, target) : 0;
            double legDistance = to is { } target2 ? table.DistanceMetres(position, target2) : 0;
            double remaining = legTime;
            double distance0 = distance, travel0 = travel;
            foreach (int breakIndex in pending)
            {
                var brk = vehicle.Breaks[breakIndex];
                double breakStart = Earliest(brk.Windows, t);
                if (double.IsNaN(breakStart))
                {
                    late = true;
                    breakStart = t;
                }

                double drive = Math.Min(remaining, breakStart - t);
                remaining -= drive;
                t += drive;
                double driven = legTime - remaining;
                steps.Add(new RouteStep
                {
                    Kind = StepKind.Break,
                    Id = brk.Id,
                    TaskIndex = breakIndex,
                    ArrivalSeconds = t,
                    WaitingSeconds = breakStart - t,
                    ServiceStartSeconds = breakStart,
                    ServiceSeconds = brk.DurationSeconds,
                    DepartureSeconds = breakStart + brk.DurationSeconds,
                    LoadAfter = load,
                    CumulativeDistanceMetres = distance0 + (legTime > 0 ? legDistance * (driven / legTime) : 0),
                    CumulativeTravelSeconds = travel0 + driven,
                });
                t = breakStart + brk.DurationSeconds;
            }

            pending.Clear();
            t += remaining;
            distance = distance0 + legDistance;
            travel = travel0 + legTime;
        }
    }

    /// <summary>Earliest time ≥ <paramref name="time"/> in one of the sorted windows; NaN when after all of them.</summary>
    private static double Earliest(ImmutableArray<TimeWindow> windows, double time)
    {
        foreach (var w in windows)
        {
            if (time <= w.End)
            {
                return Math.Max(time, w.Start);
            }
        }

        return double.NaN;
    }
}
