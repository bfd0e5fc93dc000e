using System.Collections.Immutable;
using PostRoute.Engine.Network;
using PostRoute.Engine.Paths;
using PostRoute.Engine.Routing;
using PostRoute.Engine.Routing.Solvers.OrTools;
using PostRoute.Engine.Routing.Solvers.Search;

namespace PostRoute.Engine.Planning;

/// <summary>Options of <see cref="Closures.Analyse"/>. Immutable.</summary>
public sealed record ClosureOptions
{
    /// <summary>
    /// Profile of the trips to communes, from the district office and from the hub (default
    /// <see cref="Profiles.Motorbike"/>: commune delivery rounds).
    /// </summary>
    public string CommuneProfile { get; init; } = Profiles.Motorbike;

    /// <summary>Profile of the trunk trips hub → district office (default <see cref="Profiles.Truck"/>).</summary>
    public string TrunkProfile { get; init; } = Profiles.Truck;

    /// <summary>Id of the hub; null (default) for the first <see cref="NodeKind.ProvincialHub"/> node (none: hub figures are absent).</summary>
    public string? HubId { get; init; }
}

/// <summary>
/// What a closure does to one commune: travel time from its district office and from the hub, before and after
/// (both by <see cref="ClosureOptions.CommuneProfile"/>, from the office or hub TO the commune's node). Immutable.
/// </summary>
/// <param name="Place">The commune and its node.</param>
/// <param name="OfficeId">Its district office (the <see cref="NodeKind.DistrictOffice"/> node of its district), or null when the district has none.</param>
/// <param name="OfficeSecondsBefore">Office → commune before the closure, seconds; null when unreachable, unlocated or no office.</param>
/// <param name="OfficeSecondsAfter">The same after the closure.</param>
/// <param name="HubSecondsBefore">Hub → commune before the closure, seconds; null when unreachable, unlocated or no hub.</param>
/// <param name="HubSecondsAfter">The same after the closure.</param>
public sealed record CommuneClosureImpact(
    CommunePlace Place,
    string? OfficeId,
    double? OfficeSecondsBefore,
    double? OfficeSecondsAfter,
    double? HubSecondsBefore,
    double? HubSecondsAfter)
{
    /// <summary>The commune's code.</summary>
    public string Code => Place.Commune.Code;

    /// <summary>Reachable from its office before the closure and not after: the closure cut it off.</summary>
    public bool CutOffFromOffice => OfficeSecondsBefore is not null && OfficeSecondsAfter is null;

    /// <summary>Reachable from the hub before the closure and not after.</summary>
    public bool CutOffFromHub => HubSecondsBefore is not null && HubSecondsAfter is null;

    /// <summary>Extra time from the office, seconds (after − before), when reachable both times; else null.</summary>
    public double? ExtraOfficeSeconds => OfficeSecondsAfter - OfficeSecondsBefore;

    /// <summary>Extra time from the hub, seconds (after − before), when reachable both times; else null.</summary>
    public double? ExtraHubSeconds => HubSecondsAfter - HubSecondsBefore;
}

/// <summary>Result of <see cref="Closures.Analyse"/>. Immutable.</summary>
/// <param name="ClosedLinkIds">The links closed by this analysis (as given, without duplicates).</param>
/// <param name="After">The network version with those links closed.</param>
/// <param name="HubId">The hub used, or null when there is none.</param>
/// <param name="Communes">Every commune of the register, in register order.</param>
/// <param name="CutOffFromOffice">Codes of communes the closure cuts off from their district office.</param>
/// <param name="CutOffFromHub">Codes of communes the closure cuts off from the hub.</param>
/// <param name="OfficesCutOffFromHub">Ids of district offices the <see cref="ClosureOptions.TrunkProfile"/> could reach from the hub before and cannot after.</param>
/// <param name="UnlocatedCodes">Codes of communes that could not be placed on the network (no figures).</param>
public sealed record ClosureImpact(
    ImmutableArray<string> ClosedLinkIds,
    PostalNetwork After,
    string? HubId,
    ImmutableArray<CommuneClosureImpact> Communes,
    ImmutableArray<string> CutOffFromOffice,
    ImmutableArray<string> CutOffFromHub,
    ImmutableArray<string> OfficesCutOffFromHub,
    ImmutableArray<string> UnlocatedCodes);

/// <summary>
/// How one vehicle's route changed in a re-plan. Stops are named by job id, or <c>pickup:&lt;id&gt;</c> /
/// <c>delivery:&lt;id&gt;</c> for shipments. Immutable.
/// </summary>
/// <param name="VehicleId">The vehicle.</param>
/// <param name="StopsBefore">Stops of the previous route in order (empty when it was unused).</param>
/// <param name="StopsAfter">Stops of the new route in order (empty when it is unused now).</param>
/// <param name="Added">Stops in the new route and not in the previous one, in new order.</param>
/// <param name="Removed">Stops in the previous route and not in the new one, in previous order.</param>
/// <param name="Reordered">True when the stops kept on the route are visited in a different order.</param>
public sealed record RouteChange(
    string VehicleId,
    ImmutableArray<string> StopsBefore,
    ImmutableArray<string> StopsAfter,
    ImmutableArray<string> Added,
    ImmutableArray<string> Removed,
    bool Reordered)
{
    /// <summary>True when stops were added, removed or reordered.</summary>
    public bool Changed => !Added.IsEmpty || !Removed.IsEmpty || Reordered;
}

/// <summary>Result of <see cref="Closures.Replan(RoutingProblem, RoutingSolution, ISolver, SolveOptions, IProgress{SolveProgress}, CancellationToken)"/>. Immutable.</summary>
/// <param name="Solution">The new solution (checked against the new problem by the solver or, when kept, by <see cref="SolutionChecker"/>).</param>
/// <param name="Solve">The solver's result (its solution may differ from <paramref name="Solution"/> when the repaired previous plan was better).</param>
/// <param name="KeptRepairedPlan">True when the previous plan, with unservable stops dropped, was better than the solver's result and is returned instead.</param>
/// <param name="Routes">One entry per vehicle with a route before or after, in the new problem's vehicle order (vehicles missing from the new problem last).</param>
/// <param name="NewlyUnassigned">Tasks served by the previous solution and not by the new one, with the new reasons.</param>
/// <param name="DroppedFromPlan">Stops of the previous solution whose task or vehicle id is not in the new problem.</param>
/// <param name="CostDifference">New total cost − previous total cost.</param>
/// <param name="DistanceDifferenceMetres">New total distance − previous total distance, metres.</param>
/// <param name="DurationDifferenceSeconds">New total route duration − previous, seconds.</param>
public sealed record ReplanResult(
    RoutingSolution Solution,
    SolveResult Solve,
    bool KeptRepairedPlan,
    ImmutableArray<RouteChange> Routes,
    ImmutableArray<UnassignedTask> NewlyUnassigned,
    ImmutableArray<string> DroppedFromPlan,
    double CostDifference,
    double DistanceDifferenceMetres,
    double DurationDifferenceSeconds);

/// <summary>
/// Road closures (floods, works): who is cut off, how much longer trips get, and re-planning a stored route plan.
/// </summary>
/// <remarks>
/// <para>Definitions. A commune's district office is the <see cref="NodeKind.DistrictOffice"/> node whose district code
/// is the commune's; the hub is <see cref="ClosureOptions.HubId"/> or the first hub node. Times are from the office (or
/// hub) TO the commune's node (the delivery direction) by <see cref="ClosureOptions.CommuneProfile"/>, minimised.
/// A commune is <em>cut off</em> from its office (hub) when it could be reached before the closure and cannot after;
/// communes unreachable before are not "cut off" by it. Offices cut off from the hub are those the
/// <see cref="ClosureOptions.TrunkProfile"/> (trucks) reached from the hub before and not after.</para>
/// <para>Thread-safe: every call works on its own data.</para>
/// </remarks>
public static class Closures
{
    /// <summary>Analyses closing <paramref name="closedLinkIds"/> on top of <paramref name="network"/>'s own closures.</summary>
    /// <param name="network">The network version before the closure.</param>
    /// <param name="closedLinkIds">Links to close.</param>
    /// <param name="options">Options; null for the defaults.</param>
    /// <param name="cancellationToken">Stops the analysis with <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="KeyNotFoundException">A link id is unknown (the message names it).</exception>
    /// <exception cref="ArgumentException">A profile or the hub id is unknown.</exception>
    public static ClosureImpact Analyse(PostalNetwork network, IEnumerable<string> closedLinkIds,
        ClosureOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(closedLinkIds);
        options ??= new ClosureOptions();
        var ids = closedLinkIds.Distinct(StringComparer.Ordinal).ToImmutableArray();
        var after = network.WithLinksClosed(ids);
        var before = PlanningGraph.Build(network, options.CommuneProfile);
        var afterGraph = PlanningGraph.Build(after, options.CommuneProfile);
        var places = CommunePlaces.Resolve(network, before);
        var offices = CommunePlaces.DistrictOffices(network);
        int hub = CommunePlaces.Hub(network, options.HubId, nameof(ClosureOptions.HubId));

        // One forward search per office that serves a located commune, and one from the hub; before and after.
        var officeTrees = new Dictionary<int, (SearchTree Before, SearchTree After)>();
        foreach (var place in places)
        {
            if (place.NodeIndex >= 0 && offices.TryGetValue(place.Commune.DistrictCode, out int office) && !officeTrees.ContainsKey(office))
            {
                cancellationToken.ThrowIfCancellationRequested();
                officeTrees[office] = (PlanningSearch.Run(before, [office], false, PathMetric.Time, cancellationToken: cancellationToken),
                    PlanningSearch.Run(afterGraph, [office], false, PathMetric.Time, cancellationToken: cancellationToken));
            }
        }

        (SearchTree Before, SearchTree After)? hubTrees = hub < 0 ? null
            : (PlanningSearch.Run(before, [hub], false, PathMetric.Time, cancellationToken: cancellationToken),
                PlanningSearch.Run(afterGraph, [hub], false, PathMetric.Time, cancellationToken: cancellationToken));

        static double? At(SearchTree tree, int v) => tree.Origin[v] >= 0 ? tree.Cost[v] : null;

        var communes = ImmutableArray.CreateBuilder<CommuneClosureImpact>(places.Length);
        foreach (var place in places)
        {
            int v = place.NodeIndex;
            int office = offices.GetValueOrDefault(place.Commune.DistrictCode, -1);
            string? officeId = office >= 0 ? network.Topology.NodeIdAt(office) : null;
            if (v < 0)
            {
                communes.Add(new CommuneClosureImpact(place, officeId, null, null, null, null));
                continue;
            }

            var (ob, oa) = office >= 0 ? (At(officeTrees[office].Before, v), At(officeTrees[office].After, v)) : (null, null);
            var (hb, ha) = hubTrees is { } h ? (At(h.Before, v), At(h.After, v)) : (null, null);
            communes.Add(new CommuneClosureImpact(place, officeId, ob, oa, hb, ha));
        }

        var officesCut = ImmutableArray.CreateBuilder<string>();
        if (hub >= 0)
        {
            var truckBefore = PlanningSearch.Run(PlanningGraph.Build(network, options.TrunkProfile), [hub], false, PathMetric.Time, cancellationToken: cancellationToken);
            var truckAfter = PlanningSearch.Run(PlanningGraph.Build(after, options.TrunkProfile), [hub], false, PathMetric.Time, cancellationToken: cancellationToken);
            foreach (int office in offices.Values.Order())
            {
                if (truckBefore.Origin[office] >= 0 && truckAfter.Origin[office] < 0)
                {
                    officesCut.Add(network.Topology.NodeIdAt(office));
                }
            }
        }

        var list = communes.MoveToImmutable();
        return new ClosureImpact(ids, after, hub >= 0 ? network.Topology.NodeIdAt(hub) : null, list,
            [.. list.Where(c => c.CutOffFromOffice).Select(c => c.Code)],
            [.. list.Where(c => c.CutOffFromHub).Select(c => c.Code)],
            officesCut.ToImmutable(),
            [.. places.Where(p => p.Placement == CommunePlacement.Unlocated).Select(p => p.Commune.Code)]);
    }

    /// <summary>
    /// Re-plans a stored solution on a changed problem (typically the same jobs and vehicles built over the closed
    /// network), warm-started from the previous routes.
    /// </summary>
    /// <remarks>
    /// <para>The previous routes are matched to <paramref name="newProblem"/> by vehicle, job and shipment ids (not by
    /// index). They are passed to the solver as <see cref="SearchOptions.InitialRoutes"/> and
    /// <see cref="OrToolsOptions.InitialRoutes"/> (replacing any in <paramref name="options"/>; the other options of
    /// both solvers are kept), which <see cref="SearchSolver"/> and <see cref="OrToolsSolver"/> use as their start
    /// (OR-Tools falls back to its first solution strategy when it cannot complete the old routes into a feasible
    /// assignment); other solvers may ignore them. In addition the previous plan, with the stops
    /// the new problem proves unservable dropped (<see cref="UnassignableAnalysis"/>), is scheduled by
    /// <see cref="SolutionFactory"/>; when it passes <see cref="SolutionChecker"/> and is better than the solver's result
    /// (<see cref="RoutingSolution.Compare"/>) it is returned instead, so the re-plan is never worse than repairing the
    /// old plan.</para>
    /// </remarks>
    /// <param name="newProblem">The problem to solve now.</param>
    /// <param name="previous">The stored solution (of the problem before the change).</param>
    /// <param name="solver">The solver.</param>
    /// <param name="options">Solve options (time limit, seed…).</param>
    /// <param name="cancellationToken">Passed to the solver (which then returns its best so far).</param>
    public static ReplanResult Replan(RoutingProblem newProblem, RoutingSolution previous, ISolver solver,
        SolveOptions options, CancellationToken cancellationToken = default) =>
        Replan(newProblem, previous, solver, options, progress: null, cancellationToken);

    /// <summary>
    /// <see cref="Replan(RoutingProblem, RoutingSolution, ISolver, SolveOptions, CancellationToken)"/> with the
    /// solver's progress reports passed to <paramref name="progress"/> (called on the solver's thread).
    /// </summary>
    /// <param name="newProblem">The problem to solve now.</param>
    /// <param name="previous">The stored solution (of the problem before the change).</param>
    /// <param name="solver">The solver.</param>
    /// <param name="options">Solve options (time limit, seed…).</param>
    /// <param name="progress">Receives the solver's improvements, or null.</param>
    /// <param name="cancellationToken">Passed to the solver (which then returns its best so far).</param>
    /// <returns>The re-plan with its route changes.</returns>
    public static ReplanResult Replan(RoutingProblem newProblem, RoutingSolution previous, ISolver solver,
        SolveOptions options, IProgress<SolveProgress>? progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(newProblem);
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(solver);
        ArgumentNullException.ThrowIfNull(options);

        var dropped = ImmutableArray.CreateBuilder<string>();
        var plans = new List<RoutePlan>();
        foreach (var route in previous.Routes)
        {
            int vehicle = newProblem.IndexOfVehicle(route.VehicleId);
            var visits = ImmutableArray.CreateBuilder<Visit>();
            foreach (var step in route.Steps)
            {
                if (step.Kind is not (StepKind.Job or StepKind.Pickup or StepKind.Delivery))
                {
                    continue;
                }

                int task = step.Kind == StepKind.Job ? newProblem.IndexOfJob(step.Id) : newProblem.IndexOfShipment(step.Id);
                if (vehicle < 0 || task < 0)
                {
                    dropped.Add(StopName(step));
                    continue;
                }

                visits.Add(new Visit(step.Kind, task));
            }

            if (vehicle >= 0)
            {
                plans.Add(new RoutePlan(vehicle, visits.ToImmutable()));
            }
        }

        // Options passed win over a solver's constructor defaults, so the OR-Tools warm start is added to the options
        // given or, failing those, to the solver's own defaults (which it would otherwise have used).
        var search = options.Get<SearchOptions>() ?? new SearchOptions();
        var orTools = options.Get<OrToolsOptions>() ?? (solver as OrToolsSolver)?.Defaults ?? new OrToolsOptions();
        var others = options.SolverOptions.IsDefault ? [] : options.SolverOptions.Where(o => o is not (SearchOptions or OrToolsOptions));
        var warmOptions = options with
        {
            SolverOptions = [.. others, search with { InitialRoutes = [.. plans] }, orTools with { InitialRoutes = [.. plans] }],
        };
        var solve = solver.Solve(newProblem, warmOptions, progress, cancellationToken);
        var solution = solve.Solution;

        // The old plan repaired: stops the new problem proves no vehicle (or not this vehicle) can serve are dropped.
        bool kept = false;
        var analysis = UnassignableAnalysis.Analyze(newProblem, cancellationToken);
        var repairedPlans = plans.Select(p => p with
        {
            Visits = [.. p.Visits.Where(v => v.Kind == StepKind.Job
                ? analysis.CanServeJob(p.VehicleIndex, v.TaskIndex)
                : analysis.CanServeShipment(p.VehicleIndex, v.TaskIndex))],
        }).ToList();
        var repaired = SolutionFactory.Create(newProblem, repairedPlans, analysis);
        if (SolutionChecker.Check(newProblem, repaired).IsValid && RoutingSolution.Compare(repaired, solution, newProblem.Objective) < 0)
        {
            solution = repaired;
            kept = true;
        }

        return new ReplanResult(solution, solve, kept, Changes(newProblem, previous, solution),
            NewlyUnassigned(previous, solution), dropped.ToImmutable(),
            solution.Cost.Total - previous.Cost.Total,
            solution.DistanceMetres - previous.DistanceMetres,
            solution.DurationSeconds - previous.DurationSeconds);
    }

    private static string StopName(RouteStep step) => step.Kind switch
    {
        StepKind.Pickup => "pickup:" + step.Id,
        StepKind.Delivery => "delivery:" + step.Id,
        _ => step.Id,
    };

    private static ImmutableArray<string> Stops(Route? route) =>
        route is null ? [] : [.. route.Steps.Where(s => s.Kind is StepKind.Job or StepKind.Pickup or StepKind.Delivery).Select(StopName)];

    private static ImmutableArray<RouteChange> Changes(RoutingProblem problem, RoutingSolution previous, RoutingSolution current)
    {
        var before = previous.Routes.ToDictionary(r => r.VehicleId, StringComparer.Ordinal);
        var after = current.Routes.ToDictionary(r => r.VehicleId, StringComparer.Ordinal);
        var vehicles = problem.Vehicles.Select(v => v.Id)
            .Concat(previous.Routes.Select(r => r.VehicleId).Where(id => problem.IndexOfVehicle(id) < 0))
            .Where(id => before.ContainsKey(id) || after.ContainsKey(id));
        var changes = ImmutableArray.CreateBuilder<RouteChange>();
        foreach (var id in vehicles)
        {
            var old = Stops(before.GetValueOrDefault(id));
            var now = Stops(after.GetValueOrDefault(id));
            var oldSet = old.ToHashSet(StringComparer.Ordinal);
            var nowSet = now.ToHashSet(StringComparer.Ordinal);
            var keptOld = old.Where(nowSet.Contains);
            var keptNow = now.Where(oldSet.Contains);
            changes.Add(new RouteChange(id, old, now,
                [.. now.Where(s => !oldSet.Contains(s))],
                [.. old.Where(s => !nowSet.Contains(s))],
                !keptOld.SequenceEqual(keptNow, StringComparer.Ordinal)));
        }

        return changes.ToImmutable();
    }

    private static ImmutableArray<UnassignedTask> NewlyUnassigned(RoutingSolution previous, RoutingSolution current)
    {
        var served = previous.Routes.SelectMany(r => r.Steps)
            .Where(s => s.Kind is StepKind.Job or StepKind.Pickup or StepKind.Delivery)
            .Select(s => (s.Kind == StepKind.Job ? TaskKind.Job : TaskKind.Shipment, s.Id))
            .ToHashSet();
        return [.. current.Unassigned.Where(u => served.Contains((u.Kind, u.Id)))];
    }
}
