using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PostRoute.Api.Hosting;
using PostRoute.Api.Networks;
using PostRoute.Api.Plans;
using PostRoute.Api.Storage;
using PostRoute.Engine.Formats;
using PostRoute.Engine.Paths;
using PostRoute.Engine.Routing;

namespace PostRoute.Api.Endpoints;

/// <summary>Endpoints under <c>/plans</c>: submit routing problems, follow them, read results, cancel.</summary>
public static class PlanEndpoints
{
    /// <summary>Maps the <c>/plans</c> group.</summary>
    public static IEndpointRouteBuilder MapPlanEndpoints(this IEndpointRouteBuilder app)
    {
        var plans = app.MapGroup("/plans").WithTags("Plans");

        plans.MapPost("/", SubmitPlan)
            .RequireWriteAccess()
            .WithName("SubmitPlan")
            .WithSummary("Submit a routing problem")
            .WithDescription("Queues the problem for the chosen solver and answers 202 Accepted with the plan and its " +
                             "Location. With ?wait=N the request waits up to N seconds (capped by configuration) and answers " +
                             "201 Created with the finished plan if it ends in time. The problem is validated first: every " +
                             "problem is listed in a validation problem (400) and nothing is stored. A full queue answers " +
                             "503 with Retry-After. Time limits above the configured maximum are cut to it.")
            .WithOpenApiExample(OpenApiExamples.Plan)
            .WithParameterExample("wait", "5")
            .Produces<PlanResponse>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        plans.MapGet("/", ListPlans)
            .WithName("ListPlans")
            .WithSummary("List plans")
            .WithDescription("Plans, newest first, without their results; ?status=queued|running|done|failed|cancelled " +
                             "filters, ?limit=N (default 100, capped by configuration) bounds the list.")
            .WithParameterExample("status", "\"done\"")
            .ProducesValidationProblem();

        plans.MapGet("/solvers", ListSolvers)
            .WithName("ListSolvers")
            .WithSummary("List the solvers")
            .WithDescription("Names accepted in a plan's 'solver' field.");

        plans.MapGet("/{id}", GetPlan)
            .WithName("GetPlan")
            .WithSummary("Get a plan")
            .WithDescription("Status (queued, running, done, failed, cancelled), progress (elapsed seconds, best cost so " +
                             "far), and once finished the result: routes with timed steps and loads, unassigned tasks with " +
                             "reasons, totals. A cancelled plan keeps the best result found before it was stopped.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        plans.MapGet("/{id}/geojson", GetPlanGeoJson)
            .WithName("GetPlanGeoJson")
            .WithSummary("Routes of a plan as GeoJSON")
            .WithDescription("One LineString per route (along the network paths when the plan travels on a network), a " +
                             "Point per step and per unassigned task; [lon, lat]. 409 while the plan has no result yet.")
            .Produces<object>(StatusCodes.Status200OK, NetworkEndpoints.GeoJsonContentType)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        plans.MapPost("/{id}/cancel", CancelPlan)
            .RequireWriteAccess()
            .WithName("CancelPlan")
            .WithSummary("Cancel a plan")
            .WithDescription("Stops a queued or running plan. A running plan is recorded as cancelled with the best " +
                             "result found so far. 409 when the plan has already finished.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        plans.MapDelete("/{id}", CancelPlan)
            .RequireWriteAccess()
            .WithName("CancelPlanByDelete")
            .WithSummary("Cancel a plan (DELETE)")
            .WithDescription("Same as POST /plans/{id}/cancel. The plan record stays, with status cancelled.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return app;
    }

    private static async Task<Results<Accepted<PlanResponse>, Created<PlanResponse>, ValidationProblem, ProblemHttpResult>> SubmitPlan(
        PlanRequest request, double? wait, HttpContext http, NetworkCatalog catalog, MatrixCache cache, SolverRegistry solvers,
        PlanService plans, IPostRouteStore store, IOptions<PostRouteOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var solving = options.Value.Solving;
        var errors = new List<RoutingValidationError>();
        var (solver, timeLimit, stopWhen) = PlanSubmission.CheckSettings(request.Solver, request.TimeLimitSeconds, request.StopWhen, wait,
            solvers, solving, errors);

        var network = request.Travel?.Network is { } networkId
            ? await catalog.GetAsync(networkId, request.Travel.NetworkVersion, cancellationToken)
            : null;
        MappedProblem? mapped = null;
        try
        {
            mapped = PlanProblemMapper.Map(request, network, cache, cancellationToken);
        }
        catch (RoutingValidationException ex)
        {
            errors.AddRange(ex.Errors);
        }

        if (errors.Count > 0 || mapped is null || solver is null)
        {
            throw new RoutingValidationException(errors);
        }

        var solveOptions = new SolveOptions { TimeLimit = TimeSpan.FromSeconds(timeLimit), Seed = request.Seed ?? 0, StopWhen = stopWhen };
        var submitted = await PlanSubmission.SubmitAsync(plans, "plan", request.Name, solver, mapped, solveOptions,
            network is null ? null : request.Travel!.Network, network?.Version,
            JsonSerializer.Serialize(request, http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions),
            time, cancellationToken);
        return await PlanSubmission.AnswerAsync(submitted, wait, http, solving, plans, store, time, cancellationToken);
    }

    private static async Task<Results<Ok<PlanSummary[]>, ValidationProblem>> ListPlans(
        string? status, int? limit, IPostRouteStore store, IOptions<PostRouteOptions> options, CancellationToken cancellationToken)
    {
        PlanStatus? filter = null;
        if (status is not null)
        {
            if (!Enum.TryParse<PlanStatus>(status, ignoreCase: true, out var parsed) || int.TryParse(status, out _))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["status"] = [$"unknown status '{status}'; use queued, running, done, failed or cancelled"],
                });
            }

            filter = parsed;
        }

        if (limit is <= 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["must be ≥ 1"] });
        }

        int count = Math.Min(limit ?? 100, options.Value.Limits.MaxListedPlans);
        var records = await store.ListPlansAsync(filter, count, cancellationToken);
        return TypedResults.Ok(records.Select(PlanSummary.From).ToArray());
    }

    private static Ok<string[]> ListSolvers(SolverRegistry solvers) => TypedResults.Ok(solvers.Names.ToArray());

    private static async Task<Results<Ok<PlanResponse>, ProblemHttpResult>> GetPlan(
        string id, IPostRouteStore store, PlanService plans, TimeProvider time, HttpContext http, CancellationToken cancellationToken) =>
        await PlanResponse.TryLoadAsync(id, store, plans, time, http.RequestServices, cancellationToken) is { } plan
            ? TypedResults.Ok(plan)
            : ApiProblems.PlanNotFound(id);

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetPlanGeoJson(
        string id, IPostRouteStore store, CancellationToken cancellationToken)
    {
        var plan = await store.GetPlanAsync(id, cancellationToken);
        if (plan is null)
        {
            return ApiProblems.PlanNotFound(id);
        }

        return plan.RoutesGeoJson is { } geoJson
            ? TypedResults.Content(geoJson, NetworkEndpoints.GeoJsonContentType)
            : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "No result yet",
                detail: $"Plan '{id}' is {SqlitePostRouteStore.StatusText(plan.Status)} and has no routes to draw.");
    }

    private static async Task<Results<Ok<PlanResponse>, ProblemHttpResult>> CancelPlan(
        string id, IPostRouteStore store, PlanService plans, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        var outcome = await plans.CancelAsync(id, "cancelled by a client", TimeSpan.FromSeconds(10), cancellationToken);
        if (outcome == CancelOutcome.NotFound)
        {
            return ApiProblems.PlanNotFound(id);
        }

        var plan = (await PlanResponse.TryLoadAsync(id, store, plans, time, http.RequestServices, cancellationToken))!;
        // A plan that finished while the cancellation arrived keeps its result.
        if (outcome == CancelOutcome.AlreadyFinished || plan.Status is PlanStatus.Done or PlanStatus.Failed)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Plan already finished",
                detail: $"Plan '{id}' is {SqlitePostRouteStore.StatusText(plan.Status)}; only queued or running plans can be cancelled.");
        }

        return TypedResults.Ok(plan);
    }
}

/// <summary>Submission steps shared by the plan-submitting endpoints (<c>/plans</c>, <c>/plans/mail-run</c>, <c>/plans/{id}/replan</c>) and <c>/vroom</c>.</summary>
internal static class PlanSubmission
{
    public static async Task<PlanJob?> SubmitAsync(PlanService plans, string kind, string? name, ISolver solver, MappedProblem problem,
        SolveOptions options, string? networkId, long? networkVersion, string requestJson, TimeProvider time,
        CancellationToken cancellationToken, ReplanContext? replan = null)
    {
        string id = Guid.CreateVersion7(time.GetUtcNow()).ToString("N");
        var record = new PlanRecord(id, kind, PlanStatus.Queued, solver.Name, options.TimeLimit.TotalSeconds, time.GetUtcNow())
        {
            Name = name,
            NetworkId = networkId,
            NetworkVersion = networkVersion,
            RequestJson = requestJson,
        };
        return await plans.SubmitAsync(record, new PlanJob(id, problem, solver, options) { Replan = replan }, cancellationToken);
    }

    /// <summary>
    /// Checks the settings plan bodies share, adding each problem to <paramref name="errors"/> in this order: the solver
    /// (default <see cref="SolverRegistry.DefaultSolver"/>; null when unknown), the time limit in seconds (default from
    /// configuration, returned capped at <see cref="SolvingOptions.MaxTimeLimitSeconds"/>), the stopping criteria and
    /// <c>?wait</c>.
    /// </summary>
    public static (ISolver? Solver, double TimeLimitSeconds, System.Collections.Immutable.ImmutableArray<StoppingCriterion> StopWhen) CheckSettings(
        string? solverName, double? timeLimitSeconds, StopWhenRequest? stopWhen, double? wait, SolverRegistry solvers, SolvingOptions solving,
        List<RoutingValidationError> errors)
    {
        string name = solverName ?? SolverRegistry.DefaultSolver;
        if (!solvers.TryGet(name, out var solver))
        {
            errors.Add(new("solver", $"unknown solver '{name}'; available: {string.Join(", ", solvers.Names)}"));
        }

        double timeLimit = timeLimitSeconds ?? solving.DefaultTimeLimitSeconds;
        if (!double.IsFinite(timeLimit) || timeLimit <= 0)
        {
            errors.Add(new("timeLimitSeconds", "must be a number of seconds > 0"));
        }

        var criteria = StoppingCriteria(stopWhen, errors);
        if (wait is { } w && (!double.IsFinite(w) || w < 0))
        {
            errors.Add(new("wait", "must be a number of seconds ≥ 0"));
        }

        return (solver, Math.Min(timeLimit, solving.MaxTimeLimitSeconds), criteria);
    }

    /// <summary>The stopping criteria of a request; problems are added to <paramref name="errors"/>.</summary>
    public static System.Collections.Immutable.ImmutableArray<StoppingCriterion> StoppingCriteria(StopWhenRequest? stopWhen, List<RoutingValidationError> errors)
    {
        if (stopWhen is null)
        {
            return [];
        }

        var criteria = new List<StoppingCriterion>();
        if (stopWhen.NoImprovementSeconds is { } seconds)
        {
            if (double.IsFinite(seconds) && seconds > 0)
            {
                criteria.Add(new NoImprovementFor(TimeSpan.FromSeconds(seconds)));
            }
            else
            {
                errors.Add(new("stopWhen.noImprovementSeconds", "must be a number of seconds > 0"));
            }
        }

        if (stopWhen.MaxSolutions is { } count)
        {
            if (count >= 1)
            {
                criteria.Add(new MaxSolutions(count));
            }
            else
            {
                errors.Add(new("stopWhen.maxSolutions", "must be ≥ 1"));
            }
        }

        if (stopWhen.TargetCost is { } cost)
        {
            if (double.IsFinite(cost))
            {
                criteria.Add(new TargetCost(cost));
            }
            else
            {
                errors.Add(new("stopWhen.targetCost", "must be a finite number"));
            }
        }

        return [.. criteria];
    }

    /// <summary>
    /// The answer to a plan submission: 503 with Retry-After when the queue was full (<paramref name="submitted"/> is
    /// null); with <paramref name="wait"/> &gt; 0, 201 Created with the plan once it finishes within that many seconds
    /// (capped by configuration); otherwise 202 Accepted with the plan as it stands. Both name the plan in Location.
    /// </summary>
    public static async Task<Results<Accepted<PlanResponse>, Created<PlanResponse>, ValidationProblem, ProblemHttpResult>> AnswerAsync(
        PlanJob? submitted, double? wait, HttpContext http, SolvingOptions solving, PlanService plans, IPostRouteStore store,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (submitted is null)
        {
            return QueueFull(http, solving);
        }

        string location = $"/plans/{submitted.Id}";
        if (wait is > 0)
        {
            var delay = TimeSpan.FromSeconds(Math.Min(wait.Value, solving.MaxWaitSeconds));
            await Task.WhenAny(submitted.Completion.Task, Task.Delay(delay, time, cancellationToken));
            if (submitted.Completion.Task.IsCompleted)
            {
                return TypedResults.Created(location, await PlanResponse.LoadAsync(submitted.Id, store, plans, time, http.RequestServices, cancellationToken));
            }
        }

        return TypedResults.Accepted(location, await PlanResponse.LoadAsync(submitted.Id, store, plans, time, http.RequestServices, cancellationToken));
    }

    public static ProblemHttpResult QueueFull(HttpContext http, SolvingOptions solving)
    {
        http.Response.Headers.RetryAfter = solving.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Plan queue full",
            detail: $"All {solving.QueueCapacity} places of the plan queue are taken. Retry after {solving.RetryAfterSeconds} s.");
    }
}

/// <summary>A plan with its status, progress and (once finished) result.</summary>
/// <param name="Id">Plan id.</param>
/// <param name="Name">Name from the request.</param>
/// <param name="Kind"><c>plan</c>, <c>mail-run</c> (submitted to /plans/mail-run), <c>vroom</c> (submitted to /vroom) or <c>replan</c> (POST /plans/{id}/replan).</param>
/// <param name="Status"><c>queued</c>, <c>running</c>, <c>done</c>, <c>failed</c> or <c>cancelled</c>.</param>
/// <param name="Solver">Solver name.</param>
/// <param name="Network">Network id, when the plan travels on a stored network.</param>
/// <param name="NetworkVersion">Its version.</param>
/// <param name="TimeLimitSeconds">Effective time limit, seconds.</param>
/// <param name="CreatedAt">Submission time (UTC).</param>
/// <param name="StartedAt">When solving started.</param>
/// <param name="FinishedAt">When the plan finished.</param>
/// <param name="Progress">Elapsed time and best cost so far (live while running).</param>
/// <param name="Error">Why the plan failed or was cancelled (<c>interrupted</c> when the host stopped while it ran).</param>
/// <param name="Result">The result, once there is one (also for cancelled plans that had found a solution).</param>
/// <param name="ParentPlanId">For a re-plan: the plan it re-plans.</param>
/// <param name="Replan">For a re-plan with a result: closed links, route changes per vehicle, tasks now unassigned, and the cost, distance and duration differences.</param>
public sealed record PlanResponse(string Id, string? Name, string Kind, PlanStatus Status, string Solver, string? Network,
    long? NetworkVersion, double TimeLimitSeconds, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    PlanProgress? Progress, string? Error, PlanResult? Result, string? ParentPlanId = null, ReplanReport? Replan = null)
{
    internal static async Task<PlanResponse> LoadAsync(string id, IPostRouteStore store, PlanService plans, TimeProvider time,
        IServiceProvider services, CancellationToken cancellationToken) =>
        await TryLoadAsync(id, store, plans, time, services, cancellationToken)
        ?? throw new InvalidOperationException($"Plan '{id}' vanished from the store.");

    internal static async Task<PlanResponse?> TryLoadAsync(string id, IPostRouteStore store, PlanService plans, TimeProvider time,
        IServiceProvider services, CancellationToken cancellationToken)
    {
        var record = await store.GetPlanAsync(id, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var progress = record.Progress;
        if (record.Status == PlanStatus.Running && plans.TryGetActive(id, out var job) && job.StartedAt is { } started)
        {
            // Live: the stored progress is up to a second old.
            var live = job.Progress;
            double elapsed = (time.GetUtcNow() - started).TotalSeconds;
            progress = live is null ? new PlanProgress(elapsed, null, null, null, 0) : live with { ElapsedSeconds = elapsed };
        }

        var json = services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var result = record.ResultJson is null ? null : JsonSerializer.Deserialize<PlanResult>(record.ResultJson, json);
        string? parent = record.Kind == PlanRebuilder.ReplanKind
            ? JsonSerializer.Deserialize<ReplanStoredRequest>(record.RequestJson, json)?.ParentPlanId
            : null;
        var replan = record.DetailsJson is not null && record.Kind == PlanRebuilder.ReplanKind
            ? JsonSerializer.Deserialize<ReplanReport>(record.DetailsJson, json)
            : null;
        return new PlanResponse(record.Id, record.Name, record.Kind, record.Status, record.Solver, record.NetworkId, record.NetworkVersion,
            record.TimeLimitSeconds, record.CreatedAt, record.StartedAt, record.FinishedAt, progress, record.Error, result, parent, replan);
    }
}

/// <summary>A plan in a list (no result).</summary>
/// <param name="Id">Plan id.</param>
/// <param name="Name">Name from the request.</param>
/// <param name="Kind"><c>plan</c>, <c>mail-run</c> or <c>vroom</c>.</param>
/// <param name="Status">Status.</param>
/// <param name="Solver">Solver name.</param>
/// <param name="Network">Network id, if any.</param>
/// <param name="CreatedAt">Submission time.</param>
/// <param name="FinishedAt">End time, if finished.</param>
/// <param name="BestCost">Best cost recorded, if any.</param>
/// <param name="Error">Failure or cancellation reason.</param>
public sealed record PlanSummary(string Id, string? Name, string Kind, PlanStatus Status, string Solver, string? Network,
    DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, double? BestCost, string? Error)
{
    internal static PlanSummary From(PlanRecord record) =>
        new(record.Id, record.Name, record.Kind, record.Status, record.Solver, record.NetworkId, record.CreatedAt, record.FinishedAt,
            record.Progress?.BestCost, record.Error);
}
