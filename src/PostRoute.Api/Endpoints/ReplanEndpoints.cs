using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PostRoute.Api.Hosting;
using PostRoute.Api.Networks;
using PostRoute.Api.Plans;
using PostRoute.Api.Storage;
using PostRoute.Engine.Routing;

namespace PostRoute.Api.Endpoints;

/// <summary><c>POST /plans/{id}/replan</c>: re-plan a finished plan around road closures, as a new queued plan.</summary>
public static class ReplanEndpoints
{
    /// <summary>Solver of a re-plan that names none: the native search, which starts from the stored routes.</summary>
    public const string DefaultSolver = "search";

    /// <summary>Maps <c>POST /plans/{id}/replan</c>.</summary>
    public static IEndpointRouteBuilder MapReplanEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/plans").WithTags("Plans", PlanningEndpoints.Tag)
            .MapPost("/{id}/replan", SubmitReplan)
            .RequireWriteAccess()
            .WithName("SubmitReplan")
            .WithSummary("Re-plan a plan around road closures")
            .WithDescription("Creates a NEW plan (kind 'replan', parentPlanId = this plan) that solves the same problem over the " +
                             "plan's network with the given links closed (closedLinkIds, on top of the plan's network version or " +
                             "of networkVersion), warm-started from this plan's routes (solver 'search' by default). It is queued " +
                             "like POST /plans: 202 with its Location, or 201 with ?wait=N when it ends in time. Once done, GET " +
                             "/plans/{new id} shows under 'replan' the route changes per vehicle (stops added, removed, reordered), " +
                             "the tasks now unassigned with their reasons, and the cost, distance and duration differences (new − " +
                             "old); map.svg draws the closed links dashed. 404 unknown plan; 409 when the plan has no result yet " +
                             "or does not travel on a stored network; 400 names each bad field (closedLinkIds[i], networkVersion, " +
                             "solver, timeLimitSeconds) and nothing is stored.")
            .WithOpenApiExample(OpenApiExamples.Replan)
            .WithParameterExample("wait", "5")
            .Produces<PlanResponse>(StatusCodes.Status202Accepted)
            .Produces<PlanResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<Results<Accepted<PlanResponse>, Created<PlanResponse>, ValidationProblem, ProblemHttpResult>> SubmitReplan(
        string id, ReplanRequest request, double? wait, HttpContext http, NetworkCatalog catalog, SolverRegistry solvers,
        PlanService plans, PlanRebuilder rebuilder, IPostRouteStore store, IOptions<PostRouteOptions> options, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var parent = await store.GetPlanAsync(id, cancellationToken);
        if (parent is null)
        {
            return ApiProblems.PlanNotFound(id);
        }

        if (parent.ResultJson is null || parent.Status is not (PlanStatus.Done or PlanStatus.Cancelled))
        {
            return Conflict("Plan not finished",
                $"Plan '{id}' is {SqlitePostRouteStore.StatusText(parent.Status)} without a result; only a finished plan can be re-planned.");
        }

        if (parent.NetworkId is not { } networkId || parent.NetworkVersion is not { } parentVersion)
        {
            return Conflict("Plan not on a network",
                $"Plan '{id}' does not travel on a stored network, so road closures do not apply to it.");
        }

        var json = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var solving = options.Value.Solving;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        string solverName = request.Solver ?? DefaultSolver;
        if (!solvers.TryGet(solverName, out var solver))
        {
            errors["solver"] = [$"unknown solver '{solverName}'; available: {string.Join(", ", solvers.Names)}"];
        }

        double timeLimit = request.TimeLimitSeconds ?? solving.DefaultTimeLimitSeconds;
        if (!double.IsFinite(timeLimit) || timeLimit <= 0)
        {
            errors["timeLimitSeconds"] = ["must be a number of seconds > 0"];
        }

        if (wait is { } w && (!double.IsFinite(w) || w < 0))
        {
            errors["wait"] = ["must be a number of seconds ≥ 0"];
        }

        // A re-plan of a re-plan starts from the original request and keeps the closures already made.
        var parentStored = parent.Kind == PlanRebuilder.ReplanKind ? JsonSerializer.Deserialize<ReplanStoredRequest>(parent.RequestJson, json) : null;
        string baseKind = parentStored?.BaseKind ?? parent.Kind;
        string baseRequest = parentStored?.BaseRequestJson ?? parent.RequestJson;
        string[] inherited = request.NetworkVersion is null ? parentStored?.ClosedLinkIds ?? [] : [];

        long version = request.NetworkVersion ?? parentVersion;
        var network = await catalog.GetAsync(networkId, version, cancellationToken);
        if (network is null)
        {
            if (request.NetworkVersion is not null)
            {
                errors["networkVersion"] = [$"network '{networkId}' has no version {version}"];
            }
            else
            {
                return Conflict("Network gone", $"Plan '{id}' was made on network '{networkId}' version {version}, which is no longer stored.");
            }
        }

        string[] closed = request.ClosedLinkIds ?? [];
        if (closed.Length == 0 && request.NetworkVersion is null)
        {
            errors["closedLinkIds"] = ["give the links to close, or a networkVersion that has them closed"];
        }

        if (network is not null)
        {
            PlanningEndpoints.CheckLinks(network, networkId, closed, "closedLinkIds", errors);
        }

        if (errors.Count > 0 || network is null || solver is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The re-plan request is invalid.");
        }

        var (previous, failure) = await rebuilder.RebuildAsync(parent, cancellationToken);
        if (previous is null)
        {
            return Conflict(failure!.Title, failure.Detail);
        }

        string[] allClosed = [.. inherited.Concat(closed).Distinct(StringComparer.Ordinal)];
        var closedNetwork = allClosed.Length > 0 ? network.WithLinksClosed(allClosed) : network;
        var mapped = rebuilder.BuildProblem(baseKind, baseRequest, closedNetwork, cancellationToken)
                     ?? throw new InvalidOperationException($"Plan '{id}' of kind '{parent.Kind}' cannot be rebuilt.");

        var stored = new ReplanStoredRequest(id, baseKind, baseRequest, allClosed, request);
        string name = request.Name ?? $"replan of {parent.Name ?? id}";
        var solveOptions = new SolveOptions
        {
            TimeLimit = TimeSpan.FromSeconds(Math.Min(timeLimit, solving.MaxTimeLimitSeconds)),
            Seed = request.Seed ?? 0,
        };
        var submitted = await PlanSubmission.SubmitAsync(plans, PlanRebuilder.ReplanKind, name, solver, mapped, solveOptions,
            networkId, network.Version, JsonSerializer.Serialize(stored, json), time, cancellationToken,
            new ReplanContext(id, previous.Solution, allClosed));
        return await PlanSubmission.AnswerAsync(submitted, wait, http, solving, plans, store, time, cancellationToken);
    }

    private static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail);
}
