using System.Text.Json;
using PostRoute.Engine.Planning;
using PostRoute.Engine.Routing;

namespace PostRoute.Api.Plans;

/// <summary>
/// Body of <c>POST /plans/{id}/replan</c>: re-plan a finished plan after road closures. Give the links to close, or a
/// network version that has them closed, or both (the links are then closed on top of that version).
/// </summary>
/// <param name="ClosedLinkIds">Links to close on top of the network version (default: none).</param>
/// <param name="NetworkVersion">Version of the plan's network to re-plan on (default: the version the plan was made on).</param>
/// <param name="Name">Name of the new plan (default: <c>replan of {parent name or id}</c>).</param>
/// <param name="Solver">Solver name (default <c>search</c>, which starts from the stored routes).</param>
/// <param name="TimeLimitSeconds">Search time limit in seconds (default from configuration; capped by PostRoute:Solving:MaxTimeLimitSeconds).</param>
/// <param name="Seed">Solver seed (default 0).</param>
public sealed record ReplanRequest(
    string[]? ClosedLinkIds,
    long? NetworkVersion,
    string? Name,
    string? Solver,
    double? TimeLimitSeconds,
    int? Seed);

/// <summary>
/// What a re-plan stores as its request: enough to build its problem again after a restart without the parent — the
/// parent's own kind and request, and the links closed on top of the plan's network version.
/// </summary>
/// <param name="ParentPlanId">The plan re-planned.</param>
/// <param name="BaseKind">Kind of the original request (<c>plan</c> or <c>mail-run</c>; a re-plan of a re-plan keeps the original's).</param>
/// <param name="BaseRequestJson">The original request as stored.</param>
/// <param name="ClosedLinkIds">Links closed on top of the plan's network version.</param>
/// <param name="Request">The body as received.</param>
public sealed record ReplanStoredRequest(
    string ParentPlanId,
    string BaseKind,
    string BaseRequestJson,
    string[] ClosedLinkIds,
    ReplanRequest Request);

/// <summary>How a re-plan changed the stored plan (shown as <c>replan</c> in <c>GET /plans/{id}</c>).</summary>
/// <param name="ParentPlanId">The plan re-planned.</param>
/// <param name="ClosedLinkIds">Links closed on top of the plan's network version.</param>
/// <param name="KeptRepairedPlan">True when the previous routes, with the stops that cannot be served any more dropped, beat the solver's result and were kept.</param>
/// <param name="Routes">Per vehicle with a route before or after: stops before and after, added, removed, reordered.</param>
/// <param name="NewlyUnassigned">Tasks served before and unassigned now, with the new reasons (e.g. <c>unreachable</c>).</param>
/// <param name="DroppedFromPlan">Stops of the previous plan whose task or vehicle the new problem lacks.</param>
/// <param name="CostDifference">New total cost − previous total cost.</param>
/// <param name="DistanceDifferenceMetres">New total distance − previous, metres.</param>
/// <param name="DurationDifferenceSeconds">New total route duration − previous, seconds.</param>
public sealed record ReplanReport(
    string ParentPlanId,
    IReadOnlyList<string> ClosedLinkIds,
    bool KeptRepairedPlan,
    IReadOnlyList<RouteChangeReport> Routes,
    IReadOnlyList<ReplanUnassigned> NewlyUnassigned,
    IReadOnlyList<string> DroppedFromPlan,
    double CostDifference,
    double DistanceDifferenceMetres,
    double DurationDifferenceSeconds)
{
    internal static ReplanReport From(RoutingProblem problem, ReplanContext context, ReplanResult replan) =>
        new(context.ParentPlanId, context.ClosedLinkIds, replan.KeptRepairedPlan,
            [.. replan.Routes.Select(r => new RouteChangeReport(r.VehicleId, r.Changed, r.Added, r.Removed, r.Reordered, r.StopsBefore, r.StopsAfter))],
            [.. replan.NewlyUnassigned.Select(u => new ReplanUnassigned(u.Id, JsonNamingPolicy.CamelCase.ConvertName(u.Kind.ToString()),
                u.TaskIndex, JsonNamingPolicy.CamelCase.ConvertName(u.Reason.ToString()), u.Explanation))],
            replan.DroppedFromPlan, replan.CostDifference, replan.DistanceDifferenceMetres, replan.DurationDifferenceSeconds);
}

/// <summary>
/// How one vehicle's route changed. Stops are job ids, or <c>pickup:{id}</c> / <c>delivery:{id}</c> for shipments.
/// </summary>
/// <param name="VehicleId">The vehicle.</param>
/// <param name="Changed">True when stops were added, removed or reordered.</param>
/// <param name="Added">Stops on the new route and not on the previous one, in new order.</param>
/// <param name="Removed">Stops on the previous route and not on the new one, in previous order.</param>
/// <param name="Reordered">True when the stops kept are visited in another order.</param>
/// <param name="StopsBefore">Stops of the previous route (empty when it was unused).</param>
/// <param name="StopsAfter">Stops of the new route (empty when it is unused now).</param>
public sealed record RouteChangeReport(string VehicleId, bool Changed, IReadOnlyList<string> Added, IReadOnlyList<string> Removed,
    bool Reordered, IReadOnlyList<string> StopsBefore, IReadOnlyList<string> StopsAfter);

/// <summary>A task the re-plan no longer serves.</summary>
/// <param name="Id">Job or shipment id.</param>
/// <param name="Type"><c>job</c> or <c>shipment</c>.</param>
/// <param name="TaskIndex">Index in the problem's jobs or shipments.</param>
/// <param name="Reason">Reason code, as in a plan's <c>unassigned</c> (e.g. <c>unreachable</c>).</param>
/// <param name="Explanation">The reason in plain words.</param>
public sealed record ReplanUnassigned(string Id, string Type, int TaskIndex, string Reason, string Explanation);
