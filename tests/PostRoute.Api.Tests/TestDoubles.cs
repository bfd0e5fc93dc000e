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

/// <summary>
/// A solver that reports one improvement, signals that it runs, then blocks until cancelled (or released), and
/// returns an empty solution: for queue, cancellation and shutdown tests.
/// </summary>
internal sealed class BlockingSolver : PostRoute.Engine.Routing.ISolver
{
    public const string SolverName = "blocking";

    private readonly ManualResetEventSlim _release = new();

    public string Name => SolverName;

    public SemaphoreSlim Started { get; } = new(0);

    public void Release() => _release.Set();

    public PostRoute.Engine.Routing.SolveResult Solve(PostRoute.Engine.Routing.RoutingProblem problem, PostRoute.Engine.Routing.SolveOptions options,
        IProgress<PostRoute.Engine.Routing.SolveProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        progress?.Report(new PostRoute.Engine.Routing.SolveProgress(123.5, 1, 0, TimeSpan.FromMilliseconds(5)));
        Started.Release();
        WaitHandle.WaitAny([cancellationToken.WaitHandle, _release.WaitHandle], TimeSpan.FromSeconds(60));
        var solution = PostRoute.Engine.Routing.SolutionFactory.Create(problem, []);
        return new PostRoute.Engine.Routing.SolveResult(solution,
            cancellationToken.IsCancellationRequested ? PostRoute.Engine.Routing.SolveStatus.Cancelled : PostRoute.Engine.Routing.SolveStatus.Completed,
            TimeSpan.FromMilliseconds(10), TimeSpan.Zero, [], Name);
    }
}

/// <summary>A solver that always throws.</summary>
internal sealed class ThrowingSolver : PostRoute.Engine.Routing.ISolver
{
    public string Name => "throwing";

    public PostRoute.Engine.Routing.SolveResult Solve(PostRoute.Engine.Routing.RoutingProblem problem, PostRoute.Engine.Routing.SolveOptions options,
        IProgress<PostRoute.Engine.Routing.SolveProgress>? progress = null, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("solver exploded");
}
