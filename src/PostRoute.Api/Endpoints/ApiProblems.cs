using Microsoft.AspNetCore.Http.HttpResults;

namespace PostRoute.Api.Endpoints;

/// <summary>Problem details shared by several endpoints.</summary>
internal static class ApiProblems
{
    public static ProblemHttpResult NetworkNotFound(string id) =>
        NotFound("Network not found", $"No network with id '{id}'. GET /networks lists them.");

    public static ProblemHttpResult NetworkVersionNotFound(string id, long version) =>
        NotFound("Network version not found", $"Network '{id}' has no version {version} (or no such network). GET /networks/{id}/versions lists them.");

    /// <summary>404 for a network asked for by id and, when given, version.</summary>
    public static ProblemHttpResult NetworkNotFound(string id, long? version) =>
        version is { } v ? NetworkVersionNotFound(id, v) : NetworkNotFound(id);

    public static ProblemHttpResult PlanNotFound(string id) =>
        NotFound("Plan not found", $"No plan with id '{id}'. GET /plans lists them.");

    public static ProblemHttpResult NotFound(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: title, detail: detail);
}
