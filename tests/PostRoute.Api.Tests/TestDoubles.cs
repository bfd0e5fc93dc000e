using PostRoute.Api.Storage;

namespace PostRoute.Api.Tests;

/// <summary>A store that works but says it is unreachable (for the readiness probe).</summary>
internal sealed class UnreachableStore(IPostRouteStore inner) : IPostRouteStore
{
    public Task<bool> IsReachableAsync(CancellationToken cancellationToken) => Task.FromResult(false);

    public Task<int> InitializeAsync(IReadOnlyList<NewNetwork> seedNetworks, CancellationToken cancellationToken) => inner.InitializeAsync(seedNetworks, cancellationToken);

    public Task<IReadOnlyList<NetworkInfo>> ListNetworksAsync(CancellationToken cancellationToken) => inner.ListNetworksAsync(cancellationToken);

    public Task<IReadOnlyList<NetworkVersionInfo>?> ListNetworkVersionsAsync(string id, CancellationToken cancellationToken) => inner.ListNetworkVersionsAsync(id, cancellationToken);

    public Task<StoredNetworkVersion?> GetNetworkAsync(string id, long? version, CancellationToken cancellationToken) => inner.GetNetworkAsync(id, version, cancellationToken);

    public Task<string> AddNetworkAsync(string preferredId, NewNetwork network, CancellationToken cancellationToken) => inner.AddNetworkAsync(preferredId, network, cancellationToken);

    public Task<bool> AddNetworkVersionAsync(string id, long expectedCurrentVersion, NewNetwork next, CancellationToken cancellationToken) => inner.AddNetworkVersionAsync(id, expectedCurrentVersion, next, cancellationToken);

    public Task<bool> DeleteNetworkAsync(string id, CancellationToken cancellationToken) => inner.DeleteNetworkAsync(id, cancellationToken);

    public Task AddPlanAsync(PlanRecord plan, CancellationToken cancellationToken) => inner.AddPlanAsync(plan, cancellationToken);

    public Task<PlanRecord?> GetPlanAsync(string id, CancellationToken cancellationToken) => inner.GetPlanAsync(id, cancellationToken);

    public Task<IReadOnlyList<PlanRecord>> ListPlansAsync(PlanStatus? status, int limit, CancellationToken cancellationToken) => inner.ListPlansAsync(status, limit, cancellationToken);

    public Task<bool> DeletePlanAsync(string id, CancellationToken cancellationToken) => inner.DeletePlanAsync(id, cancellationToken);

    public Task<bool> StartPlanAsync(string id, DateTimeOffset startedAt, CancellationToken cancellationToken) => inner.StartPlanAsync(id, startedAt, cancellationToken);

    public Task SavePlanProgressAsync(string id, PlanProgress progress, CancellationToken cancellationToken) => inner.SavePlanProgressAsync(id, progress, cancellationToken);

    public Task<bool> FinishPlanAsync(string id, PlanOutcome outcome, CancellationToken cancellationToken) => inner.FinishPlanAsync(id, outcome, cancellationToken);
}
