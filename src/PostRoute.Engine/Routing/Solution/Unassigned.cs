namespace PostRoute.Engine.Routing;

/// <summary>Whether a task is a single-stop job or a pickup-and-delivery shipment.</summary>
public enum TaskKind
{
    /// <summary>A <see cref="Routing.Job"/>.</summary>
    Job,

    /// <summary>A <see cref="Routing.Shipment"/>.</summary>
    Shipment,
}

/// <summary>
/// Why a task is not served. The first five are proven from the data alone (no vehicle could serve the task even if it
/// served nothing else; see <see cref="UnassignableAnalysis"/>); the last two are the solver's choice.
/// </summary>
public enum UnassignedReason
{
    /// <summary>No vehicle has every required skill.</summary>
    NoVehicleWithSkills,

    /// <summary>Among vehicles with the skills, the amount exceeds every capacity in some dimension.</summary>
    ExceedsCapacity,

    /// <summary>Among the remaining vehicles, none can reach the stop(s) from its start and get to its end (travel network).</summary>
    Unreachable,

    /// <summary>Among the remaining vehicles, none can serve the stop(s) within the time windows and its shift, even with no other stop.</summary>
    TimeWindowUnreachable,

    /// <summary>Among the remaining vehicles, serving it alone would already break each vehicle's duration, travel-time, distance or stop limit.</summary>
    ExceedsRouteLimits,

    /// <summary>An optional task the solver left out: serving it would cost more than its penalty (the solver's choice).</summary>
    PenaltyCheaperThanService,

    /// <summary>A mandatory task the solver could not fit into any route together with the others (the solver's choice).</summary>
    NoRoomFound,
}

/// <summary>A task that a solution does not serve, with the reason. Immutable.</summary>
/// <param name="Id">Id of the job or shipment.</param>
/// <param name="Kind">Job or shipment.</param>
/// <param name="TaskIndex">Index in <see cref="RoutingProblem.Jobs"/> or <see cref="RoutingProblem.Shipments"/>.</param>
/// <param name="Reason">Reason code.</param>
/// <param name="Explanation">The reason in plain words, naming the limiting data where it can.</param>
public sealed record UnassignedTask(string Id, TaskKind Kind, int TaskIndex, UnassignedReason Reason, string Explanation);
