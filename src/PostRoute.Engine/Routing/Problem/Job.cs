using System.Collections.Immutable;

namespace PostRoute.Engine.Routing;

/// <summary>
/// A single stop to serve: deliver goods loaded at the vehicle's start and/or pick up goods carried to the vehicle's
/// end. The load model is VROOM's: a vehicle leaves its start carrying the deliveries of every job on its route; each
/// job then removes its <see cref="Delivery"/> and adds its <see cref="Pickup"/>; the load must stay within the
/// capacity at every step. Jobs are mandatory unless they have a <see cref="Penalty"/>. Immutable.
/// </summary>
/// <param name="Id">Unique id among the problem's jobs and shipments.</param>
/// <param name="Location">Index into <see cref="RoutingProblem.Locations"/>.</param>
public sealed record Job(string Id, int Location)
{
    /// <summary>Amounts delivered (loaded at the vehicle's start), one entry per capacity dimension.</summary>
    public Amounts Delivery { get; init; }

    /// <summary>Amounts picked up (carried to the vehicle's end), one entry per capacity dimension.</summary>
    public Amounts Pickup { get; init; }

    /// <summary>Time spent at the stop, in seconds (≥ 0).</summary>
    public double ServiceSeconds { get; init; }

    /// <summary>
    /// Windows for the start of service, in seconds; service may start in any of them. Empty means any time.
    /// They must not overlap; the built problem holds them sorted by start.
    /// </summary>
    public ImmutableArray<TimeWindow> TimeWindows { get; init; } = [];

    /// <summary>Skills the serving vehicle must all have (case-sensitive).</summary>
    public ImmutableArray<string> Skills { get; init; } = [];

    /// <summary>
    /// Priority 0–100 (default 0). When not every mandatory job can be served, solvers leave out lower-priority
    /// mandatory jobs first. It does not change the cost of a solution.
    /// </summary>
    public int Priority { get; init; }

    /// <summary>
    /// Cost added to the objective when the job is not served, in the same currency as vehicle costs (≥ 0). Null (the
    /// default) makes the job mandatory.
    /// </summary>
    public double? Penalty { get; init; }

    /// <summary>True when the job has a <see cref="Penalty"/> and may be left out.</summary>
    public bool IsOptional => Penalty is not null;
}
