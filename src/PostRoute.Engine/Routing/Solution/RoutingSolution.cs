using System.Collections.Immutable;

namespace PostRoute.Engine.Routing;

/// <summary>Costs of a solution, as defined on <see cref="RoutingProblem"/>. Immutable.</summary>
/// <param name="Fixed">Sum of fixed costs of used vehicles.</param>
/// <param name="Distance">Sum of CostPerKm × km over routes.</param>
/// <param name="Time">Sum of CostPerHour × route duration in hours over routes.</param>
/// <param name="Penalty">Sum of penalties of unserved optional jobs and shipments.</param>
public sealed record CostBreakdown(double Fixed, double Distance, double Time, double Penalty)
{
    /// <summary>Total cost = <see cref="Fixed"/> + <see cref="Distance"/> + <see cref="Time"/> + <see cref="Penalty"/>.</summary>
    public double Total => Fixed + Distance + Time + Penalty;
}

/// <summary>
/// A solution: one route per used vehicle (vehicles with no stop are omitted) and every unserved task with its
/// reason. Immutable. Build one with <see cref="SolutionFactory"/>; verify one with <see cref="SolutionChecker"/>.
/// </summary>
public sealed record RoutingSolution
{
    /// <summary>Routes of used vehicles, in vehicle order.</summary>
    public required ImmutableArray<Route> Routes { get; init; }

    /// <summary>Unserved jobs and shipments, jobs first, each in problem order.</summary>
    public required ImmutableArray<UnassignedTask> Unassigned { get; init; }

    /// <summary>Cost breakdown; <see cref="CostBreakdown.Total"/> is the objective value.</summary>
    public required CostBreakdown Cost { get; init; }

    /// <summary>Number of routes (used vehicles).</summary>
    public int VehiclesUsed => Routes.Length;

    /// <summary>Total distance of all routes, metres.</summary>
    public double DistanceMetres { get; init; }

    /// <summary>Total duration of all routes, seconds.</summary>
    public double DurationSeconds { get; init; }

    /// <summary>Number of unserved mandatory jobs and shipments.</summary>
    public int UnservedMandatoryCount { get; init; }

    /// <summary>
    /// Compares two solutions of the same problem under <paramref name="objective"/>: fewer unserved mandatory tasks
    /// first, then (for <see cref="Objective.MinimizeVehiclesFirst"/>) fewer vehicles, then lower total cost.
    /// Negative when <paramref name="a"/> is better. Costs within 1e-9 relative are equal.
    /// </summary>
    public static int Compare(RoutingSolution a, RoutingSolution b, Objective objective)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        int c = a.UnservedMandatoryCount.CompareTo(b.UnservedMandatoryCount);
        if (c != 0)
        {
            return c;
        }

        if (objective == Objective.MinimizeVehiclesFirst && (c = a.VehiclesUsed.CompareTo(b.VehiclesUsed)) != 0)
        {
            return c;
        }

        double x = a.Cost.Total, y = b.Cost.Total;
        return Math.Abs(x - y) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(x), Math.Abs(y))) ? 0 : x.CompareTo(y);
    }
}
