using Microsoft.AspNetCore.Http.HttpResults;
using PostRoute.Api.Hosting;
using PostRoute.Api.Networks;
using PostRoute.Engine.Network;
using PostRoute.Engine.Paths;

namespace PostRoute.Api.Endpoints;

/// <summary>Shortest paths and travel matrices on a stored network: <c>/networks/{id}/paths</c> and <c>/networks/{id}/matrices</c>.</summary>
public static class PathEndpoints
{
    /// <summary>Maps the path and matrix endpoints.</summary>
    public static IEndpointRouteBuilder MapPathEndpoints(this IEndpointRouteBuilder app)
    {
        var network = app.MapGroup("/networks/{id}");

        network.MapGet("/paths", GetPath)
            .WithTags("Paths")
            .WithName("GetPath")
            .WithSummary("Shortest path between two nodes")
            .WithDescription("The fastest (metric=time, default) or shortest (metric=distance) path from node 'from' to " +
                             "node 'to' for a vehicle profile (default: the network's first profile), on the network's " +
                             "current version or ?version=N. Closed links and links the profile is barred from are never " +
                             "used. An unreachable node is a normal answer: found=false, no nodes, null totals.")
            .WithParameterExample("id", "\"phu-yen\"")
            .WithParameterExample("from", "\"hub-tuy-hoa\"")
            .WithParameterExample("to", "\"do-561\"")
            .WithParameterExample("profile", "\"truck\"")
            .WithParameterExample("metric", "\"time\"")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        network.MapPost("/matrices", GetMatrix)
            .WithTags("Matrices")
            .WithName("GetMatrix")
            .WithSummary("Travel time and distance matrix")
            .WithDescription("Travel times (seconds) and distances (metres) from every source node to every target node " +
                             "(targets default to the sources) for a profile, along the paths that minimise the metric. " +
                             "Unreachable cells are null. Results are cached per network version, so repeating a request " +
                             "is cheap. Reads nothing but needs a body, hence POST; no API key is needed.")
            .WithParameterExample("id", "\"phu-yen\"")
            .WithOpenApiExample(OpenApiExamples.Matrix)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    private static async Task<Results<Ok<PathResponse>, ValidationProblem, ProblemHttpResult>> GetPath(
        string id, string? from, string? to, string? profile, string? metric, long? version,
        NetworkCatalog catalog, CancellationToken cancellationToken)
    {
        var network = await catalog.GetAsync(id, version, cancellationToken);
        if (network is null)
        {
            return ApiProblems.NetworkNotFound(id, version);
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        CheckNode(network, from, "from", errors);
        CheckNode(network, to, "to", errors);
        string usedProfile = CheckProfile(network, profile, errors);
        var usedMetric = CheckMetric(metric, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The path request is invalid.");
        }

        var path = ShortestPaths.Find(network, from!, to!, usedProfile, usedMetric);
        return TypedResults.Ok(PathResponse.Of(path, network));
    }

    private static async Task<Results<Ok<MatrixResponse>, ValidationProblem, ProblemHttpResult>> GetMatrix(
        string id, MatrixRequest request, NetworkCatalog catalog, MatrixCache cache,
        Microsoft.Extensions.Options.IOptions<PostRouteOptions> options, CancellationToken cancellationToken)
    {
        var network = await catalog.GetAsync(id, request.Version, cancellationToken);
        if (network is null)
        {
            return ApiProblems.NetworkNotFound(id, request.Version);
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        string[] sources = request.Sources ?? [];
        string[] targets = request.Targets ?? sources;
        if (sources.Length == 0)
        {
            errors["sources"] = ["give at least one source node id"];
        }

        for (int i = 0; i < sources.Length; i++)
        {
            CheckNode(network, sources[i], $"sources[{i}]", errors);
        }

        for (int i = 0; request.Targets is not null && i < targets.Length; i++)
        {
            CheckNode(network, targets[i], $"targets[{i}]", errors);
        }

        long cells = (long)sources.Length * targets.Length;
        int maxCells = options.Value.Limits.MaxMatrixCells;
        if (cells > maxCells)
        {
            errors["targets"] = [$"{sources.Length} × {targets.Length} = {cells} cells is more than the {maxCells} allowed (PostRoute:Limits:MaxMatrixCells)"];
        }

        string profile = CheckProfile(network, request.Profile, errors);
        var metric = CheckMetric(request.Metric, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The matrix request is invalid.");
        }

        var matrix = cache.GetOrCompute(network, sources, targets, profile, metric, cancellationToken);
        return TypedResults.Ok(MatrixResponse.From(id, matrix));
    }

    private static void CheckNode(PostalNetwork network, string? nodeId, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(nodeId))
        {
            errors[field] = ["a node id is required"];
        }
        else if (network.IndexOfNode(nodeId) < 0)
        {
            errors[field] = [$"network '{network.Name}' has no node '{nodeId}'"];
        }
    }

    private static string CheckProfile(PostalNetwork network, string? profile, Dictionary<string, string[]> errors)
    {
        if (profile is null)
        {
            if (network.Profiles.IsEmpty)
            {
                errors["profile"] = ["the network has no profile"];
                return "";
            }

            return network.Profiles[0];
        }

        if (!network.Profiles.Contains(profile, StringComparer.Ordinal))
        {
            errors["profile"] = [$"unknown profile '{profile}'; the network knows: {string.Join(", ", network.Profiles)}"];
        }

        return profile;
    }

    private static PathMetric CheckMetric(string? metric, Dictionary<string, string[]> errors)
    {
        switch (metric?.ToLowerInvariant())
        {
            case null or "time":
                return PathMetric.Time;
            case "distance":
                return PathMetric.Distance;
            default:
                errors["metric"] = [$"unknown metric '{metric}'; use 'time' or 'distance'"];
                return PathMetric.Time;
        }
    }
}

/// <summary>A shortest path.</summary>
/// <param name="Found">False when 'to' cannot be reached from 'from' (then the lists are empty and the totals null).</param>
/// <param name="From">Start node id.</param>
/// <param name="To">End node id.</param>
/// <param name="Profile">Vehicle profile used.</param>
/// <param name="Metric"><c>time</c> or <c>distance</c>: what the path minimises.</param>
/// <param name="NetworkVersion">Network version searched.</param>
/// <param name="DurationSeconds">Travel time along the path, seconds; null when not found.</param>
/// <param name="DistanceMetres">Length of the path, metres; null when not found.</param>
/// <param name="NodeIds">Nodes along the path, from 'from' to 'to' inclusive.</param>
/// <param name="LinkIds">Links along the path, in travel order.</param>
/// <param name="Coordinates">[longitude, latitude] of each node along the path (GeoJSON order), for drawing.</param>
public sealed record PathResponse(bool Found, string From, string To, string Profile, string Metric, long NetworkVersion,
    double? DurationSeconds, double? DistanceMetres, IReadOnlyList<string> NodeIds, IReadOnlyList<string> LinkIds,
    IReadOnlyList<double[]> Coordinates)
{
    internal static PathResponse Of(PathResult path, PostalNetwork network) =>
        new(path.Found, path.From, path.To, path.Profile, MetricName(path.Metric), network.Version,
            path.Found ? path.DurationSeconds : null, path.Found ? path.DistanceMetres : null,
            path.NodeIds, path.LinkIds,
            [.. path.NodeIds.Select(n => network.FindNode(n)!.Location).Select(p => new[] { p.Longitude, p.Latitude })]);

    internal static string MetricName(PathMetric metric) => metric == PathMetric.Time ? "time" : "distance";
}

/// <summary>A request for a travel matrix.</summary>
/// <param name="Sources">Row node ids (at least one).</param>
/// <param name="Targets">Column node ids; default: the sources.</param>
/// <param name="Profile">Vehicle profile; default: the network's first profile.</param>
/// <param name="Metric"><c>time</c> (default) or <c>distance</c>: what each cell's path minimises.</param>
/// <param name="Version">Network version; default: the current one.</param>
public sealed record MatrixRequest(string[]? Sources, string[]? Targets, string? Profile, string? Metric, long? Version);

/// <summary>A travel matrix: cell [i][j] is from source i to target j.</summary>
/// <param name="Network">Network id.</param>
/// <param name="NetworkVersion">Network version searched.</param>
/// <param name="Profile">Vehicle profile.</param>
/// <param name="Metric">What each cell's path minimises.</param>
/// <param name="Sources">Row node ids.</param>
/// <param name="Targets">Column node ids.</param>
/// <param name="DurationsSeconds">Travel times, seconds; null when unreachable.</param>
/// <param name="DistancesMetres">Distances, metres; null when unreachable.</param>
/// <param name="UnreachableCount">Number of unreachable cells.</param>
public sealed record MatrixResponse(string Network, long NetworkVersion, string Profile, string Metric,
    IReadOnlyList<string> Sources, IReadOnlyList<string> Targets, double?[][] DurationsSeconds, double?[][] DistancesMetres,
    int UnreachableCount)
{
    internal static MatrixResponse From(string networkId, TravelMatrix matrix)
    {
        int rows = matrix.SourceIds.Length, cols = matrix.TargetIds.Length;
        var durations = new double?[rows][];
        var distances = new double?[rows][];
        for (int r = 0; r < rows; r++)
        {
            durations[r] = new double?[cols];
            distances[r] = new double?[cols];
            for (int c = 0; c < cols; c++)
            {
                bool reachable = matrix.IsReachable(r, c);
                durations[r][c] = reachable ? matrix.DurationSeconds(r, c) : null;
                distances[r][c] = reachable ? matrix.DistanceMetres(r, c) : null;
            }
        }

        return new(networkId, matrix.NetworkVersion, matrix.Profile, PathResponse.MetricName(matrix.Metric),
            matrix.SourceIds, matrix.TargetIds, durations, distances, matrix.UnreachableCount);
    }
}
