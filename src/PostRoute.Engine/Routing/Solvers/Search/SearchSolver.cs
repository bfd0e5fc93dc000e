using System.Collections.Immutable;
using System.Diagnostics;

namespace PostRoute.Engine.Routing.Solvers.Search;

/// <summary>
/// PostRoute Search: the library's own route optimiser, a hybrid genetic search (Vidal et al. 2012/2013; HGS-CVRP,
/// Vidal 2022) on a flat internal model: giant-tour Split, a population managed by biased fitness (cost and
/// broken-pairs diversity), OX crossover (or a selective route exchange when vehicles differ), and a granular local
/// search (relocate, swap, 2-opt, 2-opt*, SWAP*) whose moves are evaluated in constant time by concatenating route
/// segments (loads, time windows with duration and time warp, distance), with adaptive penalties for capacity, time
/// and limits. Single-threaded and deterministic for a given seed, problem and options (stop by iterations or
/// solutions for bit-identical runs: a time limit stops after a machine-dependent amount of work).
/// <para>
/// Support matrix. Every feature of the routing model is supported, so <see cref="UnsupportedFeatures"/> is empty;
/// should a later model feature not be, <see cref="Solve"/> raises <see cref="UnsupportedProblemException"/> naming it
/// before solving: no constraint is ever ignored.
/// <list type="table">
/// <item><term>CVRP, several capacity dimensions, deliveries and pickups on jobs</term><description>supported</description></item>
/// <item><term>Time windows (one per stop), shifts, service times, waiting</term><description>supported</description></item>
/// <item><term>Shipments (pickup before delivery on the same route)</term><description>supported (pair-preserving moves and pair insertion)</description></item>
/// <item><term>Several depots, open routes, mixed fleet (profiles, capacities, costs, fixed costs)</term><description>supported</description></item>
/// <item><term>Skills</term><description>supported (a client never goes to a vehicle that provably cannot serve it)</description></item>
/// <item><term>Optional jobs and shipments with penalties</term><description>supported (left out when cheaper)</description></item>
/// <item><term>Route limits: duration, travel time, distance, stops</term><description>supported (penalised during the search)</description></item>
/// <item><term>Objective <see cref="Objective.MinimizeVehiclesFirst"/></term><description>supported (fleet reduction: after each feasible solution the search continues with one route fewer allowed)</description></item>
/// <item><term>Several time windows on one stop, driver breaks</term><description>supported, with schedules computed visit by visit
/// (breaks placed by <see cref="SolutionFactory"/>'s rule), so moves cost time proportional to the route length; the search may
/// overestimate a route's duration slightly (never underestimate), so its reported costs can be a little above the final ones</description></item>
/// <item><term>More mandatory tasks than the fleet can serve</term><description>supported: once no solution serving them all
/// is found, infeasible solutions are also repaired by leaving tasks out, lower priorities first; fewer unserved tasks rank first</description></item>
/// </list>
/// </para>
/// The returned solution is always rebuilt in real numbers by <see cref="SolutionFactory"/> and verified by
/// <see cref="SolutionChecker"/>; should a route fail the check, its stops are dropped until it passes (reported
/// unassigned). Stateless between calls; safe to use from several threads at once (each call has its own state).
/// </summary>
public sealed class SearchSolver : ISolver
{
    private readonly SearchOptions _defaults;

    /// <summary>Creates the solver with default <paramref name="options"/> (overridden by those in <see cref="SolveOptions.SolverOptions"/>).</summary>
    public SearchSolver(SearchOptions? options = null)
    {
        _defaults = options ?? new SearchOptions();
        _defaults.Validate();
    }

    /// <inheritdoc />
    public string Name => "search";

    /// <summary>The features of <paramref name="problem"/> this solver does not support (empty when it can solve it).</summary>
    public static ImmutableArray<string> UnsupportedFeatures(RoutingProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return [];
    }

    /// <inheritdoc />
    /// <exception cref="UnsupportedProblemException">The problem uses a feature listed as unsupported (see the type's remarks).</exception>
    public SolveResult Solve(RoutingProblem problem, SolveOptions options, IProgress<SolveProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        if (options.TimeLimit <= TimeSpan.Zero)
        {
            throw new ArgumentException("SolveOptions.TimeLimit must be > 0.", nameof(options));
        }

        var unsupported = UnsupportedFeatures(problem);
        if (!unsupported.IsEmpty)
        {
            throw new UnsupportedProblemException(Name, unsupported);
        }

        var searchOptions = options.Get<SearchOptions>() ?? _defaults;
        searchOptions.Validate();
        var improvements = ImmutableArray.CreateBuilder<SolveProgress>();
        UnassignableAnalysis analysis;
        try
        {
            analysis = UnassignableAnalysis.Analyze(problem, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return new SolveResult(SolutionFactory.Empty(problem), SolveStatus.Cancelled, clock.Elapsed, TimeSpan.Zero, [], Name);
        }

        var model = new SearchModel(problem, analysis);
        if (model.ClientCount == 0)
        {
            // Nothing any vehicle can serve: every task is reported with its proven reason.
            return new SolveResult(SolutionFactory.Empty(problem, analysis), SolveStatus.Completed, clock.Elapsed, TimeSpan.Zero, [], Name);
        }

        int provenUnserved = analysis.Unassignable.Count(t => t.Kind == TaskKind.Job ? !problem.Jobs[t.TaskIndex].IsOptional : !problem.Shipments[t.TaskIndex].IsOptional);

        // The start: kept as a fallback when it is valid, so that the result is never worse.
        RoutingSolution? start = null;
        var initial = new List<Individual>();
        if (!searchOptions.InitialRoutes.IsDefaultOrEmpty)
        {
            initial.Add(FromPlans(model, searchOptions.InitialRoutes));
            var startSolution = SolutionFactory.Create(problem, searchOptions.InitialRoutes, analysis);
            if (SolutionChecker.Check(problem, startSolution).IsValid)
            {
                start = startSolution;
            }
        }

        long maxIterations = searchOptions.MaxIterations ?? long.MaxValue;
        double? targetCost = null;
        TimeSpan? patience = null;
        foreach (var criterion in options.StopWhen.IsDefault ? [] : options.StopWhen)
        {
            switch (criterion)
            {
                case MaxSolutions max:
                    maxIterations = Math.Min(maxIterations, Math.Max(1, max.Count));
                    break;
                case TargetCost target:
                    targetCost = Math.Min(targetCost ?? double.PositiveInfinity, target.Cost);
                    break;
                case NoImprovementFor idle:
                    patience = patience is { } p && p < idle.Duration ? p : idle.Duration;
                    break;
            }
        }

        var parameters = new SearchParameters
        {
            Mu = searchOptions.PopulationSize,
            Lambda = searchOptions.GenerationSize,
            EliteCount = searchOptions.EliteCount,
            CloseCount = searchOptions.CloseCount,
            Granular = searchOptions.GranularNeighbours ?? (model.HasTimeWindows ? 40 : 20),
            TargetFeasible = searchOptions.TargetFeasibleFraction,
            IterationsWithoutImprovement = searchOptions.IterationsWithoutImprovement,
            RepairProbability = searchOptions.RepairProbability,
            MaxIterations = maxIterations == long.MaxValue ? null : maxIterations,
        };

        long deadline = Stopwatch.GetTimestamp() + (long)Math.Min(options.TimeLimit.TotalSeconds * Stopwatch.Frequency, long.MaxValue / 4.0) - clock.ElapsedTicks;
        long lastImprovement = Stopwatch.GetTimestamp();
        bool targetReached = false;
        bool ShouldStop()
        {
            long now = Stopwatch.GetTimestamp();
            return cancellationToken.IsCancellationRequested || now >= deadline || targetReached
                || (patience is { } idle && now - lastImprovement >= idle.TotalSeconds * Stopwatch.Frequency);
        }

        // Vehicles first: fleet reduction gets at most 60 % of the time, the rest goes to the cost with the fleet found.
        long reductionDeadline = Stopwatch.GetTimestamp() + (long)((deadline - Stopwatch.GetTimestamp()) * 0.6);
        var search = new HybridGeneticSearch(model, parameters, options.Seed, ShouldStop, () => Stopwatch.GetTimestamp() >= reductionDeadline);
        TimeSpan timeToBest = TimeSpan.Zero;
        search.Improved += best =>
        {
            lastImprovement = Stopwatch.GetTimestamp();
            timeToBest = clock.Elapsed;
            double cost = RealCost(model, best);
            int unserved = best.MandatoryUnassigned + provenUnserved;
            var report = new SolveProgress(cost, best.RouteCount, unserved, timeToBest);
            improvements.Add(report);
            progress?.Report(report);
            targetReached = targetCost is { } target && unserved == 0 && cost <= target;
        };

        if (model.ClientCount > 0)
        {
            search.Run(initial);
        }

        RoutingSolution solution;
        if (search.Best is { } best)
        {
            solution = Build(model, best);
        }
        else if (model.ClientCount == 0)
        {
            solution = SolutionFactory.Empty(problem, analysis);
        }
        else
        {
            // No feasible solution found: repair the least infeasible one by leaving out what does not fit.
            var candidate = (search.BestAny ?? initial.FirstOrDefault() ?? new Individual(model)).Clone();
            search.LocalSearch.Repair(candidate, new Penalties(model).Scaled(1000));
            solution = Build(model, candidate);
            timeToBest = clock.Elapsed;
        }

        solution = EnsureValid(problem, model, solution);
        if (start is not null && RoutingSolution.Compare(start, solution, problem.Objective) < 0)
        {
            // The search found nothing better than the warm start: the start was available from the beginning.
            solution = start;
            timeToBest = TimeSpan.Zero;
        }

        var status = cancellationToken.IsCancellationRequested
            ? SolveStatus.Cancelled
            : search.Best is null && model.ClientCount > 0 && solution.Routes.IsEmpty ? SolveStatus.NoSolutionFound : SolveStatus.Completed;
        return new SolveResult(solution, status, clock.Elapsed, timeToBest, improvements.ToImmutable(), Name);
    }

    private static double RealCost(SearchModel model, Individual individual) =>
        individual.BaseCost - individual.MandatoryDropCost + model.ExcludedPenalty;

    /// <summary>The individual's routes as plans, timed and costed in real numbers by <see cref="SolutionFactory"/>.</summary>
    private static RoutingSolution Build(SearchModel model, Individual individual)
    {
        var plans = new List<RoutePlan>();
        for (int v = 0; v < individual.Routes.Length; v++)
        {
            if (individual.Routes[v].Length > 0)
            {
                plans.Add(new RoutePlan(v, [.. individual.Routes[v].Select(c => new Visit(model.ClientKind[c], model.ClientTask[c]))]));
            }
        }

        return SolutionFactory.Create(model.Problem, plans, model.Analysis);
    }

    /// <summary>
    /// Safety net: should a route fail <see cref="SolutionChecker"/> (it should not), drop its last task until it passes,
    /// so that the solver never returns an invalid solution.
    /// </summary>
    private static RoutingSolution EnsureValid(RoutingProblem problem, SearchModel model, RoutingSolution solution)
    {
        if (SolutionChecker.Check(problem, solution).IsValid)
        {
            return solution;
        }

        var plans = SearchOptions.PlansOf(solution).ToList();
        for (int r = 0; r < plans.Count; r++)
        {
            while (!plans[r].Visits.IsEmpty)
            {
                var alone = SolutionFactory.Create(problem, [plans[r]], model.Analysis);
                if (SolutionChecker.Check(problem, alone).Violations.All(v => !v.Path.StartsWith("routes[0]", StringComparison.Ordinal)))
                {
                    break;
                }

                var last = plans[r].Visits[^1];
                plans[r] = plans[r] with
                {
                    Visits = [.. plans[r].Visits.Where(v => !(v.TaskIndex == last.TaskIndex && (v.Kind == last.Kind || (v.Kind is StepKind.Pickup or StepKind.Delivery && last.Kind is StepKind.Pickup or StepKind.Delivery))))],
                };
            }
        }

        return SolutionFactory.Create(problem, plans, model.Analysis);
    }

    /// <summary>
    /// The individual of a warm start: visits mapped to clients; dropped are visits of unknown or provably unservable
    /// tasks, repeated visits, broken shipments (one end missing, on two routes or delivery first) and clients the
    /// vehicle provably cannot serve. The search inserts whatever is left out.
    /// </summary>
    private static Individual FromPlans(SearchModel model, ImmutableArray<RoutePlan> plans)
    {
        var problem = model.Problem;
        var jobClient = new Dictionary<int, int>();
        var pickupClient = new Dictionary<int, int>();
        for (int c = 0; c < model.ClientCount; c++)
        {
            if (model.ClientKind[c] == StepKind.Job)
            {
                jobClient[model.ClientTask[c]] = c;
            }
            else if (model.ClientKind[c] == StepKind.Pickup)
            {
                pickupClient[model.ClientTask[c]] = c;
            }
        }

        var individual = new Individual(model);
        var placed = new bool[model.ClientCount];
        var seenVehicle = new HashSet<int>();
        for (int i = 0; i < plans.Length; i++)
        {
            var plan = plans[i] ?? throw new ArgumentException($"SearchOptions.InitialRoutes[{i}] is null.", nameof(plans));
            if (plan.VehicleIndex < 0 || plan.VehicleIndex >= problem.Vehicles.Length)
            {
                throw new ArgumentException($"SearchOptions.InitialRoutes[{i}].VehicleIndex {plan.VehicleIndex} is out of range (the problem has {problem.Vehicles.Length} vehicles).", nameof(plans));
            }

            if (!seenVehicle.Add(plan.VehicleIndex))
            {
                throw new ArgumentException($"SearchOptions.InitialRoutes[{i}]: vehicle {plan.VehicleIndex} is planned twice.", nameof(plans));
            }

            var route = new List<int>();
            foreach (var visit in plan.Visits.IsDefault ? [] : plan.Visits)
            {
                int c = visit.Kind switch
                {
                    StepKind.Job => jobClient.GetValueOrDefault(visit.TaskIndex, -1),
                    StepKind.Pickup => pickupClient.GetValueOrDefault(visit.TaskIndex, -1),
                    StepKind.Delivery => pickupClient.TryGetValue(visit.TaskIndex, out int p) ? p + 1 : -1,
                    _ => -1,
                };
                if (c >= 0 && !placed[c] && model.IsAllowed(plan.VehicleIndex, c))
                {
                    placed[c] = true;
                    route.Add(c);
                }
            }

            individual.Routes[plan.VehicleIndex] = [.. route];
        }

        // Keep a shipment only when both ends are on the same route, pickup first.
        for (int v = 0; v < individual.Routes.Length; v++)
        {
            var route = individual.Routes[v];
            var position = new Dictionary<int, int>();
            for (int k = 0; k < route.Length; k++)
            {
                position[route[k]] = k;
            }

            individual.Routes[v] = [.. route.Where(c => model.Partner[c] < 0 ||
                (position.TryGetValue(model.Partner[c], out int other) &&
                 (model.ClientKind[c] == StepKind.Pickup ? other > position[c] : other < position[c])))];
        }

        return individual;
    }
}

/// <summary>
/// Thrown by a solver before solving when the problem uses a feature the solver does not support; the message and
/// <see cref="Features"/> name each such feature with an example of where it occurs.
/// </summary>
public sealed class UnsupportedProblemException : NotSupportedException
{
    /// <summary>Creates the exception for <paramref name="solver"/> and the unsupported <paramref name="features"/>.</summary>
    public UnsupportedProblemException(string solver, IEnumerable<string> features)
        : this(solver, [.. features ?? throw new ArgumentNullException(nameof(features))])
    {
    }

    private UnsupportedProblemException(string solver, ImmutableArray<string> features)
        : base($"The '{solver}' solver does not support: {string.Join("; ", features)}.")
    {
        Solver = solver;
        Features = features;
    }

    /// <summary>Name of the solver.</summary>
    public string Solver { get; }

    /// <summary>Each unsupported feature, described with an example of where the problem uses it.</summary>
    public ImmutableArray<string> Features { get; }
}
