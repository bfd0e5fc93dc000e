using System.Collections.Immutable;
using System.Globalization;

namespace PostRoute.Engine.Routing;

/// <summary>The rule a <see cref="Violation"/> breaks.</summary>
public enum ViolationKind
{
    /// <summary>Malformed route: unknown vehicle or task, wrong start/end, a vehicle used twice, steps out of place.</summary>
    Structure,

    /// <summary>A task served more than once, neither served nor listed unassigned, or both.</summary>
    Coverage,

    /// <summary>An unassigned reason that the data does not support.</summary>
    Reason,

    /// <summary>A vehicle lacks a skill required by a task it serves.</summary>
    Skills,

    /// <summary>The load exceeds the capacity (or goes below zero) at some step.</summary>
    Capacity,

    /// <summary>Service starts outside every time window of a stop.</summary>
    TimeWindow,

    /// <summary>The route starts before or ends after the vehicle's shift.</summary>
    Shift,

    /// <summary>A break missing, taken twice, or outside its windows.</summary>
    Break,

    /// <summary>Route duration above the vehicle's maximum.</summary>
    MaxDuration,

    /// <summary>Driving time above the vehicle's maximum.</summary>
    MaxTravelTime,

    /// <summary>Distance above the vehicle's maximum.</summary>
    MaxDistance,

    /// <summary>More stops than the vehicle's maximum.</summary>
    MaxStops,

    /// <summary>A shipment's pickup and delivery not on the same route, or delivery before pickup.</summary>
    PickupDelivery,

    /// <summary>A leg between two locations that cannot be travelled.</summary>
    Unreachable,

    /// <summary>A reported time, load, distance, total or cost differs from the recomputed value.</summary>
    ReportedValue,
}

/// <summary>One broken rule found by <see cref="SolutionChecker"/>.</summary>
/// <param name="Kind">The rule.</param>
/// <param name="Path">Where, e.g. <c>routes[2].steps[5]</c> or <c>unassigned[0]</c>.</param>
/// <param name="Message">What is wrong, with the values involved.</param>
public sealed record Violation(ViolationKind Kind, string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Kind} at {Path}: {Message}";
}

/// <summary>The verdict of <see cref="SolutionChecker.Check"/>. Immutable.</summary>
/// <param name="Violations">Every violation found; empty when the solution is valid.</param>
public sealed record CheckResult(ImmutableArray<Violation> Violations)
{
    /// <summary>True when no violation was found.</summary>
    public bool IsValid => Violations.IsEmpty;

    /// <summary>True when some violation is of kind <paramref name="kind"/>.</summary>
    public bool Has(ViolationKind kind) => Violations.Any(v => v.Kind == kind);

    /// <inheritdoc />
    public override string ToString() =>
        IsValid ? "valid" : $"{Violations.Length} violation(s): " + string.Join("; ", Violations.Take(20));
}

/// <summary>
/// Independent solution checker: recomputes every route from the problem data alone (it shares no evaluation code
/// with the solvers or <see cref="SolutionFactory"/>) and reports every violation: structure, coverage (each task
/// served exactly once or listed unassigned), unassigned reasons, skills, capacity at every step, time windows, shift,
/// breaks, route limits, pickup before delivery on the same route, unreachable legs, and any reported step time, load,
/// cumulative value, route total, solution total or cost that differs from the recomputed one. Times follow the
/// schedule rule on <see cref="RouteStep"/>, starting from the reported start time of each route. Values are equal when
/// within 0.01 or 1e-6 relative; limits are exceeded when above them by more than 1e-6 relative (absolute 1e-6).
/// Thread-safe.
/// </summary>
public static class SolutionChecker
{
    /// <summary>Checks <paramref name="solution"/> against <paramref name="problem"/>.</summary>
    public static CheckResult Check(RoutingProblem problem, RoutingSolution solution)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(solution);
        var run = new Run(problem, solution);
        run.Execute();
        return new CheckResult([.. run.Violations]);
    }

    private sealed class Run(RoutingProblem problem, RoutingSolution solution)
    {
        public readonly List<Violation> Violations = [];
        private readonly int[] _jobServed = new int[problem.Jobs.Length];
        private readonly int[] _pickupServed = new int[problem.Shipments.Length];
        private readonly int[] _deliveryServed = new int[problem.Shipments.Length];
        private readonly int[] _pickupRoute = Enumerable.Repeat(-1, problem.Shipments.Length).ToArray();
        private readonly double[] _pickupTime = new double[problem.Shipments.Length];

        // Recomputed totals; meaningless once a route could not be recomputed.
        private double _fixed, _distanceCost, _timeCost, _distance, _duration;
        private bool _totalsUnknown;

        public void Execute()
        {
            var usedVehicles = new HashSet<int>();
            var routes = solution.Routes.IsDefault ? [] : solution.Routes;
            for (int r = 0; r < routes.Length; r++)
            {
                CheckRoute(r, routes[r], usedVehicles);
            }

            CheckCoverage();
            CheckTotals();
        }

        private void Add(ViolationKind kind, string path, string message) => Violations.Add(new(kind, path, message));

        private static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

        // Non-finite values arise only on unreachable legs, which are reported separately; they match themselves.
        private static bool Same(double reported, double actual) =>
            (!double.IsFinite(reported) && !double.IsFinite(actual) && (reported.Equals(actual) || (double.IsNaN(reported) && double.IsNaN(actual)))) ||
            Math.Abs(reported - actual) <= Math.Max(0.01, 1e-6 * Math.Max(Math.Abs(reported), Math.Abs(actual)));

        private static bool Above(double value, double limit) => value > limit + (1e-6 * Math.Max(1, Math.Abs(limit)));

        private void Compare(string path, string field, double reported, double actual)
        {
            if (!Same(reported, actual))
            {
                Add(ViolationKind.ReportedValue, path, $"{field} is reported as {F(reported)} but recomputes to {F(actual)}");
            }
        }

        private void CheckRoute(int r, Route route, HashSet<int> usedVehicles)
        {
            string path = $"routes[{r}]";
            int v = route.VehicleIndex;
            if (v < 0 || v >= problem.Vehicles.Length)
            {
                Add(ViolationKind.Structure, path, $"vehicle index {v} does not exist");
                CountTasksOnly(route);
                return;
            }

            var vehicle = problem.Vehicles[v];
            var table = problem.Travel(vehicle.Profile);
            if (route.VehicleId != vehicle.Id)
            {
                Add(ViolationKind.Structure, path, $"vehicle id '{route.VehicleId}' does not match vehicle {v} ('{vehicle.Id}')");
            }

            if (!usedVehicles.Add(v))
            {
                Add(ViolationKind.Structure, path, $"vehicle '{vehicle.Id}' has more than one route");
            }

            var steps = route.Steps.IsDefault ? [] : route.Steps;
            if (steps.Length < 2 || steps[0].Kind != StepKind.Start || steps[^1].Kind != StepKind.End)
            {
                Add(ViolationKind.Structure, path, "a route must begin with a start step and finish with an end step");
                CountTasksOnly(route);
                return;
            }

            if (steps[0].Location != vehicle.Start)
            {
                Add(ViolationKind.Structure, $"{path}.steps[0]", $"starts at location {steps[0].Location} instead of the vehicle's start {vehicle.Start}");
            }

            if (steps[^1].Location != vehicle.End)
            {
                Add(ViolationKind.Structure, $"{path}.steps[{steps.Length - 1}]",
                    $"ends at location {steps[^1].Location?.ToString(CultureInfo.InvariantCulture) ?? "none"} instead of {vehicle.End?.ToString(CultureInfo.InvariantCulture) ?? "none (open route)"}");
            }

            // Resolve every middle step to its location, service and windows, checking ids on the way.
            int n = steps.Length;
            var location = new int?[n];
            var service = new double[n];
            var windows = new ImmutableArray<TimeWindow>[n];
            var breakSeen = new int[vehicle.Breaks.Length];
            int stops = 0;
            bool resolved = true;
            location[0] = vehicle.Start;
            location[n - 1] = vehicle.End;
            for (int k = 1; k < n - 1; k++)
            {
                var step = steps[k];
                string spath = $"{path}.steps[{k}]";
                switch (step.Kind)
                {
                    case StepKind.Job when step.TaskIndex >= 0 && step.TaskIndex < problem.Jobs.Length:
                        {
                            var job = problem.Jobs[step.TaskIndex];
                            CheckId(spath, step, job.Id);
                            location[k] = job.Location;
                            service[k] = job.ServiceSeconds;
                            windows[k] = job.TimeWindows;
                            _jobServed[step.TaskIndex]++;
                            stops++;
                            CheckSkills(spath, v, job.Skills, job.Id);
                            break;
                        }

                    case StepKind.Pickup or StepKind.Delivery when step.TaskIndex >= 0 && step.TaskIndex < problem.Shipments.Length:
                        {
                            var shipment = problem.Shipments[step.TaskIndex];
                            var stop = step.Kind == StepKind.Pickup ? shipment.Pickup : shipment.Delivery;
                            CheckId(spath, step, shipment.Id);
                            location[k] = stop.Location;
                            service[k] = stop.ServiceSeconds;
                            windows[k] = stop.TimeWindows;
                            stops++;
                            if (step.Kind == StepKind.Pickup)
                            {
                                _pickupServed[step.TaskIndex]++;
                                _pickupRoute[step.TaskIndex] = r;
                                CheckSkills(spath, v, shipment.Skills, shipment.Id);
                            }
                            else
                            {
                                _deliveryServed[step.TaskIndex]++;
                                if (_pickupRoute[step.TaskIndex] != r)
                                {
                                    Add(ViolationKind.PickupDelivery, spath, $"shipment '{shipment.Id}' is delivered without being picked up earlier on this route");
                                }
                            }

                            break;
                        }

                    case StepKind.Break when step.TaskIndex >= 0 && step.TaskIndex < vehicle.Breaks.Length:
                        {
                            var brk = vehicle.Breaks[step.TaskIndex];
                            CheckId(spath, step, brk.Id);
                            if (step.Location is not null)
                            {
                                Add(ViolationKind.Structure, spath, "a break step has no location");
                            }

                            location[k] = null;
                            service[k] = brk.DurationSeconds;
                            windows[k] = brk.Windows;
                            breakSeen[step.TaskIndex]++;
                            break;
                        }

                    default:
                        Add(ViolationKind.Structure, spath, $"{step.Kind} step with task index {step.TaskIndex} does not refer to a task of this problem/vehicle");
                        resolved = false;
                        break;
                }

                if (step.Kind != StepKind.Break && location[k] is { } l && step.Location != l)
                {
                    Add(ViolationKind.Structure, spath, $"reports location {step.Location} but the task is at {l}");
                }
            }

            if (stops == 0)
            {
                Add(ViolationKind.Structure, path, "a route must serve at least one stop (unused vehicles are omitted)");
            }

            for (int b = 0; b < breakSeen.Length; b++)
            {
                if (breakSeen[b] != 1)
                {
                    Add(ViolationKind.Break, path, $"break '{vehicle.Breaks[b].Id}' is taken {breakSeen[b]} times instead of once");
                }
            }

            if (!resolved)
            {
                _totalsUnknown = true;
                return;
            }

            Recompute(r, route, vehicle, table, location, service, windows, stops);
        }

        // For a route too malformed to recompute: still count the tasks it claims to serve, so that coverage is
        // judged on the rest of the solution, and skip the totals.
        private void CountTasksOnly(Route route)
        {
            _totalsUnknown = true;
            foreach (var step in route.Steps.IsDefault ? [] : route.Steps)
            {
                bool jobIndex = step.TaskIndex >= 0 && step.TaskIndex < problem.Jobs.Length;
                bool shipmentIndex = step.TaskIndex >= 0 && step.TaskIndex < problem.Shipments.Length;
                switch (step.Kind)
                {
                    case StepKind.Job when jobIndex:
                        _jobServed[step.TaskIndex]++;
                        break;
                    case StepKind.Pickup when shipmentIndex:
                        _pickupServed[step.TaskIndex]++;
                        break;
                    case StepKind.Delivery when shipmentIndex:
                        _deliveryServed[step.TaskIndex]++;
                        break;
                }
            }
        }

        private void CheckId(string path, RouteStep step, string expected)
        {
            if (step.Id != expected)
            {
                Add(ViolationKind.Structure, path, $"id '{step.Id}' does not match the task at index {step.TaskIndex} ('{expected}')");
            }
        }

        private void CheckSkills(string path, int v, ImmutableArray<string> required, string taskId)
        {
            var missing = required.Where(s => !problem.Vehicles[v].Skills.Contains(s, StringComparer.Ordinal)).ToList();
            if (missing.Count > 0)
            {
                Add(ViolationKind.Skills, path, $"vehicle '{problem.Vehicles[v].Id}' lacks skill(s) [{string.Join(", ", missing)}] required by '{taskId}'");
            }
        }

        private void Recompute(
            int r, Route route, Vehicle vehicle, TravelTable table, int?[] location, double[] service,
            ImmutableArray<TimeWindow>[] windows, int stops)
        {
            string path = $"routes[{r}]";
            var steps = route.Steps;
            int n = steps.Length;
            int dims = problem.DimensionCount;

            // Loads: the vehicle leaves with every delivery of its jobs on board.
            var load = new long[dims];
            for (int k = 1; k < n - 1; k++)
            {
                if (steps[k].Kind == StepKind.Job)
                {
                    for (int d = 0; d < dims; d++)
                    {
                        load[d] += problem.Jobs[steps[k].TaskIndex].Delivery[d];
                    }
                }
            }

            double start = steps[0].DepartureSeconds;
            Compare(path, "startSeconds", route.StartSeconds, start);
            if (Above(vehicle.Shift.Start, start))
            {
                Add(ViolationKind.Shift, path, $"starts at {F(start)}, before the shift starts at {F(vehicle.Shift.Start)}");
            }

            CheckStep($"{path}.steps[0]", steps[0], start, 0, start, 0, load, 0, 0);
            CheckLoad($"{path}.steps[0]", load, vehicle);

            double time = start, distance = 0, travel = 0, waiting = 0, breaks = 0, served = 0;
            int from = vehicle.Start;
            int last = 0;

            // Walk the legs: from one located step (or the start) to the next, with the breaks listed in between.
            for (int k = 1; k < n; k++)
            {
                if (steps[k].Kind == StepKind.Break)
                {
                    continue;
                }

                int? to = location[k];
                double legTime = to is { } a ? table.DurationSeconds(from, a) : 0;
                double legDistance = to is { } b ? table.DistanceMetres(from, b) : 0;
                if (double.IsPositiveInfinity(legTime) || double.IsPositiveInfinity(legDistance))
                {
                    Add(ViolationKind.Unreachable, $"{path}.steps[{k}]", $"location {to} cannot be reached from location {from} with profile '{vehicle.Profile}'");
                }

                double left = legTime;
                for (int q = last + 1; q < k; q++)
                {
                    // A break starts as early as possible; the vehicle drives on until then.
                    double ready = time;
                    double begin = FirstIn(windows[q], ready, out bool inWindow);
                    if (!inWindow)
                    {
                        Add(ViolationKind.Break, $"{path}.steps[{q}]", $"break '{steps[q].Id}' cannot start within its windows {string.Join(" ", windows[q])} (ready at {F(ready)})");
                    }

                    double drive = Math.Min(left, begin - ready);
                    left -= drive;
                    double stopped = ready + drive;
                    double driven = legTime - left;
                    CheckStep($"{path}.steps[{q}]", steps[q], stopped, begin - stopped, begin, service[q], load,
                        distance + (legTime > 0 ? legDistance * driven / legTime : 0), travel + driven);
                    waiting += begin - stopped;
                    breaks += service[q];
                    time = begin + service[q];
                }

                time += left;
                distance += legDistance;
                travel += legTime;
                if (k == n - 1)
                {
                    CheckStep($"{path}.steps[{k}]", steps[k], time, 0, time, 0, load, distance, travel);
                    break;
                }

                double serviceStart = FirstIn(windows[k], time, out bool ok);
                if (!ok)
                {
                    Add(ViolationKind.TimeWindow, $"{path}.steps[{k}]", $"'{steps[k].Id}' is reached at {F(time)}, after its last window {windows[k][^1]} closes");
                }

                ApplyLoad(steps[k]);
                CheckStep($"{path}.steps[{k}]", steps[k], time, serviceStart - time, serviceStart, service[k], load, distance, travel);
                CheckLoad($"{path}.steps[{k}]", load, vehicle);
                if (steps[k].Kind == StepKind.Pickup)
                {
                    _pickupTime[steps[k].TaskIndex] = serviceStart;
                }

                waiting += serviceStart - time;
                served += service[k];
                time = serviceStart + service[k];
                from = to!.Value;
                last = k;
            }

            double end = time;
            double duration = end - start;
            if (Above(end, vehicle.Shift.End))
            {
                Add(ViolationKind.Shift, path, $"ends at {F(end)}, after the shift ends at {F(vehicle.Shift.End)}");
            }

            if (vehicle.MaxDurationSeconds is { } maxDuration && Above(duration, maxDuration))
            {
                Add(ViolationKind.MaxDuration, path, $"lasts {F(duration)} s, above the maximum {F(maxDuration)} s");
            }

            if (vehicle.MaxTravelSeconds is { } maxTravel && Above(travel, maxTravel))
            {
                Add(ViolationKind.MaxTravelTime, path, $"drives {F(travel)} s, above the maximum {F(maxTravel)} s");
            }

            if (vehicle.MaxDistanceMetres is { } maxDistance && Above(distance, maxDistance))
            {
                Add(ViolationKind.MaxDistance, path, $"covers {F(distance)} m, above the maximum {F(maxDistance)} m");
            }

            if (vehicle.MaxStops is { } maxStops && stops > maxStops)
            {
                Add(ViolationKind.MaxStops, path, $"serves {stops} stops, above the maximum {maxStops}");
            }

            double distanceCost = vehicle.CostPerKm * distance / 1000;
            double timeCost = vehicle.CostPerHour * duration / 3600;
            Compare(path, "endSeconds", route.EndSeconds, end);
            Compare(path, "durationSeconds", route.DurationSeconds, duration);
            Compare(path, "travelSeconds", route.TravelSeconds, travel);
            Compare(path, "serviceSeconds", route.ServiceSeconds, served);
            Compare(path, "waitingSeconds", route.WaitingSeconds, waiting);
            Compare(path, "breakSeconds", route.BreakSeconds, breaks);
            Compare(path, "distanceMetres", route.DistanceMetres, distance);
            Compare(path, "fixedCost", route.FixedCost, vehicle.FixedCost);
            Compare(path, "distanceCost", route.DistanceCost, distanceCost);
            Compare(path, "timeCost", route.TimeCost, timeCost);
            Compare(path, "cost", route.Cost, vehicle.FixedCost + distanceCost + timeCost);
            if (route.StopCount != stops)
            {
                Add(ViolationKind.ReportedValue, path, $"stopCount is reported as {route.StopCount} but the route serves {stops}");
            }

            _fixed += vehicle.FixedCost;
            _distanceCost += distanceCost;
            _timeCost += timeCost;
            _distance += distance;
            _duration += duration;

            void ApplyLoad(RouteStep step)
            {
                for (int d = 0; d < dims; d++)
                {
                    load[d] += step.Kind switch
                    {
                        StepKind.Job => problem.Jobs[step.TaskIndex].Pickup[d] - problem.Jobs[step.TaskIndex].Delivery[d],
                        StepKind.Pickup => problem.Shipments[step.TaskIndex].Amount[d],
                        StepKind.Delivery => -problem.Shipments[step.TaskIndex].Amount[d],
                        _ => 0,
                    };
                }
            }
        }

        private static double FirstIn(ImmutableArray<TimeWindow> windows, double time, out bool ok)
        {
            for (int w = 0; w < windows.Length; w++)
            {
                if (!Above(time, windows[w].End))
                {
                    ok = true;
                    return Math.Max(time, windows[w].Start);
                }
            }

            ok = false;
            return time;
        }

        private void CheckStep(string path, RouteStep step, double arrival, double wait, double serviceStart, double serviceSeconds,
            long[] load, double distance, double travel)
        {
            Compare(path, "arrivalSeconds", step.ArrivalSeconds, arrival);
            Compare(path, "waitingSeconds", step.WaitingSeconds, wait);
            Compare(path, "serviceStartSeconds", step.ServiceStartSeconds, serviceStart);
            Compare(path, "serviceSeconds", step.ServiceSeconds, serviceSeconds);
            Compare(path, "departureSeconds", step.DepartureSeconds, serviceStart + serviceSeconds);
            Compare(path, "cumulativeDistanceMetres", step.CumulativeDistanceMetres, distance);
            Compare(path, "cumulativeTravelSeconds", step.CumulativeTravelSeconds, travel);
            for (int d = 0; d < load.Length; d++)
            {
                if (step.LoadAfter[d] != load[d])
                {
                    Add(ViolationKind.ReportedValue, path, $"load[{problem.DimensionNames[d]}] is reported as {step.LoadAfter[d]} but recomputes to {load[d]}");
                }
            }
        }

        private void CheckLoad(string path, long[] load, Vehicle vehicle)
        {
            for (int d = 0; d < load.Length; d++)
            {
                if (load[d] > vehicle.Capacity[d] || load[d] < 0)
                {
                    Add(ViolationKind.Capacity, path, $"load {load[d]} of {problem.DimensionNames[d]} is outside [0, {vehicle.Capacity[d]}]");
                }
            }
        }

        private void CheckCoverage()
        {
            var listedJobs = new int[problem.Jobs.Length];
            var listedShipments = new int[problem.Shipments.Length];
            var unassigned = solution.Unassigned.IsDefault ? [] : solution.Unassigned;
            var reasons = new ReasonVerifier(problem);
            double penalty = 0;
            int mandatory = 0;
            for (int u = 0; u < unassigned.Length; u++)
            {
                var task = unassigned[u];
                string path = $"unassigned[{u}]";
                bool isJob = task.Kind == TaskKind.Job;
                int count = isJob ? problem.Jobs.Length : problem.Shipments.Length;
                if (task.TaskIndex < 0 || task.TaskIndex >= count)
                {
                    Add(ViolationKind.Structure, path, $"{task.Kind} index {task.TaskIndex} does not exist");
                    continue;
                }

                string id = isJob ? problem.Jobs[task.TaskIndex].Id : problem.Shipments[task.TaskIndex].Id;
                if (task.Id != id)
                {
                    Add(ViolationKind.Structure, path, $"id '{task.Id}' does not match {task.Kind} {task.TaskIndex} ('{id}')");
                }

                (isJob ? listedJobs : listedShipments)[task.TaskIndex]++;
                double? taskPenalty = isJob ? problem.Jobs[task.TaskIndex].Penalty : problem.Shipments[task.TaskIndex].Penalty;
                penalty += taskPenalty ?? 0;
                mandatory += taskPenalty is null ? 1 : 0;
                if (reasons.Verify(task, taskPenalty is not null) is { } wrong)
                {
                    Add(ViolationKind.Reason, path, wrong);
                }
            }

            for (int j = 0; j < problem.Jobs.Length; j++)
            {
                if (_jobServed[j] + listedJobs[j] != 1)
                {
                    Add(ViolationKind.Coverage, $"jobs[{j}]",
                        $"job '{problem.Jobs[j].Id}' is served {_jobServed[j]} time(s) and listed unassigned {listedJobs[j]} time(s); exactly one of the two is required");
                }
            }

            for (int s = 0; s < problem.Shipments.Length; s++)
            {
                string id = problem.Shipments[s].Id;
                if (_pickupServed[s] != _deliveryServed[s] && _pickupServed[s] + _deliveryServed[s] > 0)
                {
                    Add(ViolationKind.PickupDelivery, $"shipments[{s}]", $"shipment '{id}' is picked up {_pickupServed[s]} time(s) but delivered {_deliveryServed[s]} time(s)");
                }

                int served = Math.Max(_pickupServed[s], _deliveryServed[s]);
                if (served + listedShipments[s] != 1)
                {
                    Add(ViolationKind.Coverage, $"shipments[{s}]",
                        $"shipment '{id}' is served {served} time(s) and listed unassigned {listedShipments[s]} time(s); exactly one of the two is required");
                }
            }

            Compare("solution", "cost.penalty", solution.Cost.Penalty, penalty);
            if (solution.UnservedMandatoryCount != mandatory)
            {
                Add(ViolationKind.ReportedValue, "solution", $"unservedMandatoryCount is reported as {solution.UnservedMandatoryCount} but {mandatory} mandatory tasks are unassigned");
            }
        }

        private void CheckTotals()
        {
            if (_totalsUnknown)
            {
                return;
            }

            Compare("solution", "cost.fixed", solution.Cost.Fixed, _fixed);
            Compare("solution", "cost.distance", solution.Cost.Distance, _distanceCost);
            Compare("solution", "cost.time", solution.Cost.Time, _timeCost);
            Compare("solution", "distanceMetres", solution.DistanceMetres, _distance);
            Compare("solution", "durationSeconds", solution.DurationSeconds, _duration);
        }
    }

    /// <summary>
    /// Verifies unassigned reasons from the data with its own bounds: a proven reason must hold for every vehicle that
    /// passes the earlier tests (skills, capacity, reachability, time windows, route limits, in that order).
    /// </summary>
    private sealed class ReasonVerifier(RoutingProblem problem)
    {
        private readonly Dictionary<(string, int, bool), double[]> _shortest = [];

        public string? Verify(UnassignedTask task, bool optional)
        {
            switch (task.Reason)
            {
                case UnassignedReason.PenaltyCheaperThanService:
                    return optional ? null : "a mandatory task cannot be left out because of its penalty";
                case UnassignedReason.NoRoomFound:
                    return optional ? "an optional task left out by the solver is reported as PenaltyCheaperThanService" : null;
            }

            int level = task.Reason switch
            {
                UnassignedReason.NoVehicleWithSkills => 0,
                UnassignedReason.ExceedsCapacity => 1,
                UnassignedReason.Unreachable => 2,
                UnassignedReason.TimeWindowUnreachable => 3,
                _ => 4,
            };
            for (int v = 0; v < problem.Vehicles.Length; v++)
            {
                int passed = Passes(task, v);
                if (passed > level)
                {
                    return $"reason {task.Reason} is not proven: vehicle '{problem.Vehicles[v].Id}' passes that test";
                }
            }

            return null;
        }

        // Number of tests (skills, capacity, reach, time, limits) vehicle v passes for the task, stopping at the first failure.
        private int Passes(UnassignedTask task, int v)
        {
            var vehicle = problem.Vehicles[v];
            var table = problem.Travel(vehicle.Profile);
            var stops = new List<(int Location, double Service, ImmutableArray<TimeWindow> Windows)>();
            ImmutableArray<string> skills;
            bool fits;
            if (task.Kind == TaskKind.Job)
            {
                var job = problem.Jobs[task.TaskIndex];
                skills = job.Skills;
                fits = Enumerable.Range(0, problem.DimensionCount).All(d => job.Delivery[d] <= vehicle.Capacity[d] && job.Pickup[d] <= vehicle.Capacity[d]);
                stops.Add((job.Location, job.ServiceSeconds, job.TimeWindows));
            }
            else
            {
                var shipment = problem.Shipments[task.TaskIndex];
                skills = shipment.Skills;
                fits = Enumerable.Range(0, problem.DimensionCount).All(d => shipment.Amount[d] <= vehicle.Capacity[d]);
                stops.Add((shipment.Pickup.Location, shipment.Pickup.ServiceSeconds, shipment.Pickup.TimeWindows));
                stops.Add((shipment.Delivery.Location, shipment.Delivery.ServiceSeconds, shipment.Delivery.TimeWindows));
            }

            if (!skills.All(s => vehicle.Skills.Contains(s, StringComparer.Ordinal)))
            {
                return 0;
            }

            if (!fits)
            {
                return 1;
            }

            var path = new List<int> { vehicle.Start };
            path.AddRange(stops.Select(s => s.Location));
            if (vehicle.End is { } end)
            {
                path.Add(end);
            }

            double travel = 0, distance = 0;
            for (int k = 1; k < path.Count; k++)
            {
                travel += Shortest(table, path[k - 1], path[k], false);
                distance += Shortest(table, path[k - 1], path[k], true);
            }

            if (double.IsPositiveInfinity(travel))
            {
                return 2;
            }

            double time = vehicle.Shift.Start;
            for (int k = 0; k < stops.Count; k++)
            {
                time += Shortest(table, path[k], path[k + 1], false);
                int w = 0;
                while (w < stops[k].Windows.Length && time > stops[k].Windows[w].End + 1e-6)
                {
                    w++;
                }

                if (w == stops[k].Windows.Length)
                {
                    return 3;
                }

                time = Math.Max(time, stops[k].Windows[w].Start) + stops[k].Service;
            }

            if (vehicle.End is { } e2)
            {
                time += Shortest(table, path[^2], e2, false);
            }

            // Every break of a used vehicle is taken on the route: a lone-task route lasts at least travel + service +
            // breaks, so it cannot end before the shift start plus that.
            double service = stops.Sum(s => s.Service);
            double breaks = vehicle.Breaks.Sum(b => b.DurationSeconds);
            if (time > vehicle.Shift.End + 1e-6 || vehicle.Shift.Start + travel + service + breaks > vehicle.Shift.End + 1e-6)
            {
                return 3;
            }

            bool over = (vehicle.MaxDurationSeconds is { } md && travel + service + breaks > md + 1e-6) ||
                        (vehicle.MaxTravelSeconds is { } mt && travel > mt + 1e-6) ||
                        (vehicle.MaxDistanceMetres is { } mm && distance > mm + 1e-6) ||
                        (vehicle.MaxStops is { } ms && stops.Count > ms);
            return over ? 4 : 5;
        }

        // Shortest travel over the whole table (Bellman–Ford style relaxation rounds would also do; this is Dijkstra).
        private double Shortest(TravelTable table, int from, int to, bool byDistance)
        {
            if (from == to)
            {
                return 0;
            }

            if (!_shortest.TryGetValue((table.Profile, from, byDistance), out var best))
            {
                int n = table.Size;
                best = Enumerable.Repeat(double.PositiveInfinity, n).ToArray();
                var settled = new bool[n];
                best[from] = 0;
                var queue = new PriorityQueue<int, double>();
                queue.Enqueue(from, 0);
                while (queue.TryDequeue(out int u, out double du))
                {
                    if (settled[u])
                    {
                        continue;
                    }

                    settled[u] = true;
                    for (int w = 0; w < n; w++)
                    {
                        double c = byDistance ? table.DistanceMetres(u, w) : table.DurationSeconds(u, w);
                        if (du + c < best[w])
                        {
                            best[w] = du + c;
                            queue.Enqueue(w, best[w]);
                        }
                    }
                }

                _shortest[(table.Profile, from, byDistance)] = best;
            }

            return best[to];
        }
    }
}
