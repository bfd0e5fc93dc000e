using System.Collections.Immutable;

namespace PostRoute.Engine.Routing;

/// <summary>
/// One row of a route table: the figures of one used vehicle's <see cref="Route"/>, in display units. Immutable.
/// </summary>
/// <param name="VehicleId">Id of the vehicle.</param>
/// <param name="Profile">The vehicle's travel profile (e.g. <c>truck</c>, <c>motorbike</c>).</param>
/// <param name="Stops">Served job, pickup and delivery steps (<see cref="Route.StopCount"/>; breaks do not count).</param>
/// <param name="DistanceKm">Route distance, kilometres.</param>
/// <param name="DurationHours">Route duration (travel + service + waiting + breaks), hours.</param>
/// <param name="StartSeconds">When the vehicle leaves its start, seconds from the planning origin.</param>
/// <param name="EndSeconds">When the route ends, seconds from the planning origin.</param>
/// <param name="PeakLoadPercent">
/// The highest load on board along the route as a percentage of the vehicle's capacity, taking the maximum over the
/// capacity dimensions; dimensions with unlimited (<see cref="long.MaxValue"/>) or zero capacity are ignored (0 when
/// none remains). Between 0 and 100 for any solution that <see cref="SolutionChecker"/> accepts.
/// </param>
/// <param name="Cost">Route cost: fixed + distance + time cost (<see cref="Route.Cost"/>).</param>
public sealed record RouteSummary(
    string VehicleId,
    string Profile,
    int Stops,
    double DistanceKm,
    double DurationHours,
    double StartSeconds,
    double EndSeconds,
    double PeakLoadPercent,
    double Cost);

/// <summary>
/// The figures of a solution for tables and reports: one <see cref="RouteSummary"/> per used vehicle and the totals.
/// Derived entirely from the <see cref="RoutingSolution"/> (its routes, steps and cost breakdown) and the vehicles'
/// capacities; nothing is recomputed from travel tables. Immutable.
/// </summary>
/// <param name="Routes">One row per route, in the solution's (vehicle) order.</param>
/// <param name="ServedTasks">Jobs and shipments served (a shipment counts once): task count − unassigned count.</param>
/// <param name="Unassigned">Tasks left out, with their reasons (as in the solution).</param>
/// <param name="TotalDistanceKm">Sum of the route distances, kilometres.</param>
/// <param name="TotalDurationHours">Sum of the route durations, hours.</param>
/// <param name="TotalCost">The objective value, <see cref="CostBreakdown.Total"/>: route costs plus penalties of unserved optional tasks.</param>
public sealed record SolutionSummary(
    ImmutableArray<RouteSummary> Routes,
    int ServedTasks,
    ImmutableArray<UnassignedTask> Unassigned,
    double TotalDistanceKm,
    double TotalDurationHours,
    double TotalCost)
{
    /// <summary>Summarises <paramref name="solution"/>, a solution of <paramref name="problem"/>.</summary>
    /// <exception cref="ArgumentException">A route names a vehicle index outside the problem's fleet.</exception>
    public static SolutionSummary From(RoutingProblem problem, RoutingSolution solution)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(solution);
        var rows = ImmutableArray.CreateBuilder<RouteSummary>(solution.Routes.Length);
        foreach (var route in solution.Routes)
        {
            if (route.VehicleIndex < 0 || route.VehicleIndex >= problem.Vehicles.Length)
            {
                throw new ArgumentException(
                    $"Route of '{route.VehicleId}' has vehicle index {route.VehicleIndex}, but the problem has {problem.Vehicles.Length} vehicles.",
                    nameof(solution));
            }

            var vehicle = problem.Vehicles[route.VehicleIndex];
            rows.Add(new RouteSummary(
                route.VehicleId,
                vehicle.Profile,
                route.StopCount,
                route.DistanceMetres / 1000,
                route.DurationSeconds / 3600,
                route.StartSeconds,
                route.EndSeconds,
                PeakLoadPercent(route, vehicle.Capacity),
                route.Cost));
        }

        return new SolutionSummary(
            rows.MoveToImmutable(),
            problem.TaskCount - solution.Unassigned.Length,
            solution.Unassigned,
            solution.DistanceMetres / 1000,
            solution.DurationSeconds / 3600,
            solution.Cost.Total);
    }

    /// <summary>Highest load ÷ capacity over the route's steps and the limited dimensions, in percent.</summary>
    private static double PeakLoadPercent(Route route, Amounts capacity)
    {
        double peak = 0;
        for (int d = 0; d < capacity.Count; d++)
        {
            long limit = capacity[d];
            if (limit is <= 0 or long.MaxValue)
            {
                continue;
            }

            foreach (var step in route.Steps)
            {
                peak = Math.Max(peak, 100.0 * step.LoadAfter[d] / limit);
            }
        }

        return peak;
    }
}
