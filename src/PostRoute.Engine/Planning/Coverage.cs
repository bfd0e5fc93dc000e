using System.Collections.Immutable;
using PostRoute.Engine.Network;
using PostRoute.Engine.Paths;

namespace PostRoute.Engine.Planning;

/// <summary>Options of <see cref="Coverage.Analyse"/>. Immutable.</summary>
public sealed record CoverageOptions
{
    /// <summary>Vehicle profile of the trip (default <see cref="Profiles.Motorbike"/>).</summary>
    public string Profile { get; init; } = Profiles.Motorbike;

    /// <summary>
    /// Ids of the service points; null (default) for every node of kind <see cref="NodeKind.CommuneServicePoint"/>.
    /// </summary>
    public IReadOnlyList<string>? ServicePointIds { get; init; }

    /// <summary>Distance thresholds in metres (default 3,000 and 5,000): a commune is covered when its nearest point by distance is at most this far.</summary>
    public ImmutableArray<double> DistanceThresholdsMetres { get; init; } = [3_000, 5_000];

    /// <summary>Time thresholds in seconds (default 900 = 15 min): a commune is covered when its nearest point by time is at most this long away.</summary>
    public ImmutableArray<double> TimeThresholdsSeconds { get; init; } = [900];
}

/// <summary>One commune's nearest service point, by travel time and by distance. Immutable.</summary>
/// <param name="Place">The commune and the node standing for it.</param>
/// <param name="NearestByTimeId">Id of the service point reached fastest from the commune; null when none can be reached (or unlocated).</param>
/// <param name="TimeSeconds">Travel time to it, seconds; <see cref="double.PositiveInfinity"/> when none can be reached.</param>
/// <param name="TimePathMetres">Length of that fastest path, metres (infinite when none).</param>
/// <param name="NearestByDistanceId">Id of the service point nearest by road distance; null when none can be reached.</param>
/// <param name="DistanceMetres">Road distance to it, metres; <see cref="double.PositiveInfinity"/> when none can be reached.</param>
/// <param name="DistancePathSeconds">Travel time along that shortest path, seconds (infinite when none).</param>
public sealed record CommuneCoverage(
    CommunePlace Place,
    string? NearestByTimeId,
    double TimeSeconds,
    double TimePathMetres,
    string? NearestByDistanceId,
    double DistanceMetres,
    double DistancePathSeconds)
{
    /// <summary>The commune's official code.</summary>
    public string Code => Place.Commune.Code;

    /// <summary>True when at least one service point can be reached from the commune.</summary>
    public bool Reachable => NearestByTimeId is not null;
}

/// <summary>
/// Share of communes within one threshold. Shares are of the <em>located</em> communes (those with a node; see
/// <see cref="CommunePlacement"/>); unlocated communes are counted in <see cref="TotalCommunes"/> only. Immutable.
/// </summary>
/// <param name="Metric"><see cref="PathMetric.Time"/> (threshold in seconds) or <see cref="PathMetric.Distance"/> (metres).</param>
/// <param name="Threshold">The threshold, seconds or metres.</param>
/// <param name="CoveredCommunes">Located communes whose nearest point is within the threshold (inclusive).</param>
/// <param name="LocatedCommunes">Communes with a node.</param>
/// <param name="TotalCommunes">Communes in the register, unlocated ones included.</param>
/// <param name="PopulationCovered">Population of the covered communes whose population is known.</param>
/// <param name="PopulationKnown">Population of the located communes whose population is known (0 when none is).</param>
/// <param name="AreaCoveredKm2">Area of the covered communes whose area is known, km².</param>
/// <param name="AreaKnownKm2">Area of the located communes whose area is known, km².</param>
/// <param name="UncoveredCodes">Codes of the located communes not covered, in register order.</param>
public sealed record CoverageShare(
    PathMetric Metric,
    double Threshold,
    int CoveredCommunes,
    int LocatedCommunes,
    int TotalCommunes,
    long PopulationCovered,
    long PopulationKnown,
    double AreaCoveredKm2,
    double AreaKnownKm2,
    ImmutableArray<string> UncoveredCodes)
{
    /// <summary><see cref="CoveredCommunes"/> ÷ <see cref="LocatedCommunes"/> (0 when none is located).</summary>
    public double CommuneShare => LocatedCommunes == 0 ? 0 : (double)CoveredCommunes / LocatedCommunes;

    /// <summary><see cref="PopulationCovered"/> ÷ <see cref="PopulationKnown"/>, or null when no population is known.</summary>
    public double? PopulationShare => PopulationKnown == 0 ? null : (double)PopulationCovered / PopulationKnown;

    /// <summary><see cref="AreaCoveredKm2"/> ÷ <see cref="AreaKnownKm2"/>, or null when no area is known.</summary>
    public double? AreaShare => AreaKnownKm2 <= 0 ? null : AreaCoveredKm2 / AreaKnownKm2;
}

/// <summary>Result of <see cref="Coverage.Analyse"/>. Immutable.</summary>
/// <param name="Profile">Vehicle profile used.</param>
/// <param name="NetworkVersion">Version of the network analysed.</param>
/// <param name="ServicePointIds">The service points considered.</param>
/// <param name="Communes">Every commune of the register, in register order (unlocated ones with no nearest point).</param>
/// <param name="Shares">One entry per threshold: distance thresholds first, then time thresholds, each in the order given.</param>
/// <param name="UnlocatedCodes">Codes of the communes that could not be placed on the network.</param>
public sealed record CoverageReport(
    string Profile,
    long NetworkVersion,
    ImmutableArray<string> ServicePointIds,
    ImmutableArray<CommuneCoverage> Communes,
    ImmutableArray<CoverageShare> Shares,
    ImmutableArray<string> UnlocatedCodes)
{
    /// <summary>The share for <paramref name="metric"/> and <paramref name="threshold"/>, or null when it was not asked for.</summary>
    public CoverageShare? ShareAt(PathMetric metric, double threshold) =>
        Shares.FirstOrDefault(s => s.Metric == metric && s.Threshold == threshold);
}

/// <summary>
/// Service coverage: for every commune, the nearest service point by network travel time and by road distance.
/// </summary>
/// <remarks>
/// <para>Direction: trips go FROM the commune TO the service point (a resident going to the post office), so one-way
/// links are followed in their allowed direction from the commune's node. Both nearest points come from one backward
/// multi-source Dijkstra per metric over the whole network (not one search per commune), honouring the network
/// version's closed links and the links barred to the profile.</para>
/// <para>A commune's node is its own service-point or commune node, else its location snapped to the nearest node (see
/// <see cref="CommunePlacement"/>). Thread-safe: every call works on its own data.</para>
/// </remarks>
public static class Coverage
{
    /// <summary>Analyses the coverage of <paramref name="network"/>'s communes by its service points.</summary>
    /// <param name="network">The network version.</param>
    /// <param name="options">Options; null for the defaults.</param>
    /// <param name="cancellationToken">Stops the analysis with <see cref="OperationCanceledException"/>.</param>
    /// <returns>The report. A network without service points gives every commune "none reachable".</returns>
    /// <exception cref="ArgumentException">The profile or a service point id is unknown, or a threshold is negative or not finite (the message names it).</exception>
    public static CoverageReport Analyse(PostalNetwork network, CoverageOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        options ??= new CoverageOptions();
        CheckThresholds(options.DistanceThresholdsMetres, nameof(CoverageOptions.DistanceThresholdsMetres));
        CheckThresholds(options.TimeThresholdsSeconds, nameof(CoverageOptions.TimeThresholdsSeconds));
        var graph = PlanningGraph.Build(network, options.Profile);
        var pointIds = options.ServicePointIds is { } given
            ? [.. given]
            : DefaultServicePoints(network);
        int[] points = NodeIndices(network, pointIds, nameof(CoverageOptions.ServicePointIds));
        var places = CommunePlaces.Resolve(network, graph);

        var byTime = PlanningSearch.Run(graph, points, reverse: true, PathMetric.Time, cancellationToken: cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        var byDistance = PlanningSearch.Run(graph, points, reverse: true, PathMetric.Distance, cancellationToken: cancellationToken);

        var communes = ImmutableArray.CreateBuilder<CommuneCoverage>(places.Length);
        foreach (var place in places)
        {
            int v = place.NodeIndex;
            if (v < 0 || byTime.Origin[v] < 0)
            {
                communes.Add(new CommuneCoverage(place, null, double.PositiveInfinity, double.PositiveInfinity, null,
                    double.PositiveInfinity, double.PositiveInfinity));
                continue;
            }

            communes.Add(new CommuneCoverage(place,
                pointIds[byTime.Origin[v]], byTime.Cost[v], byTime.Other[v],
                pointIds[byDistance.Origin[v]], byDistance.Cost[v], byDistance.Other[v]));
        }

        var list = communes.MoveToImmutable();
        var shares = ImmutableArray.CreateBuilder<CoverageShare>();
        foreach (double t in options.DistanceThresholdsMetres)
        {
            shares.Add(Share(list, PathMetric.Distance, t));
        }

        foreach (double t in options.TimeThresholdsSeconds)
        {
            shares.Add(Share(list, PathMetric.Time, t));
        }

        return new CoverageReport(options.Profile, network.Version, pointIds, list, shares.ToImmutable(),
            [.. places.Where(p => p.Placement == CommunePlacement.Unlocated).Select(p => p.Commune.Code)]);
    }

    internal static ImmutableArray<string> DefaultServicePoints(PostalNetwork network)
    {
        var topology = network.Topology;
        var ids = ImmutableArray.CreateBuilder<string>();
        for (int v = 0; v < topology.NodeCount; v++)
        {
            if (topology.NodeAt(v).Kind == NodeKind.CommuneServicePoint)
            {
                ids.Add(topology.NodeIdAt(v));
            }
        }

        return ids.ToImmutable();
    }

    internal static int[] NodeIndices(PostalNetwork network, IReadOnlyList<string> ids, string field)
    {
        var indices = new int[ids.Count];
        for (int i = 0; i < indices.Length; i++)
        {
            indices[i] = ids[i] is { } id ? network.IndexOfNode(id) : -1;
            if (indices[i] < 0)
            {
                throw new ArgumentException($"{field}[{i}]: unknown node id '{ids[i]}' in network '{network.Name}'.", field);
            }
        }

        return indices;
    }

    private static void CheckThresholds(ImmutableArray<double> thresholds, string field)
    {
        if (thresholds.IsDefault)
        {
            throw new ArgumentException($"{field} must not be a default array.", field);
        }

        for (int i = 0; i < thresholds.Length; i++)
        {
            if (!double.IsFinite(thresholds[i]) || thresholds[i] < 0)
            {
                throw new ArgumentException($"{field}[{i}] must be finite and ≥ 0 (was {thresholds[i]}).", field);
            }
        }
    }

    private static CoverageShare Share(ImmutableArray<CommuneCoverage> communes, PathMetric metric, double threshold)
    {
        int covered = 0, located = 0;
        long populationCovered = 0, populationKnown = 0;
        double areaCovered = 0, areaKnown = 0;
        var uncovered = ImmutableArray.CreateBuilder<string>();
        foreach (var c in communes)
        {
            if (c.Place.Placement == CommunePlacement.Unlocated)
            {
                continue;
            }

            located++;
            populationKnown += c.Place.Commune.Population ?? 0;
            areaKnown += c.Place.Commune.AreaKm2 ?? 0;
            double value = metric == PathMetric.Time ? c.TimeSeconds : c.DistanceMetres;
            if (value <= threshold)
            {
                covered++;
                populationCovered += c.Place.Commune.Population ?? 0;
                areaCovered += c.Place.Commune.AreaKm2 ?? 0;
            }
            else
            {
                uncovered.Add(c.Code);
            }
        }

        return new CoverageShare(metric, threshold, covered, located, communes.Length, populationCovered, populationKnown,
            areaCovered, areaKnown, uncovered.ToImmutable());
    }
}
