using Microsoft.AspNetCore.Http.HttpResults;
using PostRoute.Api.Hosting;
using PostRoute.Api.Networks;
using PostRoute.Api.Plans;
using PostRoute.Api.Storage;
using PostRoute.Engine.Maps;
using PostRoute.Engine.Routing;

namespace PostRoute.Api.Endpoints;

/// <summary>Pictures and tables of networks and plans: SVG maps and route summaries.</summary>
public static class MapEndpoints
{
    /// <summary>Media type of SVG images.</summary>
    public const string SvgContentType = "image/svg+xml; charset=utf-8";

    /// <summary>Maps <c>GET /plans/{id}/map.svg</c>, <c>GET /plans/{id}/summary</c> and <c>GET /networks/{id}/map.svg</c>.</summary>
    public static IEndpointRouteBuilder MapMapEndpoints(this IEndpointRouteBuilder app)
    {
        var plans = app.MapGroup("/plans").WithTags("Plans");
        plans.MapGet("/{id}/map.svg", GetPlanMap)
            .WithName("GetPlanMap")
            .WithSummary("Map of a plan (SVG)")
            .WithDescription("A self-contained SVG map of the plan's routes: the network's offices when the plan travels " +
                             "on a network, one <path class=\"route\" data-vehicle=\"{vehicle id}\"> per route, and a legend. " +
                             "Works after a restart (the problem is rebuilt from the stored request). 409 while the plan has no " +
                             "result yet (queued, running, or failed) — GET /networks/{id}/map.svg draws the network alone.")
            .WithParameterExample("id", "\"0197a3c1e0c47c1b9d3e5f2a6b8c0d1e\"")
            .Produces<string>(StatusCodes.Status200OK, "image/svg+xml")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        plans.MapGet("/{id}/summary", GetPlanSummary)
            .WithName("GetPlanSummary")
            .WithSummary("Route table of a plan")
            .WithDescription("One row per route (vehicle, profile, stops, km, hours, start and end in seconds from midnight, " +
                             "peak load as a percentage of capacity, cost), the unassigned tasks with their reasons, and " +
                             "totals. 409 while the plan has no result yet.")
            .Produces<SolutionSummary>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        app.MapGroup("/networks").WithTags("Networks")
            .MapGet("/{id}/map.svg", GetNetworkMap)
            .WithName("GetNetworkMap")
            .WithSummary("Map of a network (SVG)")
            .WithDescription("A self-contained SVG map of the network (current version, or ?version=N): links, the hub, " +
                             "district offices and service points, and a legend.")
            .WithParameterExample("id", "\"phu-yen\"")
            .Produces<string>(StatusCodes.Status200OK, "image/svg+xml")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetPlanMap(
        string id, IPostRouteStore store, PlanRebuilder rebuilder, CancellationToken cancellationToken)
    {
        var (plan, problem) = await RebuildAsync(id, store, rebuilder, cancellationToken);
        if (plan is null)
        {
            return problem!;
        }

        string svg = plan.Network is { } network
            ? SvgMap.Render(network, plan.Problem, plan.Solution)
            : SvgMap.Render(plan.Problem, plan.Solution);
        return TypedResults.Content(svg, SvgContentType);
    }

    private static async Task<Results<Ok<SolutionSummary>, ProblemHttpResult>> GetPlanSummary(
        string id, IPostRouteStore store, PlanRebuilder rebuilder, CancellationToken cancellationToken)
    {
        var (plan, problem) = await RebuildAsync(id, store, rebuilder, cancellationToken);
        return plan is null ? problem! : TypedResults.Ok(SolutionSummary.From(plan.Problem, plan.Solution));
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetNetworkMap(
        string id, long? version, NetworkCatalog catalog, CancellationToken cancellationToken)
    {
        var network = await catalog.GetAsync(id, version, cancellationToken);
        if (network is null)
        {
            return ApiProblems.NetworkNotFound(id, version);
        }

        return TypedResults.Content(SvgMap.Render(network), SvgContentType);
    }

    private static async Task<(RebuiltPlan? Plan, ProblemHttpResult? Problem)> RebuildAsync(
        string id, IPostRouteStore store, PlanRebuilder rebuilder, CancellationToken cancellationToken)
    {
        var record = await store.GetPlanAsync(id, cancellationToken);
        if (record is null)
        {
            return (null, ApiProblems.PlanNotFound(id));
        }

        var (plan, failure) = await rebuilder.RebuildAsync(record, cancellationToken);
        return plan is not null
            ? (plan, null)
            : (null, TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: failure!.Title, detail: failure.Detail));
    }
}
