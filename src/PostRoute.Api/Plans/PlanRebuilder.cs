using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using PostRoute.Api.Hosting;
using PostRoute.Api.Endpoints;
using PostRoute.Api.Networks;
using PostRoute.Api.Storage;
using PostRoute.Engine.Formats;
using PostRoute.Engine.Formats.Vroom;
using PostRoute.Engine.Network;
using PostRoute.Engine.Paths;
using PostRoute.Engine.Planning;
using PostRoute.Engine.Routing;

namespace PostRoute.Api.Plans;

/// <summary>A finished plan as Engine objects again: its network (if it travels on one), problem and solution.</summary>
/// <param name="Network">The network version the plan was made on, or null for coordinate, matrix and VROOM plans.</param>
/// <param name="Problem">The problem, rebuilt from the stored request.</param>
/// <param name="Solution">The solution, rescheduled from the stored routes' visit orders.</param>
public sealed record RebuiltPlan(PostalNetwork? Network, RoutingProblem Problem, RoutingSolution Solution);

/// <summary>Why a plan could not be rebuilt.</summary>
/// <param name="Title">Short title of the problem details.</param>
/// <param name="Detail">Explanation.</param>
public sealed record RebuildFailure(string Title, string Detail);

/// <summary>
/// Rebuilds finished plans from what the store keeps (the request and the result), so that maps and summaries work
/// after a restart: the problem is built again from the stored request (a mail run from its options, with the date
/// already resolved), and the solution is rescheduled by <see cref="SolutionFactory"/> from each stored route's visit
/// order and start — the same rule every solver reports with. Finished plans do not change, so rebuilt plans are
/// kept in a small cache. Thread-safe (a singleton).
/// </summary>
public sealed class PlanRebuilder(
    NetworkCatalog catalog,
    MatrixCache matrices,
    IOptions<PostRouteOptions> options,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 32 });

    /// <summary>
    /// The plan as Engine objects, or the reason it cannot be drawn: it has no result yet, its network version is
    /// gone, or its kind is unknown.
    /// </summary>
    public async Task<(RebuiltPlan? Plan, RebuildFailure? Failure)> RebuildAsync(PlanRecord record, CancellationToken cancellationToken)
    {
        if (record.ResultJson is null)
        {
            return (null, new RebuildFailure("No result yet",
                $"Plan '{record.Id}' is {SqlitePostRouteStore.StatusText(record.Status)} and has no routes to draw."));
        }

        if (_cache.TryGetValue(record.Id, out RebuiltPlan? cached) && cached is not null)
        {
            return (cached, null);
        }

        PostalNetwork? network = null;
        if (record.NetworkId is { } networkId)
        {
            network = await catalog.GetAsync(networkId, record.NetworkVersion, cancellationToken);
            if (network is null)
            {
                return (null, new RebuildFailure("Network gone",
                    $"Plan '{record.Id}' was made on network '{networkId}' version {record.NetworkVersion}, which is no longer stored."));
            }
        }

        var serializer = json.Value.SerializerOptions;
        string kind = record.Kind, requestJson = record.RequestJson;
        if (kind == ReplanKind && network is not null)
        {
            // A re-plan: the original request over the plan's network version with its links closed.
            var stored = JsonSerializer.Deserialize<ReplanStoredRequest>(record.RequestJson, serializer)!;
            (kind, requestJson) = (stored.BaseKind, stored.BaseRequestJson);
            network = stored.ClosedLinkIds.Length > 0 ? network.WithLinksClosed(stored.ClosedLinkIds) : network;
        }

        var problem = BuildProblem(kind, requestJson, network, cancellationToken)?.Problem;
        if (problem is null)
        {
            return (null, new RebuildFailure("Cannot draw this plan", $"Plan '{record.Id}' of kind '{record.Kind}' cannot be rebuilt."));
        }

        var result = JsonSerializer.Deserialize<PlanResult>(record.ResultJson, serializer)!;
        var rebuilt = new RebuiltPlan(network, problem, SolutionOf(problem, result));
        _cache.Set(record.Id, rebuilt, new MemoryCacheEntryOptions { Size = 1 });
        return (rebuilt, null);
    }

    /// <summary>Kind of plans made by <c>POST /plans/{id}/replan</c>.</summary>
    public const string ReplanKind = "replan";

    /// <summary>
    /// The problem of a stored request of kind <paramref name="kind"/> (<c>plan</c>, <c>mail-run</c> or <c>vroom</c>)
    /// over <paramref name="network"/> (null for plans without one), with the network travel used to draw it; null
    /// for unknown kinds or a network plan without its network.
    /// </summary>
    /// <exception cref="RoutingValidationException">The request does not fit the network (e.g. a node it names is gone).</exception>
    public MappedProblem? BuildProblem(string kind, string requestJson, PostalNetwork? network, CancellationToken cancellationToken)
    {
        var serializer = json.Value.SerializerOptions;
        switch (kind)
        {
            case MailRunPlans.Kind when network is not null:
                var run = MailRun.Build(network, JsonSerializer.Deserialize<MailRunRequest>(requestJson, serializer)!.ToStoredOptions(), matrices, cancellationToken);
                return MappedProblem.Of(run.Problem);
            case "plan":
                return PlanProblemMapper.Map(JsonSerializer.Deserialize<PlanRequest>(requestJson, serializer)!, network, matrices, cancellationToken);
            case "vroom":
                return MappedProblem.Of(VroomJson.Read(requestJson, new VroomReadOptions
                {
                    SpeedMetresPerSecond = options.Value.Vroom.SpeedKmh / 3.6,
                    DetourFactor = options.Value.Vroom.DetourFactor,
                }).Problem);
            default:
                return null;
        }
    }

    /// <summary>The solution a stored result describes, rescheduled from its visit orders and route starts.</summary>
    public static RoutingSolution SolutionOf(RoutingProblem problem, PlanResult result) =>
        SolutionFactory.Create(problem, result.Routes.Select(route => new RoutePlan(route.VehicleIndex,
            [.. route.Steps.Where(step => step.Type is not ("start" or "end"))
                .Select(step => new Visit(Enum.Parse<StepKind>(step.Type, ignoreCase: true), step.TaskIndex))])
        {
            StartSeconds = route.StartSeconds,
        }));

    /// <inheritdoc />
    public void Dispose() => _cache.Dispose();
}
