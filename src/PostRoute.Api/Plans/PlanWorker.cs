using System.Text.Json;
using Microsoft.Extensions.Options;
using PostRoute.Api.Hosting;
using PostRoute.Api.Storage;
using PostRoute.Engine.Formats;
using PostRoute.Engine.Planning;
using PostRoute.Engine.Routing;

namespace PostRoute.Api.Plans;

/// <summary>
/// Solves queued plans in the background: <see cref="SolvingOptions.ResolvedWorkers"/> loops read the queue; each
/// solve runs on its own thread (solvers are CPU-bound and synchronous), progress is stored about once a second, and
/// the outcome (result and routes GeoJSON, or the error) is stored in one transaction. On shutdown every queued and
/// running plan is cancelled and recorded as cancelled, running ones with their best result so far.
/// </summary>
internal sealed class PlanWorker(
    PlanService plans,
    IPostRouteStore store,
    IOptions<PostRouteOptions> options,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
    TimeProvider time,
    ILogger<PlanWorker> logger) : BackgroundService
{
    /// <summary>Reason recorded for plans stopped by shutdown.</summary>
    public const string ShutdownReason = "cancelled: the host shut down";

    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        int workers = options.Value.Solving.ResolvedWorkers;
        logger.LogInformation("Solving plans with {Workers} worker(s), queue capacity {Capacity}.", workers, options.Value.Solving.QueueCapacity);
        return Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(() => WorkAsync(stoppingToken), CancellationToken.None)));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Cancel first, so that running solves return their best solution promptly and are recorded.
        await plans.CancelAllAsync(ShutdownReason);
        await base.StopAsync(cancellationToken);
        while (plans.Queue.TryRead(out var job))
        {
            if (job.Cancel(ShutdownReason) == PlanStatus.Queued)
            {
                await store.FinishPlanAsync(job.Id, new PlanOutcome(PlanStatus.Cancelled, time.GetUtcNow()) { Error = ShutdownReason }, CancellationToken.None);
            }
        }
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var job in plans.Queue.ReadAllAsync(stoppingToken))
            {
                await RunAsync(job);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown: StopAsync records what is left in the queue.
        }
    }

    /// <summary>Solves one job; never throws (a failure is recorded on the plan).</summary>
    internal async Task RunAsync(PlanJob job)
    {
        var started = time.GetUtcNow();
        if (!job.TryStart(started))
        {
            return; // cancelled while queued: already recorded
        }

        PlanFinish finish;
        PlanOutcome outcome;
        try
        {
            await store.StartPlanAsync(job.Id, started, CancellationToken.None);
            var reporter = new Reporter(job);
            var solve = Task.Factory.StartNew(() => Solve(job, reporter),
                CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

            PlanProgress? saved = null;
            while (!solve.IsCompleted)
            {
                await Task.WhenAny(solve, Task.Delay(ProgressInterval, time));
                if (job.Progress is { } progress && !ReferenceEquals(progress, saved))
                {
                    saved = progress;
                    await store.SavePlanProgressAsync(job.Id, progress, CancellationToken.None);
                }
            }

            var (result, details) = await solve;
            var status = result.Status == SolveStatus.Cancelled || job.CancelReason is not null ? PlanStatus.Cancelled : PlanStatus.Done;
            string? error = status == PlanStatus.Cancelled ? job.CancelReason ?? "cancelled" : null;
            var planResult = PlanResult.From(job.Problem.Problem, result);
            outcome = new PlanOutcome(status, time.GetUtcNow())
            {
                Error = error,
                Progress = new PlanProgress(result.Elapsed.TotalSeconds, result.Solution.Cost.Total, result.Solution.VehiclesUsed,
                    result.Solution.UnservedMandatoryCount, planResult.Improvements),
                ResultJson = JsonSerializer.Serialize(planResult, json.Value.SerializerOptions),
                RoutesGeoJson = SolutionGeoJson.Write(job.Problem.Problem, result.Solution, job.Problem.NetworkTravel),
                DetailsJson = details is null ? null : JsonSerializer.Serialize(details, json.Value.SerializerOptions),
            };
            finish = new PlanFinish(status, result, error);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Plan {Plan} failed.", job.Id);
            string error = $"{ex.GetType().Name}: {ex.Message}";
            outcome = new PlanOutcome(PlanStatus.Failed, time.GetUtcNow()) { Error = error, Progress = job.Progress };
            finish = new PlanFinish(PlanStatus.Failed, null, error);
        }

        try
        {
            await store.FinishPlanAsync(job.Id, outcome, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Could not record the end of plan {Plan}.", job.Id);
        }

        job.Finished(finish.Status);
        plans.Forget(job);
        job.Completion.TrySetResult(finish);
    }

    /// <summary>
    /// Runs the solver, or for a re-plan <see cref="Closures.Replan(RoutingProblem, RoutingSolution, ISolver, SolveOptions, IProgress{SolveProgress}, CancellationToken)"/> (warm start from the stored routes; the result
    /// is the re-plan's solution, which may be the repaired previous plan) with its route changes as details.
    /// </summary>
    private static (SolveResult Result, ReplanReport? Details) Solve(PlanJob job, Reporter reporter)
    {
        if (job.Replan is not { } replan)
        {
            return (job.Solver.Solve(job.Problem.Problem, job.Options, reporter, job.Cancellation.Token), null);
        }

        var outcome = Closures.Replan(job.Problem.Problem, replan.Previous, job.Solver, job.Options, reporter, job.Cancellation.Token);
        return (outcome.Solve with { Solution = outcome.Solution }, ReplanReport.From(job.Problem.Problem, replan, outcome));
    }

    /// <summary>Keeps the latest improvement on the job; called on the solver's thread.</summary>
    private sealed class Reporter(PlanJob job) : IProgress<SolveProgress>
    {
        public void Report(SolveProgress value) => job.Report(value);
    }
}
