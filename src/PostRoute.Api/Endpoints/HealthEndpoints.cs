using Microsoft.AspNetCore.Http.HttpResults;

namespace PostRoute.Api.Endpoints;

/// <summary>Liveness probe.</summary>
public static class HealthEndpoints
{
    /// <summary>Maps <c>GET /healthz</c>.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", GetHealth)
            .WithName("GetHealth")
            .WithTags("Health")
            .WithSummary("Liveness probe")
            .WithDescription("Returns {\"status\":\"ok\"} while the process serves requests.");
        return app;
    }

    private static Ok<HealthStatus> GetHealth() => TypedResults.Ok(new HealthStatus("ok"));
}

/// <summary>Body of the liveness probe.</summary>
/// <param name="Status">Always <c>ok</c>.</param>
public sealed record HealthStatus(string Status);
