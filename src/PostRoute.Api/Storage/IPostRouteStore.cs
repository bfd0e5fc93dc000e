namespace PostRoute.Api.Storage;

/// <summary>
/// Durable storage of the host: networks with every version (as network JSON) and plans with their status, progress
/// and result. Implementations make every write atomic (one transaction) and are thread-safe. SQLite is the default
/// (<see cref="SqlitePostRouteStore"/>); a server database can implement the same interface.
/// </summary>
public interface IPostRouteStore
{
    /// <summary>
    /// Creates the schema when missing; on a new database, adds <paramref name="seedNetworks"/>; marks plans left
    /// queued or running by a previous process as failed with reason <c>interrupted</c>.
    /// </summary>
    /// <returns>The number of plans marked interrupted.</returns>
    Task<int> InitializeAsync(IReadOnlyList<NewNetwork> seedNetworks, CancellationToken cancellationToken);

    /// <summary>True when the storage answers a trivial query.</summary>
    Task<bool> IsReachableAsync(CancellationToken cancellationToken);

    /// <summary>Every stored network with its current version, ordered by id.</summary>
    Task<IReadOnlyList<NetworkInfo>> ListNetworksAsync(CancellationToken cancellationToken);

    /// <summary>Every stored version of network <paramref name="id"/>, oldest first; null when the network does not exist.</summary>
    Task<IReadOnlyList<NetworkVersionInfo>?> ListNetworkVersionsAsync(string id, CancellationToken cancellationToken);

    /// <summary>Network <paramref name="id"/> at <paramref name="version"/> (null: current), or null when either does not exist.</summary>
    Task<StoredNetworkVersion?> GetNetworkAsync(string id, long? version, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a new network under the first free id among <paramref name="preferredId"/>, <c>preferredId-2</c>,
    /// <c>preferredId-3</c>… and returns that id.
    /// </summary>
    Task<string> AddNetworkAsync(string preferredId, NewNetwork network, CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="next"/> as the new current version of network <paramref name="id"/>, provided its
    /// current version is still <paramref name="expectedCurrentVersion"/> (optimistic concurrency).
    /// </summary>
    /// <returns>False (and nothing stored) when the network is gone or its current version changed.</returns>
    Task<bool> AddNetworkVersionAsync(string id, long expectedCurrentVersion, NewNetwork next, CancellationToken cancellationToken);

    /// <summary>Deletes network <paramref name="id"/> with all its versions; false when it does not exist.</summary>
    Task<bool> DeleteNetworkAsync(string id, CancellationToken cancellationToken);

    /// <summary>Stores a new plan (normally <see cref="PlanStatus.Queued"/>).</summary>
    Task AddPlanAsync(PlanRecord plan, CancellationToken cancellationToken);

    /// <summary>Plan <paramref name="id"/> with its request and result, or null.</summary>
    Task<PlanRecord?> GetPlanAsync(string id, CancellationToken cancellationToken);

    /// <summary>Plans, newest first, optionally only those with <paramref name="status"/>; request and result texts are left empty.</summary>
    Task<IReadOnlyList<PlanRecord>> ListPlansAsync(PlanStatus? status, int limit, CancellationToken cancellationToken);

    /// <summary>Deletes plan <paramref name="id"/>; false when it does not exist.</summary>
    Task<bool> DeletePlanAsync(string id, CancellationToken cancellationToken);

    /// <summary>Moves a queued plan to running at <paramref name="startedAt"/>; false when it is no longer queued.</summary>
    Task<bool> StartPlanAsync(string id, DateTimeOffset startedAt, CancellationToken cancellationToken);

    /// <summary>Records the progress of a running plan (ignored once the plan has finished).</summary>
    Task SavePlanProgressAsync(string id, PlanProgress progress, CancellationToken cancellationToken);

    /// <summary>
    /// Records the end of a queued or running plan: its final status (<see cref="PlanStatus.Done"/>,
    /// <see cref="PlanStatus.Failed"/> or <see cref="PlanStatus.Cancelled"/>) and whatever else <paramref name="outcome"/> holds.
    /// </summary>
    /// <returns>False when the plan had already finished or does not exist (nothing is changed then).</returns>
    Task<bool> FinishPlanAsync(string id, PlanOutcome outcome, CancellationToken cancellationToken);
}
