namespace PostRoute.Api.Storage;

/// <summary>Figures of one network version, kept beside its JSON so that lists need not parse it.</summary>
/// <param name="Name">Network name.</param>
/// <param name="NodeCount">Number of nodes.</param>
/// <param name="LinkCount">Number of links.</param>
/// <param name="CommuneCount">Number of communes in the register.</param>
/// <param name="ClosedLinkCount">Number of links closed in this version.</param>
/// <param name="Profiles">Vehicle profiles, in the network's order.</param>
public sealed record NetworkStats(string Name, int NodeCount, int LinkCount, int CommuneCount, int ClosedLinkCount,
    IReadOnlyList<string> Profiles);

/// <summary>A network version to store.</summary>
/// <param name="Version">Version number (the network's own <c>Version</c>).</param>
/// <param name="Json">The version in network JSON (<c>NetworkJson</c>).</param>
/// <param name="Stats">Its figures.</param>
public sealed record NewNetwork(long Version, string Json, NetworkStats Stats);

/// <summary>A stored network and its current version.</summary>
/// <param name="Id">URL id.</param>
/// <param name="CurrentVersion">Latest version number.</param>
/// <param name="Stats">Figures of the current version.</param>
/// <param name="CreatedAt">When the network was first stored (UTC).</param>
/// <param name="UpdatedAt">When the current version was stored (UTC).</param>
public sealed record NetworkInfo(string Id, long CurrentVersion, NetworkStats Stats, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>One stored version of a network.</summary>
/// <param name="Version">Version number.</param>
/// <param name="Stats">Its figures.</param>
/// <param name="CreatedAt">When it was stored (UTC).</param>
public sealed record NetworkVersionInfo(long Version, NetworkStats Stats, DateTimeOffset CreatedAt);

/// <summary>A stored network version with its JSON.</summary>
/// <param name="Network">The network (with its current version, which may be later than this one).</param>
/// <param name="Version">This version.</param>
/// <param name="Json">This version in network JSON.</param>
public sealed record StoredNetworkVersion(NetworkInfo Network, NetworkVersionInfo Version, string Json);

/// <summary>Where a plan is in its life.</summary>
public enum PlanStatus
{
    /// <summary>Waiting in the queue.</summary>
    Queued,

    /// <summary>Being solved.</summary>
    Running,

    /// <summary>Solved; the result is stored.</summary>
    Done,

    /// <summary>Ended without a result (invalid after all, solver error, or interrupted by a crash).</summary>
    Failed,

    /// <summary>Cancelled by a client or by shutdown; holds the best result found before, if any.</summary>
    Cancelled,
}

/// <summary>How far a plan's search has got.</summary>
/// <param name="ElapsedSeconds">Time since solving started, seconds.</param>
/// <param name="BestCost">Total cost of the best solution so far, or null before the first.</param>
/// <param name="VehiclesUsed">Vehicles used by the best solution, or null.</param>
/// <param name="UnservedMandatory">Mandatory tasks the best solution leaves out, or null.</param>
/// <param name="Improvements">Number of improvements found so far.</param>
public sealed record PlanProgress(double ElapsedSeconds, double? BestCost, int? VehiclesUsed, int? UnservedMandatory, int Improvements);

/// <summary>A stored plan.</summary>
/// <param name="Id">Plan id.</param>
/// <param name="Kind"><c>plan</c> (submitted to <c>/plans</c>), <c>mail-run</c> (<c>/plans/mail-run</c>), <c>vroom</c> (submitted to <c>/vroom</c>) or <c>replan</c> (<c>/plans/{id}/replan</c>).</param>
/// <param name="Status">Current status.</param>
/// <param name="Solver">Solver name.</param>
/// <param name="TimeLimitSeconds">Effective time limit, seconds.</param>
/// <param name="CreatedAt">When the plan was submitted (UTC).</param>
public sealed record PlanRecord(string Id, string Kind, PlanStatus Status, string Solver, double TimeLimitSeconds, DateTimeOffset CreatedAt)
{
    /// <summary>Name given by the client, if any.</summary>
    public string? Name { get; init; }

    /// <summary>Id of the network the plan travels on, if any.</summary>
    public string? NetworkId { get; init; }

    /// <summary>Version of that network, if any.</summary>
    public long? NetworkVersion { get; init; }

    /// <summary>The request as submitted (JSON); empty in lists.</summary>
    public string RequestJson { get; init; } = "";

    /// <summary>When solving started (UTC), if it has.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When the plan finished (UTC), if it has.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Latest recorded progress, if any.</summary>
    public PlanProgress? Progress { get; init; }

    /// <summary>Why the plan failed or was cancelled, if it did.</summary>
    public string? Error { get; init; }

    /// <summary>The result (JSON), once there is one; null in lists.</summary>
    public string? ResultJson { get; init; }

    /// <summary>The routes as GeoJSON, once there is a result; null in lists.</summary>
    public string? RoutesGeoJson { get; init; }

    /// <summary>Kind-specific details of the result (JSON), e.g. a re-plan's route changes; null when none or in lists.</summary>
    public string? DetailsJson { get; init; }
}

/// <summary>How a plan ended.</summary>
/// <param name="Status"><see cref="PlanStatus.Done"/>, <see cref="PlanStatus.Failed"/> or <see cref="PlanStatus.Cancelled"/>.</param>
/// <param name="FinishedAt">When (UTC).</param>
public sealed record PlanOutcome(PlanStatus Status, DateTimeOffset FinishedAt)
{
    /// <summary>Final progress, if any.</summary>
    public PlanProgress? Progress { get; init; }

    /// <summary>Reason for failure or cancellation.</summary>
    public string? Error { get; init; }

    /// <summary>Result JSON, if there is a result.</summary>
    public string? ResultJson { get; init; }

    /// <summary>Routes GeoJSON, if there is a result.</summary>
    public string? RoutesGeoJson { get; init; }

    /// <summary>Kind-specific details of the result (JSON), if any.</summary>
    public string? DetailsJson { get; init; }
}
