using Microsoft.AspNetCore.Http.HttpResults;
using PostRoute.Api.Storage;

namespace PostRoute.Api.Endpoints;

/// <summary>Liveness and readiness probes.</summary>
public static class HealthEndpoints
{
    /// <summary>Maps <c>GET /healthz</c> and <c>GET /readyz</c>.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("").WithTags("Health");

        health.MapGet("/healthz", GetHealth)
            .WithName("GetHealth")
            .WithSummary("Liveness probe")
            .WithDescription("Returns {\"status\":\"ok\"} while the process serves requests.");

        health.MapGet("/readyz", GetReadiness)
            .WithName("GetReadiness")
            .WithSummary("Readiness probe")
            .WithDescription("Returns {\"status\":\"ready\"} when the storage answers, otherwise 503 (problem details).")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static Ok<HealthStatus> GetHealth() => TypedResults.Ok(new HealthStatus("ok"));

    private static async Task<Results<Ok<HealthStatus>, ProblemHttpResult>> GetReadiness(IPostRouteStore store, CancellationToken cancellationToken) =>
        await store.IsReachableAsync(cancellationToken)
            ? TypedResults.Ok(new HealthStatus("ready"))
            : TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Storage unreachable",
                detail: "The database does not answer.");
}

/// <summary>Body of the probes.</summary>
/// <param name="Status"><c>ok</c> (liveness) or <c>ready</c> (readiness).</param>
public sealed record HealthStatus(string Status);
