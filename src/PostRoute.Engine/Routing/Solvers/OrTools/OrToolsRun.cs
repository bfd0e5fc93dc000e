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
    private UnassignableAnalysis _analysis = null!;
    private int[] _nodeLocation = [];
    private long[] _serviceTicks = [];
    private RoutingIndexManager _manager = null!;
    private RoutingModel _model = null!;
    private RoutingDimension _time = null!;
    private readonly List<IntervalVar>[] _breaks;
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

    public OrToolsRun(RoutingProblem problem, SolveOptions options, OrToolsOptions orOptions, IProgress<SolveProgress>? progress, CancellationToken ct, string solverName)
    {
        _problem = problem;
        _options = options;
        _orOptions = orOptions;
        _progress = progress;
        _ct = ct;
        _solverName = solverName;
        _breaks = [.. problem.Vehicles.Select(_ => new List<IntervalVar>())];
    }

    private readonly record struct Stop(StepKind Kind, int TaskIndex, int Location, double Service, ImmutableArray<TimeWindow> Windows);

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

        BuildModel();
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
                _stops.Add(new Stop(StepKind.Job, j, job.Location, job.ServiceSeconds, job.TimeWindows));
            }
        }

        for (int s = 0; s < _problem.Shipments.Length; s++)
        {
            if (Enumerable.Range(0, _problem.Vehicles.Length).Any(v => _analysis.CanServeShipment(v, s)))
            {
                var shipment = _problem.Shipments[s];
                _stops.Add(new Stop(StepKind.Pickup, s, shipment.Pickup.Location, shipment.Pickup.ServiceSeconds, shipment.Pickup.TimeWindows));
                _stops.Add(new Stop(StepKind.Delivery, s, shipment.Delivery.Location, shipment.Delivery.ServiceSeconds, shipment.Delivery.TimeWindows));
            }
        }
    }

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

        foreach (var w in _stops.SelectMany(s => s.Windows))
        {
            latestFinite = Math.Max(latestFinite, w.IsOpenEnded ? w.Start : w.End);
        }

        double horizonSeconds = latestFinite + _stops.Sum(s => s.Service) +
                                vehicles.Sum(v => v.Breaks.Sum(b => b.DurationSeconds)) + ((_stops.Count + 2) * maxLeg) + 1;
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
            timeEvaluator[profile] = _model.RegisterTransitMatrix(Matrix(nodes, (a, b) =>
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
            }));
        }

        _model.AddDimensionWithVehicleTransits([.. vehicles.Select(v => timeEvaluator[v.Profile])], _horizon, _horizon, false, "time");
        _time = _model.GetMutableDimension("time");

        // Cost scaling (see the class remarks of OrToolsSolver).
        double maxPerMetre = vehicles.Max(v => v.CostPerKm / 1000);
        double minPerSecond = vehicles.Where(v => v.CostPerHour > 0).Select(v => v.CostPerHour / 3600).DefaultIfEmpty(0).Min();
        double typicalArc = finiteArcs > 0 ? maxPerMetre * distanceSum / finiteArcs : 0;
        double optionalPenalties = _problem.Jobs.Sum(j => j.Penalty ?? 0) + _problem.Shipments.Sum(s => s.Penalty ?? 0);
        double routeBound = 1 + vehicles.Sum(v => v.FixedCost) + (maxPerMetre * maxDistance * (_stops.Count + vehicleCount)) +
                            vehicles.Sum(v => v.CostPerHour / 3600 * horizonSeconds) + optionalPenalties;
        int mandatory = _stops.Count(s => s.Kind != StepKind.Delivery && !IsOptional(s));
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
            _model.SetFixedCostOfVehicle((long)Math.Round(vehicle.FixedCost * k) + vehicleWeight, v);
            long spanCoefficient = (long)Math.Round(vehicle.CostPerHour / 3600 * k / S);
            if (spanCoefficient > 0)
            {
                _time.SetSpanCostCoefficientForVehicle(spanCoefficient, v);
            }

            long shiftStart = Up(vehicle.Shift.Start, S);
            // A shift narrower than one tick keeps its start (a sub-millisecond excess at worst).
            long shiftEnd = Math.Max(shiftStart, vehicle.Shift.IsOpenEnded ? _horizon : Math.Min(_horizon, Down(vehicle.Shift.End, S)));
            _time.CumulVar(_model.Start(v)).SetRange(shiftStart, shiftEnd);
            _time.CumulVar(_model.End(v)).SetRange(shiftStart, shiftEnd);
            if (vehicle.MaxDurationSeconds is { } maxDuration)
            {
                _time.SetSpanUpperBoundForVehicle(Down(maxDuration, S), v);
            }
        }

        // Time windows: the cumul is the service start; gaps between windows are removed from its domain.
        for (int i = 0; i < _stops.Count; i++)
        {
            var windows = _stops[i].Windows;
            var cumul = _time.CumulVar(_manager.NodeToIndex(i));
            long low = Up(windows[0].Start, S);
            long high = windows[^1].IsOpenEnded ? _horizon : Math.Min(_horizon, Down(windows[^1].End, S));
            if (high < Math.Min(low, _horizon))
            {
                // A window narrower than one time tick cannot be met safely in integers: leave the stop out.
                _model.ActiveVar(_manager.NodeToIndex(i)).SetValue(0);
                continue;
            }

            cumul.SetRange(Math.Min(low, _horizon), high);
            for (int w = 1; w < windows.Length; w++)
            {
                long gapFrom = Down(windows[w - 1].End, S) + 1;
                long gapTo = Up(windows[w].Start, S) - 1;
                if (gapFrom <= gapTo)
                {
                    cumul.RemoveInterval(gapFrom, gapTo);
                }
            }
        }

        AddCapacityDimensions();
        AddLimitDimensions(profiles, nodes, maxLeg, maxDistance);
        AddTasks(mandatoryPenalty, k);
        AddBreaks();

        for (int v = 0; v < vehicleCount; v++)
        {
            _model.AddVariableMinimizedByFinalizer(_time.CumulVar(_model.End(v)));
            _model.AddVariableMaximizedByFinalizer(_time.CumulVar(_model.Start(v)));
        }
    }

    private bool IsOptional(Stop stop) =>
        stop.Kind == StepKind.Job ? _problem.Jobs[stop.TaskIndex].IsOptional : _problem.Shipments[stop.TaskIndex].IsOptional;

    private static long[][] Matrix(int n, Func<int, int, long> value)
    {
        var m = new long[n][];
        for (int a = 0; a < n; a++)
        {
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
        for (int i = 0; i < _stops.Count; i++)
        {
            var stop = _stops[i];
            long index = _manager.NodeToIndex(i);
            bool isJob = stop.Kind == StepKind.Job;
            double? penalty = isJob ? _problem.Jobs[stop.TaskIndex].Penalty : _problem.Shipments[stop.TaskIndex].Penalty;
            int priority = isJob ? _problem.Jobs[stop.TaskIndex].Priority : _problem.Shipments[stop.TaskIndex].Priority;
            long cost = stop.Kind == StepKind.Delivery
                ? 0 // the pair's penalty sits on its pickup
                : penalty is { } p ? (long)Math.Round(p * k) : mandatoryPenalty + (priority * (mandatoryPenalty / 200));
            _model.AddDisjunction([index], cost);

            var allowed = Enumerable.Range(0, vehicleCount)
                .Where(v => isJob ? _analysis.CanServeJob(v, stop.TaskIndex) : _analysis.CanServeShipment(v, stop.TaskIndex))
                .Select(v => (long)v)
                .ToList();
            if (allowed.Count < vehicleCount)
            {
                allowed.Add(-1); // -1: not performed
                _model.VehicleVar(index).SetValues([.. allowed]);
            }

            if (stop.Kind == StepKind.Pickup)
            {
                long delivery = _manager.NodeToIndex(i + 1);
                _model.AddPickupAndDelivery(index, delivery);
                solver.Add(solver.MakeEquality(_model.VehicleVar(index), _model.VehicleVar(delivery)));
                solver.Add(solver.MakeEquality(_model.ActiveVar(index), _model.ActiveVar(delivery)));
                solver.Add(solver.MakeLessOrEqual(_time.CumulVar(index), _time.CumulVar(delivery)));
            }
        }
    }

    private void AddBreaks()
    {
        var solver = _model.solver();
        long[]? visitTransits = null;
        for (int v = 0; v < _problem.Vehicles.Length; v++)
        {
            var vehicle = _problem.Vehicles[v];
            if (vehicle.Breaks.IsEmpty)
            {
                continue;
            }

            if (visitTransits is null)
            {
                visitTransits = new long[_model.Size()];
                for (long index = 0; index < _model.Size(); index++)
                {
                    visitTransits[index] = _serviceTicks[_manager.IndexToNode(index)];
                }
            }

            var intervals = new IntervalVarVector();
            foreach (var brk in vehicle.Breaks)
            {
                long first = Math.Min(_horizon, Up(brk.Windows[0].Start, S));
                long last = brk.Windows[^1].IsOpenEnded ? _horizon : Math.Min(_horizon, Down(brk.Windows[^1].End, S));
                var interval = solver.MakeFixedDurationIntervalVar(first, Math.Max(first, last), Up(brk.DurationSeconds, S), true, $"{vehicle.Id}/{brk.Id}");
                for (int w = 1; w < brk.Windows.Length; w++)
                {
                    long gapFrom = Down(brk.Windows[w - 1].End, S) + 1;
                    long gapTo = Up(brk.Windows[w].Start, S) - 1;
                    if (gapFrom <= gapTo)
                    {
                        interval.StartExpr().Var().RemoveInterval(gapFrom, gapTo);
                    }
                }

                // A break is taken when, and only when, the vehicle is used, and within its route.
                solver.Add(solver.MakeEquality(interval.PerformedExpr(), _model.ActiveVehicleVar(v)));
                solver.Add(solver.MakeGreaterOrEqual(interval.SafeStartExpr(_horizon), _time.CumulVar(_model.Start(v))));
                solver.Add(solver.MakeLessOrEqual(interval.SafeEndExpr(0), _time.CumulVar(_model.End(v))));
                _model.AddIntervalToAssignment(interval);
                intervals.Add(interval);
                _breaks[v].Add(interval);
            }

            _time.SetBreakIntervalsOfVehicle(intervals, v, visitTransits);
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
        Assignment? assignment = _model.SolveWithParameters(parameters);
        if (assignment is null && _bestPlans is null && !_ct.IsCancellationRequested && !_stoppedByCriterion)
        {
            // No solution within the time limit (a large problem, or a starved CPU): an empty plan helps nobody, so
            // search on until the first solution, for at most FirstSolutionGrace; cancellation still stops it.
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
            var final = SolutionFactory.Create(_problem, Extract(assignment.Value, i => (assignment.PerformedValue(i) == 1, assignment.StartValue(i))), _analysis);
            if (_best is null || RoutingSolution.Compare(final, _best, _problem.Objective) < 0)
            {
                _best = final;
                _timeToBest = _clock.Elapsed;
            }
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
        var plans = Extract(v => v.Min(), i => (i.MustBePerformed(), i.StartMin()));
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
            long index = _model.Start(v);
            long startTicks = value(_time.CumulVar(index));
            var stops = new List<(Visit Visit, long Cumul)>();
            index = value(_model.NextVar(index));
            while (!_model.IsEnd(index))
            {
                var stop = _stops[_manager.IndexToNode(index)];
                stops.Add((new Visit(stop.Kind, stop.TaskIndex), value(_time.CumulVar(index))));
                index = value(_model.NextVar(index));
            }

            if (stops.Count == 0)
            {
                continue;
            }

            // A break goes before the first stop whose service starts after the break starts.
            var breaks = _breaks[v]
                .Select((iv, b) => (b, state: interval(iv)))
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
