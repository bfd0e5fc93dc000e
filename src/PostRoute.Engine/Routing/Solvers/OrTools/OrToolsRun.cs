using System.Collections.Immutable;
using System.Diagnostics;
using Google.OrTools.ConstraintSolver;
using Google.Protobuf.WellKnownTypes;
using OrFirstSolution = Google.OrTools.ConstraintSolver.FirstSolutionStrategy.Types.Value;
using OrMetaheuristic = Google.OrTools.ConstraintSolver.LocalSearchMetaheuristic.Types.Value;

namespace PostRoute.Engine.Routing.Solvers.OrTools;

/// <summary>One solve: builds the OR-Tools model for a problem, runs the search and rebuilds the solution.</summary>
internal sealed class OrToolsRun
{
    private const double Eps = 1e-6;
    private const long S = OrToolsSolver.TimeTicksPerSecond;
    private const long DS = OrToolsSolver.DistanceTicksPerMetre;

    private readonly RoutingProblem _problem;
    private readonly SolveOptions _options;
    private readonly OrToolsOptions _orOptions;
    private readonly IProgress<SolveProgress>? _progress;
    private readonly CancellationToken _ct;
    private readonly string _solverName;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<SolveProgress> _improvements = [];
    private readonly object _gate = new();

    // Model state.
    private readonly List<Stop> _stops = [];
    private readonly List<StopGroup> _groups = [];
    private UnassignableAnalysis _analysis = null!;
    private int[] _nodeLocation = [];
    private long[] _serviceTicks = [];
    private RoutingIndexManager _manager = null!;
    private RoutingModel _model = null!;
    private RoutingDimension _time = null!;
    private RoutingDimension? _schedule;
    private int[] _timeEvaluators = [];
    private readonly Dictionary<string, long[][]> _timeTransits = new(StringComparer.Ordinal);
    private readonly List<(IntervalVar Interval, int Break)>[] _breaks;
    private long _horizon;

    // Search state. Interim solutions are built without delaying route starts (which only matters for hourly
    // costs and reported times); the final one is rebuilt in full from the best plans.
    private RoutingSolution? _best;
    private List<RoutePlan>? _bestPlans;
    private bool _anyHourlyCost;
    private TimeSpan _timeToBest;
    private long _bestObjective = long.MaxValue;
    private TimeSpan _lastImprovement;
    private bool _searching;
    private bool _stoppedByCriterion;

    // Warm start (OrToolsOptions.InitialRoutes): the cleaned plans as OR-Tools variable indices per vehicle, and the
    // same plans rebuilt by SolutionFactory when SolutionChecker accepts them (a floor for the result).
    private long[][]? _startRoutes;
    private RoutingSolution? _startSolution;
    private TimeSpan _startBuilt;

    /// <summary>What became of <see cref="OrToolsOptions.InitialRoutes"/> in this run (set by <see cref="Execute"/>).</summary>
    public WarmStartOutcome WarmStart { get; private set; }

    public OrToolsRun(RoutingProblem problem, SolveOptions options, OrToolsOptions orOptions, IProgress<SolveProgress>? progress, CancellationToken ct, string solverName)
    {
        _problem = problem;
        _options = options;
        _orOptions = orOptions;
        _progress = progress;
        _ct = ct;
        _solverName = solverName;
        _breaks = [.. problem.Vehicles.Select(_ => new List<(IntervalVar, int)>())];
    }

    /// <summary>A model node: one time window of a job, a shipment's pickup or its delivery.</summary>
    private readonly record struct Stop(StepKind Kind, int TaskIndex, int Location, double Service, TimeWindow Window);

    /// <summary>
    /// The nodes of one job, pickup or delivery: one per usable time window, alternatives of one disjunction. OR-Tools
    /// could also take the gaps between windows as holes in the cumul domain, but removing an interval from a domain
    /// costs one step (and memory) per time tick: a two-hour noon closure at 1/1000 s made building the model of a
    /// province's mail run take minutes and gigabytes, before the search and its time limit even started.
    /// </summary>
    private readonly record struct StopGroup(StepKind Kind, int TaskIndex, int[] Nodes)
    {
        public Stop First(List<Stop> stops) => stops[Nodes[0]];
    }

    public SolveResult Execute()
    {
        if (_ct.IsCancellationRequested)
        {
            return Result(SolutionFactory.Empty(_problem), SolveStatus.Cancelled);
        }

        try
        {
            _analysis = UnassignableAnalysis.Analyze(_problem, _ct);
        }
        catch (OperationCanceledException)
        {
            return Result(SolutionFactory.Empty(_problem), SolveStatus.Cancelled);
        }

        CollectStops();
        if (_stops.Count == 0 || _problem.Vehicles.Length == 0)
        {
            var empty = SolutionFactory.Empty(_problem, _analysis);
            return Result(empty, SolveStatus.Completed);
        }

        try
        {
            BuildModel();
        }
        catch (OperationCanceledException) when (_ct.IsCancellationRequested)
        {
            return Result(SolutionFactory.Empty(_problem, _analysis), SolveStatus.Cancelled);
        }

        PrepareStart();
        return Search();
    }

    private SolveResult Result(RoutingSolution solution, SolveStatus status) =>
        new(solution, status, _clock.Elapsed, _best is null ? _clock.Elapsed : _timeToBest, [.. _improvements], _solverName);

    private void CollectStops()
    {
        for (int j = 0; j < _problem.Jobs.Length; j++)
        {
            if (Enumerable.Range(0, _problem.Vehicles.Length).Any(v => _analysis.CanServeJob(v, j)))
            {
                var job = _problem.Jobs[j];
                AddStop(StepKind.Job, j, job.Location, job.ServiceSeconds, job.TimeWindows);
            }
        }

        for (int s = 0; s < _problem.Shipments.Length; s++)
        {
            if (Enumerable.Range(0, _problem.Vehicles.Length).Any(v => _analysis.CanServeShipment(v, s)))
            {
                var shipment = _problem.Shipments[s];
                AddStop(StepKind.Pickup, s, shipment.Pickup.Location, shipment.Pickup.ServiceSeconds, shipment.Pickup.TimeWindows);
                AddStop(StepKind.Delivery, s, shipment.Delivery.Location, shipment.Delivery.ServiceSeconds, shipment.Delivery.TimeWindows);
            }
        }
    }

    /// <summary>Adds a stop's nodes (see <see cref="StopGroup"/>); a shipment's delivery group follows its pickup group.</summary>
    private void AddStop(StepKind kind, int taskIndex, int location, double service, ImmutableArray<TimeWindow> windows)
    {
        // A window narrower than one time tick cannot be met safely in integers (see SetShiftsAndWindows); when no
        // window is left, one node keeps the stop in the model, where it is left out.
        var usable = windows.Where(w => w.IsOpenEnded || Down(w.End, S) >= Up(w.Start, S)).ToList();
        if (usable.Count == 0)
        {
            usable.Add(windows[0]);
        }

        var nodes = new int[usable.Count];
        for (int w = 0; w < usable.Count; w++)
        {
            nodes[w] = _stops.Count;
            _stops.Add(new Stop(kind, taskIndex, location, service, usable[w]));
        }

        _groups.Add(new StopGroup(kind, taskIndex, nodes));
    }

    /// <summary>
    /// Turns <see cref="OrToolsOptions.InitialRoutes"/> into OR-Tools routes (see there for what is dropped) and keeps
    /// the cleaned plans' solution when it is valid.
    /// </summary>
    private void PrepareStart()
    {
        if (_orOptions.InitialRoutes.IsDefaultOrEmpty)
        {
            return;
        }

        var groups = _groups.ToDictionary(g => (g.Kind, g.TaskIndex));
        var plans = new List<RoutePlan>();
        var vehiclesSeen = new HashSet<int>();
        for (int i = 0; i < _orOptions.InitialRoutes.Length; i++)
        {
            // Like SearchSolver: a start naming no or a repeated vehicle is a caller's mistake, not a dropped visit.
            var plan = _orOptions.InitialRoutes[i] ?? throw new ArgumentException($"OrToolsOptions.InitialRoutes[{i}] is null.", "options");
            int v = plan.VehicleIndex;
            if (v < 0 || v >= _problem.Vehicles.Length)
            {
                throw new ArgumentException($"OrToolsOptions.InitialRoutes[{i}].VehicleIndex {v} is out of range (the problem has {_problem.Vehicles.Length} vehicles).", "options");
            }

            if (!vehiclesSeen.Add(v))
            {
                throw new ArgumentException($"OrToolsOptions.InitialRoutes[{i}]: vehicle {v} is planned twice.", "options");
            }

            if (plan.Visits.IsDefault)
            {
                continue;
            }

            bool Servable(Visit visit) => groups.ContainsKey((visit.Kind, visit.TaskIndex)) &&
                (visit.Kind == StepKind.Job ? _analysis.CanServeJob(v, visit.TaskIndex) : _analysis.CanServeShipment(v, visit.TaskIndex));

            // Groups exist only for known tasks, so Servable also rules out indices out of range.
            var seen = new HashSet<Visit>();
            var candidates = plan.Visits.Where(x => x.Kind is StepKind.Job or StepKind.Pickup or StepKind.Delivery && Servable(x) && seen.Add(x)).ToList();
            var pickedUp = new HashSet<int>();
            var delivered = candidates.Where(x => x.Kind == StepKind.Delivery).Select(x => x.TaskIndex).ToHashSet();
            var complete = new HashSet<int>();
            foreach (var visit in candidates)
            {
                if (visit.Kind == StepKind.Pickup)
                {
                    pickedUp.Add(visit.TaskIndex);
                }
                else if (visit.Kind == StepKind.Delivery && pickedUp.Contains(visit.TaskIndex))
                {
                    complete.Add(visit.TaskIndex);
                }
            }

            ImmutableArray<Visit> visits = [.. candidates.Where(x => x.Kind == StepKind.Job || complete.Contains(x.TaskIndex))];
            if (!visits.IsEmpty)
            {
                plans.Add(new RoutePlan(v, visits));
            }
        }

        if (plans.Count == 0)
        {
            return;
        }

        // The schedule of the cleaned plans tells which window of a several-window stop each visit meets.
        var start = SolutionFactory.Create(_problem, plans, _analysis);
        var routes = new long[_problem.Vehicles.Length][];
        for (int v = 0; v < routes.Length; v++)
        {
            routes[v] = [];
        }

        foreach (var route in start.Routes)
        {
            routes[route.VehicleIndex] =
            [
                .. route.Steps.Where(s => s.Kind is StepKind.Job or StepKind.Pickup or StepKind.Delivery).Select(step =>
                {
                    var nodes = groups[(step.Kind, step.TaskIndex)].Nodes;
                    int node = nodes.FirstOrDefault(n => Fits(_stops[n].Window, step.ServiceStartSeconds), nodes[0]);
                    return _manager.NodeToIndex(node);
                }),
            ];
        }

        _startRoutes = routes;
        if (SolutionChecker.Check(_problem, start).IsValid)
        {
            _startSolution = start;
            _startBuilt = _clock.Elapsed;
        }
    }

    private static bool Fits(TimeWindow window, double time) => time >= window.Start - Eps && (window.IsOpenEnded || time <= window.End + Eps);

    private static long Up(double value, long scale) => (long)Math.Ceiling((value * scale) - Eps);

    private static long Down(double value, long scale) => (long)Math.Floor((value * scale) + Eps);

    private void BuildModel()
    {
        var vehicles = _problem.Vehicles;
        int vehicleCount = vehicles.Length;

        // Nodes: the stops, then one node per distinct start/end location, then a dummy end for open routes.
        var depotNode = new Dictionary<int, int>();
        var locations = _stops.Select(s => s.Location).ToList();
        foreach (var vehicle in vehicles)
        {
            foreach (int location in vehicle.End is { } e ? [vehicle.Start, e] : new[] { vehicle.Start })
            {
                if (!depotNode.ContainsKey(location))
                {
                    depotNode[location] = locations.Count;
                    locations.Add(location);
                }
            }
        }

        bool anyOpen = vehicles.Any(v => v.End is null);
        int dummy = anyOpen ? locations.Count : -1;
        if (anyOpen)
        {
            locations.Add(-1);
        }

        _nodeLocation = [.. locations];
        int nodes = _nodeLocation.Length;
        _serviceTicks = new long[nodes];
        for (int i = 0; i < _stops.Count; i++)
        {
            _serviceTicks[i] = Up(_stops[i].Service, S);
        }

        var profiles = vehicles.Select(v => v.Profile).Distinct(StringComparer.Ordinal).ToList();
        double maxLeg = 0, maxDistance = 0, distanceSum = 0;
        long finiteArcs = 0;
        foreach (var profile in profiles)
        {
            var table = _problem.Travel(profile);
            foreach (int a in _nodeLocation.Where(l => l >= 0).Distinct())
            {
                foreach (int b in _nodeLocation.Where(l => l >= 0).Distinct())
                {
                    if (table.IsReachable(a, b))
                    {
                        maxLeg = Math.Max(maxLeg, table.DurationSeconds(a, b));
                        maxDistance = Math.Max(maxDistance, table.DistanceMetres(a, b));
                        distanceSum += table.DistanceMetres(a, b);
                        finiteArcs++;
                    }
                }
            }
        }

        // Horizon: later than any time a sensible schedule can reach.
        double latestFinite = 0;
        foreach (var vehicle in vehicles)
        {
            latestFinite = Math.Max(latestFinite, vehicle.Shift.Start);
            if (!vehicle.Shift.IsOpenEnded)
            {
                latestFinite = Math.Max(latestFinite, vehicle.Shift.End);
            }

            foreach (var w in vehicle.Breaks.SelectMany(b => b.Windows))
            {
                latestFinite = Math.Max(latestFinite, w.IsOpenEnded ? w.Start : w.End);
            }
        }

        foreach (var w in _stops.Select(s => s.Window))
        {
            latestFinite = Math.Max(latestFinite, w.IsOpenEnded ? w.Start : w.End);
        }

        double horizonSeconds = latestFinite + _groups.Sum(g => g.First(_stops).Service) +
                                vehicles.Sum(v => v.Breaks.Sum(b => b.DurationSeconds)) + ((_groups.Count + 2) * maxLeg) + 1;
        _horizon = Up(horizonSeconds, S);
        long unreachableTime = _horizon + 1;

        // Transit time = service at the origin + travel, per profile, node-indexed.
        var timeEvaluator = new Dictionary<string, int>(StringComparer.Ordinal);
        _manager = new RoutingIndexManager(
            nodes,
            vehicleCount,
            [.. vehicles.Select(v => depotNode[v.Start])],
            [.. vehicles.Select(v => v.End is { } e ? depotNode[e] : dummy)]);
        _model = new RoutingModel(_manager);
        foreach (var profile in profiles)
        {
            var table = _problem.Travel(profile);
            var transits = Matrix(nodes, (a, b) =>
            {
                if (_nodeLocation[b] < 0)
                {
                    return _serviceTicks[a];
                }

                if (_nodeLocation[a] < 0)
                {
                    return 0;
                }

                double travel = table.DurationSeconds(_nodeLocation[a], _nodeLocation[b]);
                return double.IsPositiveInfinity(travel) ? unreachableTime : _serviceTicks[a] + Up(travel, S);
            });
            _timeTransits[profile] = transits;
            timeEvaluator[profile] = _model.RegisterTransitMatrix(transits);
        }

        // Two time dimensions when there are breaks (see AddBreaks): "time" carries the hourly cost and the duration
        // limit as span cost and span bound, without breaks; "schedule" is the same clock with the breaks placed
        // inside the routes, and no cost. Without breaks, "time" alone does both.
        _timeEvaluators = [.. vehicles.Select(v => timeEvaluator[v.Profile])];
        _model.AddDimensionWithVehicleTransits(_timeEvaluators, _horizon, _horizon, false, "time");
        _time = _model.GetMutableDimension("time");
        if (vehicles.Any(v => !v.Breaks.IsEmpty))
        {
            _model.AddDimensionWithVehicleTransits(_timeEvaluators, _horizon, _horizon, false, "schedule");
            _schedule = _model.GetMutableDimension("schedule");
        }

        // Cost scaling (see the class remarks of OrToolsSolver).
        double maxPerMetre = vehicles.Max(v => v.CostPerKm / 1000);
        double minPerSecond = vehicles.Where(v => v.CostPerHour > 0).Select(v => v.CostPerHour / 3600).DefaultIfEmpty(0).Min();
        double typicalArc = finiteArcs > 0 ? maxPerMetre * distanceSum / finiteArcs : 0;
        double optionalPenalties = _problem.Jobs.Sum(j => j.Penalty ?? 0) + _problem.Shipments.Sum(s => s.Penalty ?? 0);
        double routeBound = 1 + vehicles.Sum(v => v.FixedCost) + (maxPerMetre * maxDistance * (_groups.Count + vehicleCount)) +
                            vehicles.Sum(v => v.CostPerHour / 3600 * (horizonSeconds + v.Breaks.Sum(b => b.DurationSeconds))) + optionalPenalties;
        int mandatory = _groups.Count(g => g.Kind != StepKind.Delivery && !IsOptional(g.First(_stops)));
        bool vehiclesFirst = _problem.Objective == Objective.MinimizeVehiclesFirst;
        double growth = (1 + (vehiclesFirst ? vehicleCount : 0)) * (1 + (1.5 * mandatory)) * 2;
        double kOverflow = 1e18 / (routeBound * growth);
        double kPrecision = Math.Max(1, Math.Max(typicalArc > 0 ? 1e6 / typicalArc : 1, minPerSecond > 0 ? 1e4 * S / minPerSecond : 1));
        double k = Math.Min(kPrecision, kOverflow);
        long routeTicks = (long)Math.Ceiling(routeBound * k);
        long vehicleWeight = vehiclesFirst ? routeTicks + 1 : 0;
        long mandatoryPenalty = routeTicks + (vehicleCount * vehicleWeight) + 1;

        // Arc costs per (profile, cost per km): distance only; time is charged through the span cost.
        var costEvaluator = new Dictionary<(string, double), int>();
        long unreachableCost = Math.Min(routeTicks, (long)1e15);
        for (int v = 0; v < vehicleCount; v++)
        {
            var vehicle = vehicles[v];
            var key = (vehicle.Profile, vehicle.CostPerKm);
            if (!costEvaluator.TryGetValue(key, out int evaluator))
            {
                var table = _problem.Travel(vehicle.Profile);
                double perMetre = vehicle.CostPerKm / 1000 * k;
                evaluator = _model.RegisterTransitMatrix(Matrix(nodes, (a, b) =>
                {
                    if (_nodeLocation[a] < 0 || _nodeLocation[b] < 0)
                    {
                        return 0;
                    }

                    double d = table.DistanceMetres(_nodeLocation[a], _nodeLocation[b]);
                    return double.IsPositiveInfinity(d) ? unreachableCost : (long)Math.Round(perMetre * d);
                }));
                costEvaluator[key] = evaluator;
            }

            _model.SetArcCostEvaluatorOfVehicle(evaluator, v);
            // Breaks are taken whenever the vehicle is used, so their hourly cost is a fixed cost (see AddBreaks).
            double breakCost = vehicle.CostPerHour / 3600 * vehicle.Breaks.Sum(b => b.DurationSeconds);
            _model.SetFixedCostOfVehicle((long)Math.Round((vehicle.FixedCost + breakCost) * k) + vehicleWeight, v);
            long spanCoefficient = (long)Math.Round(vehicle.CostPerHour / 3600 * k / S);
            if (spanCoefficient > 0)
            {
                _time.SetSpanCostCoefficientForVehicle(spanCoefficient, v);
            }

            if (vehicle.MaxDurationSeconds is { } maxDuration)
            {
                // With breaks this bound on the break-free clock is a relaxation; AddBreaks adds the exact one.
                _time.SetSpanUpperBoundForVehicle(Down(maxDuration, S), v);
            }
        }

        SetShiftsAndWindows(_time);
        if (_schedule is not null)
        {
            SetShiftsAndWindows(_schedule);
        }

        AddCapacityDimensions();
        AddLimitDimensions(profiles, nodes, maxLeg, maxDistance);
        AddTasks(mandatoryPenalty, k);
        AddBreaks();

        // The schedule is the earliest end, then the latest start (no idle time at the start).
        for (int v = 0; v < vehicleCount; v++)
        {
            foreach (var dimension in _schedule is not null && !vehicles[v].Breaks.IsEmpty ? [_time, _schedule] : new[] { _time })
            {
                _model.AddVariableMinimizedByFinalizer(dimension.CumulVar(_model.End(v)));
                _model.AddVariableMaximizedByFinalizer(dimension.CumulVar(_model.Start(v)));
            }
        }
    }

    /// <summary>The dimension whose cumuls are vehicle <paramref name="v"/>'s real schedule (with its breaks).</summary>
    private RoutingDimension ScheduleOf(int v) => _schedule is not null && !_problem.Vehicles[v].Breaks.IsEmpty ? _schedule : _time;

    /// <summary>Shifts bound route starts and ends; a stop's cumul is its service start, within one of its windows.</summary>
    private void SetShiftsAndWindows(RoutingDimension dimension)
    {
        for (int v = 0; v < _problem.Vehicles.Length; v++)
        {
            var shift = _problem.Vehicles[v].Shift;
            long shiftStart = Up(shift.Start, S);
            // A shift narrower than one tick keeps its start (a sub-millisecond excess at worst).
            long shiftEnd = Math.Max(shiftStart, shift.IsOpenEnded ? _horizon : Math.Min(_horizon, Down(shift.End, S)));
            dimension.CumulVar(_model.Start(v)).SetRange(shiftStart, shiftEnd);
            dimension.CumulVar(_model.End(v)).SetRange(shiftStart, shiftEnd);
        }

        for (int i = 0; i < _stops.Count; i++)
        {
            // One window per node: several windows are alternative nodes (see StopGroup), never domain holes.
            var window = _stops[i].Window;
            var cumul = dimension.CumulVar(_manager.NodeToIndex(i));
            long low = Up(window.Start, S);
            long high = window.IsOpenEnded ? _horizon : Math.Min(_horizon, Down(window.End, S));
            if (high < Math.Min(low, _horizon))
            {
                // A window narrower than one time tick cannot be met safely in integers: leave the stop out.
                _model.ActiveVar(_manager.NodeToIndex(i)).SetValue(0);
                continue;
            }

            cumul.SetRange(Math.Min(low, _horizon), high);
        }
    }

    private bool IsOptional(Stop stop) =>
        stop.Kind == StepKind.Job ? _problem.Jobs[stop.TaskIndex].IsOptional : _problem.Shipments[stop.TaskIndex].IsOptional;

    /// <summary>An n × n transit matrix; the bulk of building the model, so cancellation is checked per row.</summary>
    private long[][] Matrix(int n, Func<int, int, long> value)
    {
        var m = new long[n][];
        for (int a = 0; a < n; a++)
        {
            _ct.ThrowIfCancellationRequested();
            m[a] = new long[n];
            for (int b = 0; b < n; b++)
            {
                m[a][b] = value(a, b);
            }
        }

        return m;
    }

    private void AddCapacityDimensions()
    {
        int nodes = _nodeLocation.Length;
        var vehicles = _problem.Vehicles;
        for (int d = 0; d < _problem.DimensionCount; d++)
        {
            var delivery = new long[nodes];
            var load = new long[nodes];
            bool jobDeliveries = false, others = false;
            long total = 0;
            for (int i = 0; i < _stops.Count; i++)
            {
                var stop = _stops[i];
                if (stop.Kind == StepKind.Job)
                {
                    var job = _problem.Jobs[stop.TaskIndex];
                    delivery[i] = job.Delivery[d];
                    load[i] = job.Pickup[d] - job.Delivery[d];
                    jobDeliveries |= job.Delivery[d] != 0;
                    others |= job.Pickup[d] != 0;
                    total += job.Delivery[d] + job.Pickup[d];
                }
                else
                {
                    long amount = _problem.Shipments[stop.TaskIndex].Amount[d];
                    load[i] = stop.Kind == StepKind.Pickup ? amount : -amount;
                    others |= amount != 0;
                    total += stop.Kind == StepKind.Pickup ? amount : 0;
                }
            }

            if (!jobDeliveries && !others)
            {
                continue;
            }

            // A load never exceeds the total of all amounts, so larger capacities are clamped to keep numbers small.
            long[] capacity = [.. vehicles.Select(v => Math.Min(v.Capacity[d], total))];
            string name = "capacity" + d;
            if (!others)
            {
                // Deliveries only: the classic CVRP dimension of amounts delivered so far.
                _model.AddDimensionWithVehicleCapacity(_model.RegisterUnaryTransitVector(delivery), 0, capacity, true, name);
            }
            else if (!jobDeliveries)
            {
                // Pickups and shipments only: the load starts empty.
                _model.AddDimensionWithVehicleCapacity(_model.RegisterUnaryTransitVector(load), 0, capacity, true, name);
            }
            else
            {
                // Mixed: the load leaves the start with every delivery of the route on board, which a second
                // dimension (deliveries so far) measures at the route's end.
                _model.AddDimensionWithVehicleCapacity(_model.RegisterUnaryTransitVector(load), 0, capacity, false, name);
                _model.AddDimensionWithVehicleCapacity(_model.RegisterUnaryTransitVector(delivery), 0, capacity, true, name + "delivered");
                var loadDimension = _model.GetMutableDimension(name);
                var deliveredDimension = _model.GetMutableDimension(name + "delivered");
                var solver = _model.solver();
                for (int v = 0; v < vehicles.Length; v++)
                {
                    solver.Add(solver.MakeEquality(loadDimension.CumulVar(_model.Start(v)), deliveredDimension.CumulVar(_model.End(v))));
                }
            }
        }
    }

    /// <summary>
    /// A dimension summing one travel measure along each route, bounded per vehicle by <paramref name="limitOf"/>
    /// (unbounded vehicles get a bound no route can reach; unreachable legs exceed every bound).
    /// </summary>
    private void AddCumulativeLimit(string name, List<string> profiles, int nodes, double maxLeg, long scale,
        Func<Vehicle, double?> limitOf, Func<TravelTable, int, int, double> measure)
    {
        var vehicles = _problem.Vehicles;
        long unlimited = Up(maxLeg, scale) * (_stops.Count + 2);
        var evaluator = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var profile in profiles)
        {
            var table = _problem.Travel(profile);
            evaluator[profile] = _model.RegisterTransitMatrix(Matrix(nodes, (a, b) =>
            {
                if (_nodeLocation[a] < 0 || _nodeLocation[b] < 0)
                {
                    return 0;
                }

                double value = measure(table, _nodeLocation[a], _nodeLocation[b]);
                return double.IsPositiveInfinity(value) ? unlimited + 1 : Up(value, scale);
            }));
        }

        _model.AddDimensionWithVehicleTransitAndCapacity(
            [.. vehicles.Select(v => evaluator[v.Profile])], 0,
            [.. vehicles.Select(v => limitOf(v) is { } m ? Math.Min(unlimited, Down(m, scale)) : unlimited)], true, name);
    }

    private void AddLimitDimensions(List<string> profiles, int nodes, double maxLeg, double maxDistance)
    {
        var vehicles = _problem.Vehicles;
        if (vehicles.Any(v => v.MaxDistanceMetres is not null))
        {
            AddCumulativeLimit("distance", profiles, nodes, maxDistance, DS, v => v.MaxDistanceMetres, (t, a, b) => t.DistanceMetres(a, b));
        }

        if (vehicles.Any(v => v.MaxTravelSeconds is not null))
        {
            AddCumulativeLimit("travel", profiles, nodes, maxLeg, S, v => v.MaxTravelSeconds, (t, a, b) => t.DurationSeconds(a, b));
        }

        if (vehicles.Any(v => v.MaxStops is not null))
        {
            var one = new long[nodes];
            for (int i = 0; i < _stops.Count; i++)
            {
                one[i] = 1;
            }

            _model.AddDimensionWithVehicleCapacity(
                _model.RegisterUnaryTransitVector(one), 0,
                [.. vehicles.Select(v => (long)Math.Min(v.MaxStops ?? _stops.Count, _stops.Count))], true, "stops");
        }
    }

    private void AddTasks(long mandatoryPenalty, double k)
    {
        var solver = _model.solver();
        int vehicleCount = _problem.Vehicles.Length;
        for (int g = 0; g < _groups.Count; g++)
        {
            var group = _groups[g];
            if (group.Kind == StepKind.Delivery)
            {
                continue; // added with its pickup
            }

            bool isJob = group.Kind == StepKind.Job;
            double? penalty = isJob ? _problem.Jobs[group.TaskIndex].Penalty : _problem.Shipments[group.TaskIndex].Penalty;
            int priority = isJob ? _problem.Jobs[group.TaskIndex].Priority : _problem.Shipments[group.TaskIndex].Priority;
            long cost = penalty is { } p ? (long)Math.Round(p * k) : mandatoryPenalty + (priority * (mandatoryPenalty / 200));

            // At most one node of a group is visited (one window is used); the penalty is paid when none is.
            long[] indices = Indices(group);
            int disjunction = _model.AddDisjunction(indices, cost);
            var allowed = Enumerable.Range(0, vehicleCount)
                .Where(v => isJob ? _analysis.CanServeJob(v, group.TaskIndex) : _analysis.CanServeShipment(v, group.TaskIndex))
                .Select(v => (long)v)
                .ToList();
            if (allowed.Count < vehicleCount)
            {
                allowed.Add(-1); // -1: not performed
            }
            else
            {
                allowed.Clear();
            }

            RestrictVehicles(indices, allowed);
            if (group.Kind != StepKind.Pickup)
            {
                continue;
            }

            long[] deliveries = Indices(_groups[g + 1]);
            int deliveryDisjunction = _model.AddDisjunction(deliveries, 0); // the pair's penalty sits on its pickup
            RestrictVehicles(deliveries, allowed);
            if (indices.Length == 1 && deliveries.Length == 1)
            {
                long pickup = indices[0], delivery = deliveries[0];
                _model.AddPickupAndDelivery(pickup, delivery);
                solver.Add(solver.MakeEquality(_model.VehicleVar(pickup), _model.VehicleVar(delivery)));
                solver.Add(solver.MakeEquality(_model.ActiveVar(pickup), _model.ActiveVar(delivery)));
                solver.Add(solver.MakeLessOrEqual(_time.CumulVar(pickup), _time.CumulVar(delivery)));
                continue;
            }

            // Alternatives: at most one node per side is active and an inactive node's vehicle is -1, so the sums
            // of (vehicle + 1) are the pair's vehicle + 1, or 0 when it is not served; likewise the sums of
            // active × time are the times of the visited pickup and delivery.
            _model.AddPickupAndDeliverySets(disjunction, deliveryDisjunction);
            solver.Add(solver.MakeEquality(
                solver.MakeSum(solver.MakeSum([.. indices.Select(i => _model.VehicleVar(i))]), indices.Length),
                solver.MakeSum(solver.MakeSum([.. deliveries.Select(i => _model.VehicleVar(i))]), deliveries.Length)));
            solver.Add(solver.MakeLessOrEqual(ActiveTime(indices), ActiveTime(deliveries)));
        }

        IntExpr ActiveTime(long[] alternatives) =>
            solver.MakeSum([.. alternatives.Select(i => solver.MakeProd(_model.ActiveVar(i), _time.CumulVar(i)).Var())]);
    }

    private long[] Indices(StopGroup group) => [.. group.Nodes.Select(n => _manager.NodeToIndex(n))];

    private void RestrictVehicles(long[] indices, List<long> allowed)
    {
        if (allowed.Count > 0)
        {
            foreach (long index in indices)
            {
                _model.VehicleVar(index).SetValues([.. allowed]);
            }
        }
    }

    /// <summary>
    /// Breaks live on the "schedule" dimension, not on "time". OR-Tools lets a break fall before a route's start or
    /// after its end; here a break must be inside its route (it is part of the route's duration), which the side
    /// constraints below impose. OR-Tools' span reasoning cannot see those constraints: while the route could still
    /// float past a wide break window, it counts no break time in the span, so on a dimension with a span cost or
    /// bound its finalizer raised the span one time tick at a time until the break fitted — some 30 000 failed tries
    /// for a one-minute break at 1/1000 s — and no solution was found in time. So the span cost and bound stay on
    /// the break-free "time" dimension (a relaxation of the schedule; the hourly cost of the breaks themselves is
    /// part of the vehicle's fixed cost) and "schedule" has no cost. What OR-Tools misses is stated directly: a
    /// route lasts at least its travel and service ("work", a dimension without slack) plus its breaks, which also
    /// bounds the work of a vehicle with a maximum duration, so that infeasible routes fail at once.
    /// </summary>
    private void AddBreaks()
    {
        if (_schedule is not { } schedule)
        {
            return;
        }

        var vehicles = _problem.Vehicles;
        var breakTicks = vehicles.Select(v => v.Breaks.Sum(b => Up(b.DurationSeconds, S))).ToArray();
        long[] workCapacity = new long[vehicles.Length];
        for (int v = 0; v < vehicles.Length; v++)
        {
            workCapacity[v] = _horizon;
            if (vehicles[v].MaxDurationSeconds is { } maxDuration && !vehicles[v].Breaks.IsEmpty)
            {
                // An unused vehicle still "travels" from its start to its end: keep that possible.
                long idle = _timeTransits[vehicles[v].Profile][_manager.IndexToNode(_model.Start(v))][_manager.IndexToNode(_model.End(v))];
                workCapacity[v] = Math.Min(_horizon, Math.Max(Down(maxDuration, S) - breakTicks[v], idle));
            }
        }

        _model.AddDimensionWithVehicleTransitAndCapacity(_timeEvaluators, 0, workCapacity, true, "work");
        var work = _model.GetMutableDimension("work");

        var solver = _model.solver();
        long[]? visitTransits = null;
        for (int v = 0; v < vehicles.Length; v++)
        {
            var vehicle = vehicles[v];
            if (vehicle.Breaks.IsEmpty)
            {
                continue;
            }

            var start = schedule.CumulVar(_model.Start(v));
            var end = schedule.CumulVar(_model.End(v));
            var span = solver.MakeDifference(end, start).Var();
            if (vehicle.MaxDurationSeconds is { } maxDuration)
            {
                span.SetMax(Down(maxDuration, S));
            }

            solver.Add(solver.MakeGreaterOrEqual(
                span, solver.MakeSum(work.CumulVar(_model.End(v)), solver.MakeProd(_model.ActiveVehicleVar(v), breakTicks[v]))));

            if (visitTransits is null)
            {
                visitTransits = new long[_model.Size()];
                for (long index = 0; index < _model.Size(); index++)
                {
                    visitTransits[index] = _serviceTicks[_manager.IndexToNode(index)];
                }
            }

            var intervals = new IntervalVarVector();
            for (int b = 0; b < vehicle.Breaks.Length; b++)
            {
                var brk = vehicle.Breaks[b];
                // Like stop windows, a break window narrower than one time tick cannot be met safely in integers.
                var windows = brk.Windows
                    .Select(w => (From: Math.Min(_horizon, Up(w.Start, S)), To: w.IsOpenEnded ? _horizon : Math.Min(_horizon, Down(w.End, S))))
                    .Where(w => w.From <= w.To)
                    .ToList();
                if (windows.Count == 0)
                {
                    // The break cannot be taken, so the vehicle cannot be used.
                    _model.ActiveVehicleVar(v).SetValue(0);
                    windows.Add((0, 0));
                }

                // One optional interval per window (removing the gaps from one interval's start domain would cost
                // a step per time tick, see StopGroup); exactly one of them is taken when, and only when, the
                // vehicle is used, and within its route. The conditional start and end must be turned into
                // variables: posted as bare expressions they are not propagated once the interval is fixed (a break
                // window of zero width), and routes then ended before the break.
                var performed = new IntVar[windows.Count];
                for (int w = 0; w < windows.Count; w++)
                {
                    string name = windows.Count == 1 ? $"{vehicle.Id}/{brk.Id}" : $"{vehicle.Id}/{brk.Id}/{w}";
                    var interval = solver.MakeFixedDurationIntervalVar(windows[w].From, windows[w].To, Up(brk.DurationSeconds, S), true, name);
                    performed[w] = interval.PerformedExpr().Var();
                    solver.Add(solver.MakeGreaterOrEqual(interval.SafeStartExpr(_horizon).Var(), start));
                    solver.Add(solver.MakeLessOrEqual(interval.SafeEndExpr(0).Var(), end));
                    _model.AddIntervalToAssignment(interval);
                    intervals.Add(interval);
                    _breaks[v].Add((interval, b));
                }

                solver.Add(solver.MakeEquality(windows.Count == 1 ? performed[0] : solver.MakeSum(performed), _model.ActiveVehicleVar(v)));
            }

            schedule.SetBreakIntervalsOfVehicle(intervals, v, visitTransits);
            if (intervals.Count > 1)
            {
                // OR-Tools only keeps breaks apart from visits; a driver takes one break at a time.
                solver.Add(solver.MakeDisjunctiveConstraint(intervals, $"{vehicle.Id}/breaks"));
            }
        }
    }

    /// <summary>
    /// PostRoute's choice for <see cref="FirstSolutionStrategy.Automatic"/>: parallel cheapest insertion when stops
    /// have time windows or there are shipments (OR-Tools' own automatic choice starts VRPTW searches far worse:
    /// C101 stayed 3 % above the best known in 5 s), path cheapest arc otherwise.
    /// </summary>
    private OrFirstSolution ChooseFirstSolution()
    {
        static bool Bounded(IEnumerable<TimeWindow> windows) => windows.Any(w => w.Start > 0 || !w.IsOpenEnded);
        bool windowed = _problem.Jobs.Any(j => Bounded(j.TimeWindows)) ||
                        _problem.Shipments.Any(s => Bounded(s.Pickup.TimeWindows) || Bounded(s.Delivery.TimeWindows));
        return windowed || _problem.Shipments.Length > 0
            ? OrFirstSolution.ParallelCheapestInsertion
            : OrFirstSolution.PathCheapestArc;
    }

    private SolveResult Search()
    {
        var parameters = operations_research_constraint_solver.DefaultRoutingSearchParameters();
        parameters.FirstSolutionStrategy = _orOptions.FirstSolution switch
        {
            FirstSolutionStrategy.PathCheapestArc => OrFirstSolution.PathCheapestArc,
            FirstSolutionStrategy.PathMostConstrainedArc => OrFirstSolution.PathMostConstrainedArc,
            FirstSolutionStrategy.Savings => OrFirstSolution.Savings,
            FirstSolutionStrategy.ParallelSavings => OrFirstSolution.ParallelSavings,
            FirstSolutionStrategy.Sweep => OrFirstSolution.Sweep,
            FirstSolutionStrategy.Christofides => OrFirstSolution.Christofides,
            FirstSolutionStrategy.ParallelCheapestInsertion => OrFirstSolution.ParallelCheapestInsertion,
            FirstSolutionStrategy.SequentialCheapestInsertion => OrFirstSolution.SequentialCheapestInsertion,
            FirstSolutionStrategy.LocalCheapestInsertion => OrFirstSolution.LocalCheapestInsertion,
            FirstSolutionStrategy.LocalCheapestCostInsertion => OrFirstSolution.LocalCheapestCostInsertion,
            FirstSolutionStrategy.GlobalCheapestArc => OrFirstSolution.GlobalCheapestArc,
            FirstSolutionStrategy.LocalCheapestArc => OrFirstSolution.LocalCheapestArc,
            FirstSolutionStrategy.BestInsertion => OrFirstSolution.BestInsertion,
            _ => ChooseFirstSolution(),
        };
        parameters.LocalSearchMetaheuristic = _orOptions.Metaheuristic switch
        {
            Metaheuristic.GreedyDescent => OrMetaheuristic.GreedyDescent,
            Metaheuristic.GuidedLocalSearch => OrMetaheuristic.GuidedLocalSearch,
            Metaheuristic.SimulatedAnnealing => OrMetaheuristic.SimulatedAnnealing,
            Metaheuristic.TabuSearch => OrMetaheuristic.TabuSearch,
            Metaheuristic.GenericTabuSearch => OrMetaheuristic.GenericTabuSearch,
            _ => OrMetaheuristic.Automatic,
        };
        var remaining = _options.TimeLimit - _clock.Elapsed;
        parameters.TimeLimit = Duration.FromTimeSpan(remaining > TimeSpan.FromMilliseconds(10) ? remaining : TimeSpan.FromMilliseconds(10));
        parameters.LogSearch = false;
        var stopWhen = _options.StopWhen.IsDefault ? [] : _options.StopWhen;
        if (stopWhen.OfType<MaxSolutions>().Select(m => m.Count).DefaultIfEmpty(0).Min() is > 0 and var limit)
        {
            parameters.SolutionLimit = limit;
        }

        var noImprovement = stopWhen.OfType<NoImprovementFor>().Select(n => n.Duration).DefaultIfEmpty(TimeSpan.MaxValue).Min();
        double? target = stopWhen.OfType<TargetCost>().Select(t => (double?)t.Cost).Min();

        _anyHourlyCost = _problem.Vehicles.Any(v => v.CostPerHour > 0);
        VoidToVoid onSolution = () => OnSolution(target);
        _model.AddAtSolutionCallback(onSolution);
        _lastImprovement = _clock.Elapsed;
        _searching = true;
        using var registration = _ct.Register(Cancel);
        using var timer = noImprovement == TimeSpan.MaxValue
            ? null
            : new Timer(_ => CheckStagnation(noImprovement), null, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(20));
        Assignment? assignment = null;
        if (_startRoutes is not null)
        {
            // ReadAssignmentFromRoutes needs the closed model; it runs the solver to complete the dimensions and
            // returns null when the routes cannot be made feasible, and then the first solution strategy starts.
            _model.CloseModelWithParameters(parameters);
            var initial = _model.ReadAssignmentFromRoutes(_startRoutes, true);
            if (initial is not null)
            {
                WarmStart = WarmStartOutcome.Used;
                assignment = _model.SolveFromAssignmentWithParameters(initial, parameters);
            }
            else
            {
                WarmStart = WarmStartOutcome.Rejected;
            }
        }

        if (WarmStart != WarmStartOutcome.Used)
        {
            assignment = _model.SolveWithParameters(parameters);
        }

        if (_bestPlans is null && !_ct.IsCancellationRequested && !_stoppedByCriterion)
        {
            // No solution within the time limit (a large problem, or a starved CPU): an empty plan helps nobody, so
            // search on until the first solution, for at most FirstSolutionGrace; cancellation still stops it. The
            // assignment may then be OR-Tools' fallback that leaves every task out, which is no search result: the
            // solution callback, which sets _bestPlans, never fired for it.
            parameters.TimeLimit = Duration.FromTimeSpan(OrToolsSolver.FirstSolutionGrace);
            parameters.SolutionLimit = 1;
            assignment = _model.SolveWithParameters(parameters);
        }

        lock (_gate)
        {
            _searching = false;
        }

        GC.KeepAlive(onSolution);
        if (_bestPlans is not null)
        {
            _best = SolutionFactory.Create(_problem, _bestPlans, _analysis);
        }

        if (assignment is not null)
        {
            var final = SolutionFactory.Create(_problem, Extract(assignment.Value, i => assignment.PerformedValue(i) == 1 ? (true, assignment.StartValue(i)) : (false, 0)), _analysis);
            if (_best is null || RoutingSolution.Compare(final, _best, _problem.Objective) < 0)
            {
                _best = final;
                _timeToBest = _clock.Elapsed;
            }
        }

        if (_startSolution is not null && (_best is null || RoutingSolution.Compare(_startSolution, _best, _problem.Objective) < 0))
        {
            // OR-Tools' integer objective only approximates the real cost (rounding, the break relaxation): never
            // return worse than the valid start.
            _best = _startSolution;
            _timeToBest = _startBuilt;
        }

        var status = _ct.IsCancellationRequested && !_stoppedByCriterion ? SolveStatus.Cancelled : SolveStatus.Completed;
        if (_best is null)
        {
            return Result(SolutionFactory.Empty(_problem, _analysis), status == SolveStatus.Cancelled ? status : SolveStatus.NoSolutionFound);
        }

        return Result(_best, status);
    }

    private void Cancel()
    {
        lock (_gate)
        {
            if (_searching)
            {
                _model.CancelSearch();
            }
        }
    }

    private void CheckStagnation(TimeSpan limit)
    {
        lock (_gate)
        {
            if (_searching && _best is not null && _clock.Elapsed - _lastImprovement >= limit)
            {
                _stoppedByCriterion = true;
                _model.CancelSearch();
            }
        }
    }

    private void OnSolution(double? target)
    {
        try
        {
            RecordSolution(target);
        }
        catch (Exception) when (!Debugger.IsAttached)
        {
            // An exception must not cross into native code; the final assignment is still read after the search.
        }
    }

    private void RecordSolution(double? target)
    {
        long objective = _model.CostVar().Min();
        if (objective >= _bestObjective)
        {
            return;
        }

        _bestObjective = objective;
        // An interval that is not performed has no start to read (OR-Tools aborts the process on StartMin()): with
        // one interval per break window, the windows not used are such intervals.
        var plans = Extract(v => v.Min(), i => i.MustBePerformed() ? (true, i.StartMin()) : (false, 0));
        var solution = SolutionFactory.Create(_problem, plans, _analysis, compactStart: _anyHourlyCost);
        lock (_gate)
        {
            if (_best is null || RoutingSolution.Compare(solution, _best, _problem.Objective) < 0)
            {
                _best = solution;
                _bestPlans = plans;
                _timeToBest = _clock.Elapsed;
                _lastImprovement = _clock.Elapsed;
                var report = new SolveProgress(solution.Cost.Total, solution.VehiclesUsed, solution.UnservedMandatoryCount, _clock.Elapsed);
                _improvements.Add(report);
                _progress?.Report(report);
            }

            if (target is { } t && solution.UnservedMandatoryCount == 0 && solution.Cost.Total <= t)
            {
                _stoppedByCriterion = true;
                _model.CancelSearch();
            }
        }
    }

    /// <summary>Reads the visit orders (with break positions and start times) of the current or final assignment.</summary>
    private List<RoutePlan> Extract(Func<IntVar, long> value, Func<IntervalVar, (bool Performed, long Start)> interval)
    {
        var plans = new List<RoutePlan>();
        for (int v = 0; v < _problem.Vehicles.Length; v++)
        {
            var schedule = ScheduleOf(v);
            long index = _model.Start(v);
            long startTicks = value(schedule.CumulVar(index));
            var stops = new List<(Visit Visit, long Cumul)>();
            index = value(_model.NextVar(index));
            while (!_model.IsEnd(index))
            {
                var stop = _stops[_manager.IndexToNode(index)];
                stops.Add((new Visit(stop.Kind, stop.TaskIndex), value(schedule.CumulVar(index))));
                index = value(_model.NextVar(index));
            }

            if (stops.Count == 0)
            {
                continue;
            }

            // A break goes before the first stop whose service starts after the break starts.
            var breaks = _breaks[v]
                .Select(x => (b: x.Break, state: interval(x.Interval)))
                .Where(x => x.state.Performed)
                .OrderBy(x => x.state.Start)
                .ToList();
            var visits = ImmutableArray.CreateBuilder<Visit>(stops.Count + breaks.Count);
            int next = 0;
            foreach (var (visit, cumul) in stops)
            {
                while (next < breaks.Count && breaks[next].state.Start < cumul)
                {
                    visits.Add(Visit.Break(breaks[next++].b));
                }

                visits.Add(visit);
            }

            while (next < breaks.Count)
            {
                visits.Add(Visit.Break(breaks[next++].b));
            }

            plans.Add(new RoutePlan(v, visits.MoveToImmutable()) { StartSeconds = (double)startTicks / S });
        }

        return plans;
    }
}

/// <summary>What became of a warm start (<see cref="OrToolsOptions.InitialRoutes"/>) in one OR-Tools run.</summary>
internal enum WarmStartOutcome
{
    /// <summary>No warm start: none given, or nothing left of it after dropping unservable visits.</summary>
    None,

    /// <summary>OR-Tools accepted the routes and searched from them.</summary>
    Used,

    /// <summary>OR-Tools could not complete the routes into a feasible assignment; the first solution strategy started.</summary>
    Rejected,
}
