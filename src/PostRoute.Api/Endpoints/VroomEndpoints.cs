using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PostRoute.Api.Hosting;
using PostRoute.Api.Plans;
using PostRoute.Engine.Formats;
using PostRoute.Engine.Formats.Vroom;
using PostRoute.Engine.Routing;

namespace PostRoute.Api.Endpoints;

/// <summary>
/// <c>POST /vroom</c>: VROOM's HTTP interface. Takes VROOM's JSON input and answers, synchronously, in VROOM's output
/// shape, so a VROOM client switches by changing the URL. The problem is solved through the plan queue (it is listed in
/// <c>/plans</c> with kind <c>vroom</c>); errors are problem details that also carry VROOM's <c>code</c> and <c>error</c>.
/// </summary>
public static class VroomEndpoints
{
    /// <summary>Maps <c>POST /vroom</c>.</summary>
    public static IEndpointRouteBuilder MapVroomEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/vroom", Solve)
            .RequireWriteAccess()
            .WithTags("VROOM")
            .WithName("SolveVroom")
            .WithSummary("Solve a VROOM problem (VROOM-compatible)")
            .WithDescription("Body: VROOM's input (vehicles, jobs, shipments, matrices per profile with durations and " +
                             "distances, time windows, skills, priorities, breaks, capacity/delivery/pickup/amount). Answers " +
                             "200 with VROOM's output (code 0, summary, unassigned, routes with steps) once solved, within " +
                             "?timeLimit=seconds (default PostRoute:Vroom:TimeLimitSeconds) with ?solver=name (default ortools). " +
                             "Without matrices, travel is great-circle at PostRoute:Vroom:SpeedKmh. Differences from VROOM: " +
                             "per_hour is charged on the whole route duration while optimising (the reported cost is VROOM's: " +
                             "travel time only), setup is added on every visit, custom cost matrices are refused. Unassigned " +
                             "entries also carry 'reason' and 'explanation'. Content-Location names the stored plan.")
            .Accepts<object>("application/json")
            .Produces<object>(StatusCodes.Status200OK, "application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithOpenApiExample(OpenApiExamples.Vroom)
            .WithParameterExample("timeLimit", "1");
        return app;
    }

    private static async Task<Results<ContentHttpResult, ValidationProblem, ProblemHttpResult>> Solve(
        HttpRequest request, string? solver, double? timeLimit, SolverRegistry solvers, PlanService plans,
        IOptions<PostRouteOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        string solverName = solver ?? SolverRegistry.DefaultSolver;
        if (!solvers.TryGet(solverName, out var chosen))
        {
            errors["solver"] = [$"unknown solver '{solverName}'; available: {string.Join(", ", solvers.Names)}"];
        }

        double limit = timeLimit ?? settings.Vroom.TimeLimitSeconds;
        if (!double.IsFinite(limit) || limit <= 0)
        {
            errors["timeLimit"] = ["must be a number of seconds > 0"];
        }

        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken); // the reader is synchronous; never block on the socket
        body.Position = 0;
        VroomProblem? vroom = null;
        try
        {
            vroom = VroomJson.Read(body, new VroomReadOptions
            {
                SpeedMetresPerSecond = settings.Vroom.SpeedKmh / 3.6,
                DetourFactor = settings.Vroom.DetourFactor,
            });
        }
        catch (RoutingValidationException ex)
        {
            foreach (var group in ex.Errors.GroupBy(e => e.Path, StringComparer.Ordinal))
            {
                errors[group.Key] = [.. group.Select(e => e.Message)];
            }
        }

        if (errors.Count > 0 || vroom is null || chosen is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The VROOM input is invalid.",
                detail: "See 'errors': each key is the path of an offending field.",
                extensions: VroomError(2, string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value[0]}"))));
        }

        var job = await PlanSubmission.SubmitAsync(plans, "vroom", null, chosen, MappedProblem.Of(vroom.Problem),
            new SolveOptions { TimeLimit = TimeSpan.FromSeconds(Math.Min(limit, settings.Solving.MaxTimeLimitSeconds)) }, null, null,
            System.Text.Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length), time, cancellationToken);
        if (job is null)
        {
            var full = PlanSubmission.QueueFull(request.HttpContext, settings.Solving);
            return TypedResults.Problem(full.ProblemDetails.Detail, statusCode: full.StatusCode, title: full.ProblemDetails.Title,
                extensions: VroomError(1, full.ProblemDetails.Detail ?? "queue full"));
        }

        PlanFinish finish;
        try
        {
            finish = await job.Completion.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The client went away: nobody will read the answer.
            await plans.CancelAsync(job.Id, "cancelled: the VROOM client disconnected", TimeSpan.Zero, CancellationToken.None);
            throw;
        }

        request.HttpContext.Response.Headers.ContentLocation = $"/plans/{job.Id}";
        if (finish.Result is null)
        {
            string error = finish.Error ?? "the plan ended without a result";
            return TypedResults.Problem(error, statusCode: StatusCodes.Status500InternalServerError, title: "Solving failed",
                extensions: VroomError(1, error));
        }

        return TypedResults.Content(VroomJson.WriteSolution(vroom, finish.Result), "application/json");
    }

    private static Dictionary<string, object?> VroomError(int code, string message) => new() { ["code"] = code, ["error"] = message };
}
