using System.Collections.Immutable;

namespace PostRoute.Engine.Routing;

/// <summary>
/// A driver's break: it lasts <paramref name="DurationSeconds"/> and must start within one of
/// <paramref name="Windows"/> (empty: any time in the shift). Every break of a used vehicle is taken during its route:
/// between two consecutive steps, either waiting at a stop or on the road (the arrival at the next stop is delayed by
/// the break), never during a service. Immutable.
/// </summary>
/// <param name="Id">Id, unique among the vehicle's breaks.</param>
/// <param name="Windows">Allowed start times, seconds; must not overlap.</param>
/// <param name="DurationSeconds">Length of the break in seconds (≥ 0).</param>
public sealed record Break(string Id, ImmutableArray<TimeWindow> Windows, double DurationSeconds);

/// <summary>
/// A vehicle with its driver's shift. It leaves <see cref="Start"/> and returns to <see cref="End"/>, or ends at its
/// last stop when <see cref="End"/> is null (an open route). An unused vehicle costs nothing. Immutable.
/// </summary>
/// <param name="Id">Unique vehicle id.</param>
/// <param name="Start">Index of the start location in <see cref="RoutingProblem.Locations"/>.</param>
/// <param name="End">Index of the end location, or null for an open route that ends at the last stop.</param>
public sealed record Vehicle(string Id, int Start, int? End)
{
    /// <summary>The profile name vehicles get when none is given.</summary>
    public const string DefaultProfile = "default";

    /// <summary>Travel profile: selects the <see cref="TravelCostProvider"/> registered under this name.</summary>
    public string Profile { get; init; } = DefaultProfile;

    /// <summary>Shift: the route may start no earlier than its start and must end no later than its end (seconds).</summary>
    public TimeWindow Shift { get; init; } = TimeWindow.Unbounded;

    /// <summary>
    /// Capacity per dimension. Empty means unlimited; otherwise it must give every dimension of the problem. In the
    /// built problem an unlimited capacity is stored as <see cref="long.MaxValue"/> in each dimension.
    /// </summary>
    public Amounts Capacity { get; init; }

    /// <summary>Cost charged once when the vehicle is used (≥ 0).</summary>
    public double FixedCost { get; init; }

    /// <summary>Cost per kilometre travelled (≥ 0). Default 1, so that by default cost = kilometres.</summary>
    public double CostPerKm { get; init; } = 1;

    /// <summary>Cost per hour of route duration (≥ 0); see <see cref="RoutingProblem"/> for what the duration includes.</summary>
    public double CostPerHour { get; init; }

    /// <summary>Skills of the vehicle and its driver (case-sensitive).</summary>
    public ImmutableArray<string> Skills { get; init; } = [];

    /// <summary>Maximum route duration in seconds (travel + service + waiting + breaks), or null for none.</summary>
    public double? MaxDurationSeconds { get; init; }

    /// <summary>Maximum total driving time in seconds, or null for none.</summary>
    public double? MaxTravelSeconds { get; init; }

    /// <summary>Maximum total distance in metres, or null for none.</summary>
    public double? MaxDistanceMetres { get; init; }

    /// <summary>Maximum number of served stops (job, pickup and delivery steps; breaks do not count), or null for none.</summary>
    public int? MaxStops { get; init; }

    /// <summary>Breaks the driver must take when the vehicle is used.</summary>
    public ImmutableArray<Break> Breaks { get; init; } = [];

    /// <summary>True when the route ends at its last stop.</summary>
    public bool IsOpenRoute => End is null;
}
