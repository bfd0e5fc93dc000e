using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using PostRoute.Api.Hosting;
using PostRoute.Api.Networks;
using PostRoute.Api.Planning;
using PostRoute.Engine.Maps;
using PostRoute.Engine.Network;
using PostRoute.Engine.Paths;
using PostRoute.Engine.Planning;

namespace PostRoute.Api.Endpoints;

/// <summary>
/// Network planning under <c>/networks/{id}</c>: service coverage, new service points, road closures and critical
/// roads, as JSON and as SVG maps. Nothing is stored; every answer is computed from the network version asked for.
/// </summary>
public static class PlanningEndpoints
{
    /// <summary>OpenAPI tag of the planning endpoints.</summary>
    public const string Tag = "Planning";

    /// <summary>Largest CP-SAT budget of one siting request, seconds.</summary>
    public const double MaxSitingSeconds = 60;

    private const int MaxK = 100;
    private const int MaxCurveK = 20;
    private const int MaxTop = 1000;
    private static readonly double[] DefaultMinuteBands = [5, 10, 15, 30];

    /// <summary>Maps the planning endpoints.</summary>
    public static IEndpointRouteBuilder MapPlanningEndpoints(this IEndpointRouteBuilder app)
    {
        var networks = app.MapGroup("/networks").WithTags(Tag);
        const string coverageQuery = "Query: profile (default motorbike), distanceKm (comma-separated thresholds, default 3,5), " +
                                     "minutes (default 15), points=service-points (default: every commune service point) or " +
                                     "offices (hub and district offices), add (comma-separated node ids counted as extra points, " +
                                     "e.g. a siting answer's chosenIds), version (default current). Trips go from the commune to " +
                                     "the point. Bad parameters give a validation problem naming each (e.g. distanceKm[1], add[0]).";

        networks.MapGet("/{id}/coverage", GetCoverage)
            .WithName("GetCoverage")
            .WithSummary("Service coverage of the communes")
            .WithDescription("For every commune, the nearest point by travel time and by road distance, and per threshold the " +
                             "communes covered (shares of located communes, and of population and area where the register " +
                             "knows them) with the uncovered ones listed; also the communes from which no point is reachable " +
                             "and those that cannot be placed on the network. " + coverageQuery)
            .WithParameterExample("id", "\"phu-yen\"")
            .WithParameterExample("distanceKm", "\"3,5\"")
            .WithParameterExample("minutes", "\"15\"")
            .Produces<CoverageResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        networks.MapGet("/{id}/coverage.svg", GetCoverageMap)
            .WithName("GetCoverageMap")
            .WithSummary("Coverage map (SVG)")
            .WithDescription("The network with each commune shaded by minutes to its nearest point (bands 5, 10, 15, 30 and the " +
                             "asked minute thresholds; data-value holds the minutes), communes outside the first minute " +
                             "threshold or with no reachable point outlined (class cut-off), and the 'add' points highlighted " +
                             "(class highlighted). " + coverageQuery)
            .WithParameterExample("id", "\"phu-yen\"")
            .Produces<string>(StatusCodes.Status200OK, "image/svg+xml")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        // Siting can hold a core for a minute: like writes it needs a key (when configured) and is rate-limited.
        networks.MapPost("/{id}/siting", PostSiting)
            .RequireWriteAccess()
            .WithName("PostSiting")
            .WithSummary("Where to add service points")
            .WithDescription("Chooses up to k new service points among the candidates (default: every node that is not a " +
                             "service point; existing points stay open) by maximal covering or p-median, solved exactly with " +
                             "OR-Tools CP-SAT within the time limit: the choice, the objective, CP-SAT's bound and gap, the " +
                             "status (optimal, feasible, noSolution), the solve time and each commune's nearest open point. With " +
                             "maxK instead of k: the curve k = 0 … maxK. timeLimitSeconds (default 10) is the budget of the whole " +
                             "request, cut to 60. Stops when the client goes away. Nothing is stored. GET coverage.svg?add={chosen " +
                             "ids} draws the result.")
            .WithOpenApiExample(OpenApiExamples.Siting)
            .WithParameterExample("id", "\"phu-yen\"")
            .Produces<SitingResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        networks.MapPost("/{id}/closure-impact", PostClosureImpact)
            .WithName("PostClosureImpact")
            .WithSummary("What closing roads does")
            .WithDescription("Closes the links (on top of the version's own closures, without storing anything) and compares: " +
                             "communes cut off from their district office and from the hub (motorbike), the extra time of every " +
                             "commune still reachable, and district offices a truck can no longer reach from the hub. Unknown " +
                             "links are a validation problem naming closedLinkIds[i]. POST /networks/{id}/closures stores a " +
                             "closure; POST /plans/{id}/replan re-plans a plan around one.")
            .WithOpenApiExample(OpenApiExamples.ClosureImpact)
            .Produces<ClosureImpactResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        networks.MapPost("/{id}/closure-impact.svg", PostClosureImpactMap)
            .WithName("PostClosureImpactMap")
            .WithSummary("Map of a closure's impact (SVG)")
            .WithDescription("The network with the links closed (drawn dashed, class closed), communes cut off from their office " +
                             "or the hub outlined (class cut-off), and communes shaded by extra minutes from their district " +
                             "office (data-value). Same body as closure-impact.")
            .WithOpenApiExample(OpenApiExamples.ClosureImpact)
            .Produces<string>(StatusCodes.Status200OK, "image/svg+xml")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        const string criticalQuery = "Query: thresholdMinutes (default 10), top (default 20, at most 1000), profile (default " +
                                     "motorbike), version (default current).";
        networks.MapGet("/{id}/critical-roads", GetCriticalRoads)
            .WithName("GetCriticalRoads")
            .WithSummary("Critical roads")
            .WithDescription("Links whose closure alone cuts a commune off from its district office or the hub, or makes that " +
                             "trip more than thresholdMinutes longer; ranked by communes affected, then communes cut off, then " +
                             "the largest extra time. Each with the communes cut off and slowed and every trip hurt. " + criticalQuery)
            .WithParameterExample("id", "\"phu-yen\"")
            .WithParameterExample("thresholdMinutes", "10")
            .WithParameterExample("top", "20")
            .Produces<CriticalRoadsResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        networks.MapGet("/{id}/critical-roads.svg", GetCriticalRoadsMap)
            .WithName("GetCriticalRoadsMap")
            .WithSummary("Map of the critical roads (SVG)")
            .WithDescription("The network with the top critical links highlighted (class critical) and labelled with their " +
                             "rank (1 = most critical). " + criticalQuery)
            .WithParameterExample("id", "\"phu-yen\"")
            .Produces<string>(StatusCodes.Status200OK, "image/svg+xml")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    // ---- coverage ----

    private sealed record CoverageQuery(PostalNetwork Network, string Points, CoverageOptions Options, IReadOnlySet<string> Added);

    private static async Task<Results<Ok<CoverageResponse>, ValidationProblem, ProblemHttpResult>> GetCoverage(
        string id, string? profile, string? distanceKm, string? minutes, string? points, string? add, long? version,
        NetworkCatalog catalog, CancellationToken cancellationToken)
    {
        var (query, problem, invalid) = await ReadCoverageQuery(id, profile, distanceKm, minutes, points, add, version, catalog, cancellationToken);
        if (query is null)
        {
            return problem is not null ? problem : invalid!;
        }

        var report = Coverage.Analyse(query.Network, query.Options, cancellationToken);
        return TypedResults.Ok(CoverageResponse.From(id, query.Points, report));
    }

    private static async Task<Results<ContentHttpResult, ValidationProblem, ProblemHttpResult>> GetCoverageMap(
        string id, string? profile, string? distanceKm, string? minutes, string? points, string? add, long? version,
        NetworkCatalog catalog, CancellationToken cancellationToken)
    {
        var (query, problem, invalid) = await ReadCoverageQuery(id, profile, distanceKm, minutes, points, add, version, catalog, cancellationToken);
        if (query is null)
        {
            return problem is not null ? problem : invalid!;
        }

        var report = Coverage.Analyse(query.Network, query.Options, cancellationToken);
        var located = report.Communes.Where(c => c.Place.Placement != CommunePlacement.Unlocated).ToList();
        var firstTime = report.Shares.FirstOrDefault(s => s.Metric == PathMetric.Time);
        var marked = located.Where(c => !c.Reachable).Select(c => c.Code)
            .Concat(firstTime?.UncoveredCodes ?? []).ToHashSet(StringComparer.Ordinal);
        var overlays = new MapOverlays
        {
            CommuneShading = located.ToDictionary(c => c.Code, c => c.TimeSeconds / 60, StringComparer.Ordinal),
            ShadingLegendTitle = query.Points == "offices" ? "Minutes to nearest office" : "Minutes to nearest service point",
            ShadingBands = [.. DefaultMinuteBands.Concat(query.Options.TimeThresholdsSeconds.Select(s => s / 60)).Distinct().Order()],
            CutOffCommunes = marked,
            HighlightedNodeIds = query.Added,
        };
        var options = new MapOptions { Title = $"Coverage — {query.Network.Name} (version {query.Network.Version})" };
        return TypedResults.Content(SvgMap.Render(query.Network, options, overlays), MapEndpoints.SvgContentType);
    }

    private static async Task<(CoverageQuery? Query, ProblemHttpResult? NotFound, ValidationProblem? Invalid)> ReadCoverageQuery(
        string id, string? profile, string? distanceKm, string? minutes, string? points, string? add, long? version,
        NetworkCatalog catalog, CancellationToken cancellationToken)
    {
        var network = await catalog.GetAsync(id, version, cancellationToken);
        if (network is null)
        {
            return (null, ApiProblems.NetworkNotFound(id, version), null);
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        string chosenProfile = CheckProfile(network, profile, "profile", errors);
        var distances = ParseNumbers(distanceKm, "distanceKm", errors) ?? [3, 5];
        var times = ParseNumbers(minutes, "minutes", errors) ?? [15];
        string pointSet = points ?? "service-points";
        List<string> ids = [];
        switch (pointSet)
        {
            case "service-points":
                ids.AddRange(NodesOf(network, NodeKind.CommuneServicePoint));
                break;
            case "offices":
                ids.AddRange(NodesOf(network, NodeKind.ProvincialHub, NodeKind.DistrictOffice));
                break;
            default:
                errors["points"] = [$"unknown point set '{points}'; use service-points or offices"];
                break;
        }

        var added = new HashSet<string>(StringComparer.Ordinal);
        string[] addIds = SplitList(add);
        for (int i = 0; i < addIds.Length; i++)
        {
            if (network.FindNode(addIds[i]) is null)
            {
                errors[$"add[{i}]"] = [$"network '{id}' has no node '{addIds[i]}'"];
            }
            else if (added.Add(addIds[i]) && !ids.Contains(addIds[i], StringComparer.Ordinal))
            {
                ids.Add(addIds[i]);
            }
        }

        if (errors.Count > 0)
        {
            return (null, null, TypedResults.ValidationProblem(errors, title: "The coverage query is invalid."));
        }

        var options = new CoverageOptions
        {
            Profile = chosenProfile,
            ServicePointIds = ids,
            DistanceThresholdsMetres = [.. distances.Select(km => km * 1000)],
            TimeThresholdsSeconds = [.. times.Select(m => m * 60)],
        };
        return (new CoverageQuery(network, pointSet, options, added), null, null);
    }

    // ---- siting ----

    private static async Task<Results<Ok<SitingResponse>, ValidationProblem, ProblemHttpResult>> PostSiting(
        string id, SitingRequest request, NetworkCatalog catalog, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var (network, notFound) = await BodyNetworkAsync(id, request.Version, catalog, errors, cancellationToken);
        if (notFound is not null)
        {
            return notFound;
        }

        var objective = Normalise(request.Objective ?? "maximum-coverage") switch
        {
            "maximumcoverage" => SitingObjective.MaximumCoverage,
            "pmedian" => SitingObjective.PMedian,
            _ => Error<SitingObjective>(errors, "objective", $"unknown objective '{request.Objective}'; use maximum-coverage or p-median"),
        };
        var metric = Normalise(request.Metric ?? "time") switch
        {
            "time" => PathMetric.Time,
            "distance" => PathMetric.Distance,
            _ => Error<PathMetric>(errors, "metric", $"unknown metric '{request.Metric}'; use time or distance"),
        };
        var weight = Normalise(request.Weight ?? "communes") switch
        {
            "communes" => SitingWeight.Communes,
            "population" => SitingWeight.Population,
            _ => Error<SitingWeight>(errors, "weight", $"unknown weight '{request.Weight}'; use communes or population"),
        };

        if (request.K is not null && request.MaxK is not null)
        {
            errors["maxK"] = ["give k or maxK, not both"];
        }
        else if (request.K is { } k && k is < 0 or > MaxK)
        {
            errors["k"] = [$"must be 0 … {MaxK}"];
        }
        else if (request.MaxK is { } maxK && maxK is < 1 or > MaxCurveK)
        {
            errors["maxK"] = [$"must be 1 … {MaxCurveK}"];
        }

        double threshold = 0;
        if (metric == PathMetric.Time)
        {
            if (request.ThresholdKm is not null)
            {
                errors["thresholdKm"] = ["applies to metric 'distance'; give thresholdMinutes"];
            }

            threshold = CheckNonNegative(request.ThresholdMinutes ?? 15, "thresholdMinutes", errors) * 60;
        }
        else
        {
            if (request.ThresholdMinutes is not null)
            {
                errors["thresholdMinutes"] = ["applies to metric 'time'; give thresholdKm"];
            }

            threshold = CheckNonNegative(request.ThresholdKm ?? 5, "thresholdKm", errors) * 1000;
        }

        double budget = request.TimeLimitSeconds ?? 10;
        if (!double.IsFinite(budget) || budget <= 0)
        {
            errors["timeLimitSeconds"] = ["must be a number of seconds > 0"];
        }

        string profile = network is null ? "" : CheckProfile(network, request.Profile, "profile", errors);
        if (request.Candidates is { } candidates)
        {
            if (candidates.Length == 0)
            {
                errors["candidates"] = ["give at least one node id, or leave candidates out for every node"];
            }

            for (int i = 0; i < candidates.Length; i++)
            {
                if (network is not null && (string.IsNullOrEmpty(candidates[i]) || network.FindNode(candidates[i]) is null))
                {
                    errors[$"candidates[{i}]"] = [$"network '{id}' has no node '{candidates[i]}'"];
                }
            }
        }

        if (errors.Count > 0 || network is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The siting request is invalid.");
        }

        budget = Math.Min(budget, MaxSitingSeconds);
        int solves = request.MaxK is { } curveK ? curveK + 1 : 1;
        var options = new SitingOptions
        {
            Objective = objective,
            Profile = profile,
            Metric = metric,
            Threshold = threshold,
            Weight = weight,
            CandidateIds = request.Candidates?.Distinct(StringComparer.Ordinal).ToArray(),
            TimeLimit = TimeSpan.FromSeconds(budget / solves),
            Seed = request.Seed ?? 0,
        };

        // CP-SAT is synchronous and CPU-bound: off the request thread, stopped when the client goes away.
        var solvedNetwork = network;
        var (single, curve) = await Task.Run(() => request.MaxK is { } max
            ? (null, Siting.Curve(solvedNetwork, options, max, cancellationToken))
            : (Siting.Solve(solvedNetwork, options, request.K ?? 1, cancellationToken), default(System.Collections.Immutable.ImmutableArray<SitingResult>?)),
            cancellationToken);
        var answers = curve?.Select(SitingAnswer.From).ToList();
        var result = single is not null ? SitingAnswer.From(single) : answers is { Count: > 0 } ? answers[^1] : null;
        if (result is null)
        {
            throw new OperationCanceledException(cancellationToken); // cancelled before the first solve
        }

        return TypedResults.Ok(new SitingResponse(id, network.Version, profile,
            objective == SitingObjective.MaximumCoverage ? "maximum-coverage" : "p-median",
            metric == PathMetric.Time ? "time" : "distance", threshold,
            weight == SitingWeight.Communes ? "communes" : "population", result, answers));
    }

    // ---- closures ----

    private static async Task<Results<Ok<ClosureImpactResponse>, ValidationProblem, ProblemHttpResult>> PostClosureImpact(
        string id, ClosureImpactRequest request, NetworkCatalog catalog, CancellationToken cancellationToken)
    {
        var (network, impact, problem, invalid) = await AnalyseClosure(id, request, catalog, cancellationToken);
        if (impact is null)
        {
            return problem is not null ? problem : invalid!;
        }

        return TypedResults.Ok(ClosureImpactResponse.From(id, network!.Version, impact));
    }

    private static async Task<Results<ContentHttpResult, ValidationProblem, ProblemHttpResult>> PostClosureImpactMap(
        string id, ClosureImpactRequest request, NetworkCatalog catalog, CancellationToken cancellationToken)
    {
        var (network, impact, problem, invalid) = await AnalyseClosure(id, request, catalog, cancellationToken);
        if (impact is null)
        {
            return problem is not null ? problem : invalid!;
        }

        var overlays = new MapOverlays
        {
            CommuneShading = impact.Communes.Where(c => c.OfficeSecondsBefore is not null)
                .ToDictionary(c => c.Code, c => c.ExtraOfficeSeconds is { } extra ? extra / 60 : double.PositiveInfinity, StringComparer.Ordinal),
            ShadingLegendTitle = "Extra minutes from district office",
            ShadingBands = [0, 5, 10, 20, 40],
            CutOffCommunes = impact.CutOffFromOffice.Concat(impact.CutOffFromHub).ToHashSet(StringComparer.Ordinal),
        };
        var options = new MapOptions { Title = $"Closure of {string.Join(", ", impact.ClosedLinkIds)} — {network!.Name}" };
        return TypedResults.Content(SvgMap.Render(impact.After, options, overlays), MapEndpoints.SvgContentType);
    }

    private static async Task<(PostalNetwork? Network, ClosureImpact? Impact, ProblemHttpResult? NotFound, ValidationProblem? Invalid)> AnalyseClosure(
        string id, ClosureImpactRequest request, NetworkCatalog catalog, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var (network, notFound) = await BodyNetworkAsync(id, request.Version, catalog, errors, cancellationToken);
        if (notFound is not null)
        {
            return (null, null, notFound, null);
        }

        string[] closed = request.ClosedLinkIds ?? [];
        if (closed.Length == 0)
        {
            errors["closedLinkIds"] = ["give at least one link id"];
        }

        if (network is not null)
        {
            CheckLinks(network, id, closed, "closedLinkIds", errors);
        }

        if (errors.Count > 0 || network is null)
        {
            return (null, null, null, TypedResults.ValidationProblem(errors, title: "The closure request is invalid."));
        }

        return (network, Closures.Analyse(network, closed, null, cancellationToken), null, null);
    }

    // ---- critical roads ----

    private static async Task<Results<Ok<CriticalRoadsResponse>, ValidationProblem, ProblemHttpResult>> GetCriticalRoads(
        string id, double? thresholdMinutes, int? top, string? profile, long? version, NetworkCatalog catalog, CancellationToken cancellationToken)
    {
        var (network, report, count, problem, invalid) = await ScanCriticalRoads(id, thresholdMinutes, top, profile, version, catalog, cancellationToken);
        if (report is null)
        {
            return problem is not null ? problem : invalid!;
        }

        return TypedResults.Ok(new CriticalRoadsResponse(id, network!.Version, report.Profile, report.ThresholdSeconds, report.OriginsSearched,
            report.Roads.Length, [.. report.Roads.Take(count).Select((road, i) => CriticalRoadResponse.From(i + 1, road))]));
    }

    private static async Task<Results<ContentHttpResult, ValidationProblem, ProblemHttpResult>> GetCriticalRoadsMap(
        string id, double? thresholdMinutes, int? top, string? profile, long? version, NetworkCatalog catalog, CancellationToken cancellationToken)
    {
        var (network, report, count, problem, invalid) = await ScanCriticalRoads(id, thresholdMinutes, top, profile, version, catalog, cancellationToken);
        if (report is null)
        {
            return problem is not null ? problem : invalid!;
        }

        var overlays = new MapOverlays { CriticalLinkIds = [.. report.Roads.Take(count).Select(r => r.LinkId)] };
        var options = new MapOptions
        {
            Title = string.Create(CultureInfo.InvariantCulture,
                $"Critical roads ({report.Profile}, > {report.ThresholdSeconds / 60:0.#} min) — {network!.Name}"),
        };
        return TypedResults.Content(SvgMap.Render(network, options, overlays), MapEndpoints.SvgContentType);
    }

    private static async Task<(PostalNetwork? Network, CriticalRoadReport? Report, int Top, ProblemHttpResult? NotFound, ValidationProblem? Invalid)> ScanCriticalRoads(
        string id, double? thresholdMinutes, int? top, string? profile, long? version, NetworkCatalog catalog, CancellationToken cancellationToken)
    {
        var network = await catalog.GetAsync(id, version, cancellationToken);
        if (network is null)
        {
            return (null, null, 0, ApiProblems.NetworkNotFound(id, version), null);
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        double threshold = CheckNonNegative(thresholdMinutes ?? 10, "thresholdMinutes", errors);
        int count = top ?? 20;
        if (count is < 1 or > MaxTop)
        {
            errors["top"] = [$"must be 1 … {MaxTop}"];
        }

        string chosenProfile = CheckProfile(network, profile, "profile", errors);
        if (errors.Count > 0)
        {
            return (null, null, 0, null, TypedResults.ValidationProblem(errors, title: "The critical-roads query is invalid."));
        }

        var options = new CriticalRoadOptions { Profile = chosenProfile, ThresholdSeconds = threshold * 60 };
        var report = await Task.Run(() => CriticalRoads.Scan(network, options, null, cancellationToken), cancellationToken);
        return (network, report, count, null, null);
    }

    // ---- helpers ----

    /// <summary>
    /// The network a planning body works on: a 404 when no network has <paramref name="id"/>; otherwise the body's
    /// <paramref name="version"/>, or the current one when none is given. An unknown version is an error on
    /// <c>version</c> (and a null network), since the body, not the URL, names it.
    /// </summary>
    private static async Task<(PostalNetwork? Network, ProblemHttpResult? NotFound)> BodyNetworkAsync(
        string id, long? version, NetworkCatalog catalog, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        var network = await catalog.GetAsync(id, null, cancellationToken);
        if (network is null)
        {
            return (null, ApiProblems.NetworkNotFound(id));
        }

        if (version is { } asked)
        {
            network = await catalog.GetAsync(id, asked, cancellationToken);
            if (network is null)
            {
                errors["version"] = [$"network '{id}' has no version {asked}"];
            }
        }

        return (network, null);
    }

    /// <summary>Adds an error for each id that is not a link of <paramref name="network"/>, as <c>{field}[i]</c>.</summary>
    internal static void CheckLinks(PostalNetwork network, string networkId, string[] ids, string field, Dictionary<string, string[]> errors)
    {
        for (int i = 0; i < ids.Length; i++)
        {
            if (string.IsNullOrEmpty(ids[i]) || network.IndexOfLink(ids[i]) < 0)
            {
                errors[$"{field}[{i}]"] = [$"network '{networkId}' has no link '{ids[i]}'"];
            }
        }
    }

    private static string CheckProfile(PostalNetwork network, string? profile, string field, Dictionary<string, string[]> errors)
    {
        string chosen = profile ?? (network.Profiles.Contains(Profiles.Motorbike) ? Profiles.Motorbike : network.Profiles.FirstOrDefault() ?? Profiles.Motorbike);
        if (!network.Profiles.Contains(chosen, StringComparer.Ordinal))
        {
            errors[field] = [$"the network has no profile '{chosen}' (it has: {string.Join(", ", network.Profiles)})"];
        }

        return chosen;
    }

    private static double CheckNonNegative(double value, string field, Dictionary<string, string[]> errors)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            errors[field] = ["must be a finite number ≥ 0"];
            return 0;
        }

        return value;
    }

    /// <summary>A comma-separated list of numbers ≥ 0; null when absent; errors name <c>{field}[i]</c>.</summary>
    private static List<double>? ParseNumbers(string? raw, string field, Dictionary<string, string[]> errors)
    {
        if (raw is null)
        {
            return null;
        }

        var values = new List<double>();
        string[] parts = raw.Split(',');
        for (int i = 0; i < parts.Length; i++)
        {
            if (double.TryParse(parts[i].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value) && value >= 0)
            {
                values.Add(value);
            }
            else
            {
                errors[$"{field}[{i}]"] = [$"'{parts[i]}' is not a number ≥ 0"];
            }
        }

        return values;
    }

    private static string[] SplitList(string? raw) =>
        raw is null ? [] : [.. raw.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    private static IEnumerable<string> NodesOf(PostalNetwork network, params NodeKind[] kinds) =>
        network.Nodes.Where(n => kinds.Contains(n.Kind)).Select(n => n.Id);

    private static string Normalise(string value) => value.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();

    private static T Error<T>(Dictionary<string, string[]> errors, string field, string message)
    {
        errors[field] = [message];
        return default!;
    }
}
