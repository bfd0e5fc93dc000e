using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PostRoute.Api.Hosting;
using PostRoute.Api.Networks;
using PostRoute.Api.Plans;
using PostRoute.Api.Storage;
using PostRoute.Engine.Formats;
using PostRoute.Engine.Network;
using PostRoute.Engine.Paths;
using PostRoute.Engine.Planning;
using PostRoute.Engine.Routing;

namespace PostRoute.Api.Endpoints;

/// <summary><c>POST /plans/mail-run</c>: the Phú Yên daily mail run, queued as an ordinary plan.</summary>
public static class MailRunPlans
{
    /// <summary>The plan kind of mail runs (<c>kind</c> in plan bodies).</summary>
    public const string Kind = "mail-run";

    /// <summary>Maps <c>POST /plans/mail-run</c>.</summary>
    public static IEndpointRouteBuilder MapMailRunEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/plans").WithTags("Plans")
            .MapPost("/mail-run", SubmitMailRun)
            .RequireWriteAccess()
            .WithName("SubmitMailRun")
            .WithSummary("Plan the daily mail run")
            .WithDescription("Builds the day's mail run on a Phú Yên-style network as one routing problem — trucks from " +
                             "the provincial hub to the district offices, motorbike loops from each district office to its " +
                             "communes' service points — with commune volumes generated from the date and seed (or given in " +
                             "'volumes'), and queues it like POST /plans: 202 Accepted with the plan and its Location, or 201 " +
                             "with ?wait=N when it finishes in time. GET /plans/{id}, /geojson, /map.svg, /summary and cancel " +
                             "work as for any plan. Every problem with the body is listed in a validation problem (400) whose " +
                             "keys name the fields; nothing is stored then. A full queue answers 503 with Retry-After.")
            .WithOpenApiExample(OpenApiExamples.MailRun)
            .WithParameterExample("wait", "5")
            .Produces<PlanResponse>(StatusCodes.Status202Accepted)
            .Produces<PlanResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<Results<Accepted<PlanResponse>, Created<PlanResponse>, ValidationProblem, ProblemHttpResult>> SubmitMailRun(
        MailRunRequest request, double? wait, HttpContext http, NetworkCatalog catalog, MatrixCache cache, SolverRegistry solvers,
        PlanService plans, IPostRouteStore store, IOptions<PostRouteOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var solving = options.Value.Solving;
        var errors = new List<RoutingValidationError>();
        var (solver, timeLimit, stopWhen) = PlanSubmission.CheckSettings(request.Solver, request.TimeLimitSeconds, request.StopWhen, wait,
            solvers, solving, errors);

        string networkId = request.Network ?? MailRunRequest.DefaultNetwork;
        var network = await catalog.GetAsync(networkId, request.NetworkVersion, cancellationToken);
        if (network is null)
        {
            if (request.NetworkVersion is { } version && await catalog.GetAsync(networkId, null, cancellationToken) is not null)
            {
                errors.Add(new("networkVersion", $"network '{networkId}' has no version {version}"));
            }
            else
            {
                errors.Add(new("network", $"no network with id '{networkId}'; GET /networks lists them"));
            }
        }

        var date = MailRunRequest.Today(time);
        var runOptions = request.ToOptions(date, network, errors);
        MailRun? run = null;
        if (errors.Count == 0 && network is not null && runOptions is not null)
        {
            try
            {
                run = MailRun.Build(network, runOptions, cache, cancellationToken);
            }
            catch (RoutingValidationException ex)
            {
                errors.AddRange(ex.Errors);
            }
            catch (FormatException ex)
            {
                // Volumes the checks above let through (the Engine's VolumeFormatException lists each problem).
                errors.Add(new("volumes", ex.Message));
            }
            catch (ArgumentException ex)
            {
                // The network lacks what a mail run needs (a hub, district offices, communes' service points…).
                errors.Add(new(request.Volumes is null ? "network" : "volumes", ex.Message));
            }
        }

        if (errors.Count > 0 || run is null || solver is null)
        {
            throw new RoutingValidationException(errors);
        }

        // What is stored is enough to build the same problem again (date and seed filled in, network version pinned).
        var stored = request with
        {
            Name = request.Name ?? $"mail run {run.Options.Date.ToString(MailRunRequest.DateFormat, CultureInfo.InvariantCulture)}",
            Network = networkId,
            NetworkVersion = network!.Version,
            Date = run.Options.Date.ToString(MailRunRequest.DateFormat, CultureInfo.InvariantCulture),
            Seed = run.Options.Seed,
        };
        var solveOptions = new SolveOptions
        {
            TimeLimit = TimeSpan.FromSeconds(timeLimit),
            Seed = run.Options.Seed,
            StopWhen = stopWhen,
        };
        var json = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var submitted = await PlanSubmission.SubmitAsync(plans, Kind, stored.Name, solver, MappedProblem.Of(run.Problem), solveOptions,
            networkId, network.Version, JsonSerializer.Serialize(stored, json), time, cancellationToken);
        return await PlanSubmission.AnswerAsync(submitted, wait, http, solving, plans, store, time, cancellationToken);
    }
}
