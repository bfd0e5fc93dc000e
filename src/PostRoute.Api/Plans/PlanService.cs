using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using PostRoute.Api.Hosting;
using PostRoute.Api.Storage;
using PostRoute.Engine.Formats;
using PostRoute.Engine.Routing;

namespace PostRoute.Api.Plans;

/// <summary>A plan being solved or waiting in the queue; lives in memory until it finishes.</summary>
public sealed class PlanJob
{
    private readonly object _gate = new();
    private PlanStatus _state = PlanStatus.Queued;
    private PlanProgress? _progress;

    /// <summary>Creates a queued job.</summary>
    public PlanJob(string id, MappedProblem problem, ISolver solver, SolveOptions options)
    {
        Id = id;
        Problem = problem;
        Solver = solver;
        Options = options;
    }

    /// <summary>Plan id.</summary>
    public string Id { get; }

    /// <summary>The problem.</summary>
    public MappedProblem Problem { get; }

    /// <summary>The solver.</summary>
    public ISolver Solver { get; }

    /// <summary>Solve options (time limit already capped).</summary>
    public SolveOptions Options { get; }

    /// <summary>
    /// For a re-plan: the stored plan to warm-start from, solved by <see cref="PostRoute.Engine.Planning.Closures.Replan(RoutingProblem, RoutingSolution, ISolver, SolveOptions, IProgress{SolveProgress}, CancellationToken)"/>
    /// instead of the solver alone; null for an ordinary plan.
    /// </summary>
    public ReplanContext? Replan { get; init; }

    /// <summary>Cancelled by a client, by shutdown, or when a waiting VROOM client goes away.</summary>
    public CancellationTokenSource Cancellation { get; } = new();

    /// <summary>Why the job was cancelled, once it was.</summary>
    public string? CancelReason { get; private set; }

    /// <summary>When solving started.</summary>
    public DateTimeOffset? StartedAt { get; private set; }

    /// <summary>Completes when the plan has finished and its outcome is stored.</summary>
    public TaskCompletionSource<PlanFinish> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Latest progress reported by the solver (elapsed time as of the report).</summary>
    public PlanProgress? Progress => Volatile.Read(ref _progress);

    /// <summary>Queued, running, or finished (any final status).</summary>
    public PlanStatus State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    internal void Report(SolveProgress progress)
    {
        int improvements = (Progress?.Improvements ?? 0) + 1;
        Volatile.Write(ref _progress, new PlanProgress(progress.Elapsed.TotalSeconds, progress.BestCost, progress.VehiclesUsed,
            progress.UnservedMandatory, improvements));
    }

    /// <summary>Moves queued → running; false when the job was cancelled while queued.</summary>
    internal bool TryStart(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_state != PlanStatus.Queued)
            {
                return false;
            }

            _state = PlanStatus.Running;
            StartedAt = now;
            return true;
        }
    }

    /// <summary>Requests cancellation; returns the state it was in (queued jobs become cancelled at once).</summary>
    internal PlanStatus Cancel(string reason)
    {
        PlanStatus before;
        lock (_gate)
        {
            before = _state;
            if (_state is PlanStatus.Queued or PlanStatus.Running)
            {
                CancelReason ??= reason;
            }

            if (_state == PlanStatus.Queued)
            {
                _state = PlanStatus.Cancelled;
            }
        }

        if (before is PlanStatus.Queued or PlanStatus.Running)
        {
            Cancellation.Cancel();
        }

        return before;
    }

    internal void Finished(PlanStatus status)
    {
        lock (_gate)
        {
            _state = status;
        }
    }
}

/// <summary>What the worker needs to re-plan a stored plan.</summary>
/// <param name="ParentPlanId">The plan re-planned.</param>
/// <param name="Previous">Its solution (of its own problem), whose routes warm-start the new solve.</param>
/// <param name="ClosedLinkIds">Links closed on top of the network version the new plan is made on.</param>
public sealed record ReplanContext(string ParentPlanId, RoutingSolution Previous, IReadOnlyList<string> ClosedLinkIds);

/// <summary>How a job ended.</summary>
/// <param name="Status">Final status.</param>
/// <param name="Result">The solve result, when the solver returned one.</param>
/// <param name="Error">Reason for failure or cancellation.</param>
public sealed record PlanFinish(PlanStatus Status, SolveResult? Result, string? Error);

/// <summary>What <see cref="PlanService.CancelAsync"/> found.</summary>
public enum CancelOutcome
{
    /// <summary>The plan was queued or running and is now cancelled.</summary>
    Cancelled,

    /// <summary>The plan had already finished.</summary>
    AlreadyFinished,

    /// <summary>No such plan.</summary>
    NotFound,
}

/// <summary>
/// The plan queue: a bounded channel read by <see cref="PlanWorker"/>, and the jobs in memory (queued or running) for
/// live progress and cancellation. Thread-safe (a singleton).
/// </summary>
public sealed class PlanService
{
    private readonly Channel<PlanJob> _queue;
    private readonly ConcurrentDictionary<string, PlanJob> _active = new(StringComparer.Ordinal);
    private readonly IPostRouteStore _store;
    private readonly TimeProvider _time;

    /// <summary>Creates the queue with <see cref="SolvingOptions.QueueCapacity"/> places.</summary>
    public PlanService(IPostRouteStore store, IOptions<PostRouteOptions> options, TimeProvider time)
    {
        _store = store;
        _time = time;
        _queue = Channel.CreateBounded<PlanJob>(new BoundedChannelOptions(Math.Max(1, options.Value.Solving.QueueCapacity))
        {
            FullMode = BoundedChannelFullMode.Wait, // TryWrite fails when full; nothing is dropped silently
        });
    }

    /// <summary>The queue, read by the workers.</summary>
    public ChannelReader<PlanJob> Queue => _queue.Reader;

    /// <summary>Stores the plan as queued and puts its job in the queue; null (and nothing stored) when the queue is full.</summary>
    public async Task<PlanJob?> SubmitAsync(PlanRecord record, PlanJob job, CancellationToken cancellationToken)
    {
        _active[job.Id] = job;
        try
        {
            await _store.AddPlanAsync(record, cancellationToken);
        }
        catch
        {
            _active.TryRemove(job.Id, out _);
            throw;
        }

        if (_queue.Writer.TryWrite(job))
        {
            return job;
        }

        _active.TryRemove(job.Id, out _);
        await _store.DeletePlanAsync(job.Id, CancellationToken.None);
        return null;
    }

    /// <summary>The job of a queued or running plan.</summary>
    public bool TryGetActive(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PlanJob? job) =>
        _active.TryGetValue(id, out job);

    /// <summary>
    /// Cancels a plan: a queued one is recorded cancelled at once; a running one is stopped and recorded with the best
    /// result found so far (this waits up to <paramref name="wait"/> for the solver to stop).
    /// </summary>
    public async Task<CancelOutcome> CancelAsync(string id, string reason, TimeSpan wait, CancellationToken cancellationToken)
    {
        if (!_active.TryGetValue(id, out var job))
        {
            var stored = await _store.GetPlanAsync(id, cancellationToken);
            return stored is null ? CancelOutcome.NotFound
                : stored.Status is PlanStatus.Queued or PlanStatus.Running ? CancelOutcome.Cancelled // finishing right now
                : CancelOutcome.AlreadyFinished;
        }

        var before = job.Cancel(reason);
        if (before == PlanStatus.Queued)
        {
            await FinishQueuedAsync(job, reason);
        }
        else if (before != PlanStatus.Running)
        {
            return CancelOutcome.AlreadyFinished;
        }

        await Task.WhenAny(job.Completion.Task, Task.Delay(wait, _time, cancellationToken));
        return CancelOutcome.Cancelled;
    }

    /// <summary>Cancels every queued and running plan (shutdown).</summary>
    public async Task CancelAllAsync(string reason)
    {
        foreach (var job in _active.Values)
        {
            if (job.Cancel(reason) == PlanStatus.Queued)
            {
                await FinishQueuedAsync(job, reason);
            }
        }
    }

    /// <summary>Records the end of a job and forgets it.</summary>
    internal void Forget(PlanJob job) => _active.TryRemove(job.Id, out _);

    private async Task FinishQueuedAsync(PlanJob job, string reason)
    {
        await _store.FinishPlanAsync(job.Id, new PlanOutcome(PlanStatus.Cancelled, _time.GetUtcNow()) { Error = reason }, CancellationToken.None);
        Forget(job);
        job.Completion.TrySetResult(new PlanFinish(PlanStatus.Cancelled, null, reason));
    }
}
