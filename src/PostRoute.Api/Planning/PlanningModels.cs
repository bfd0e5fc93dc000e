using PostRoute.Engine.Network;
using PostRoute.Engine.Planning;

namespace PostRoute.Api.Planning;

// Bodies and answers of the network-planning endpoints. Times are seconds and distances metres, as everywhere in the
// API; values the Engine reports as infinite (unreachable) are null.

/// <summary>Service coverage of a network's communes (<c>GET /networks/{id}/coverage</c>).</summary>
/// <param name="Network">Network id.</param>
/// <param name="NetworkVersion">Version analysed.</param>
/// <param name="Profile">Vehicle profile of the trips commune → point.</param>
/// <param name="Points"><c>service-points</c> or <c>offices</c> (hub and district offices), as asked.</param>
/// <param name="ServicePointIds">The points considered (including those added with <c>add</c>).</param>
/// <param name="Shares">One per threshold: distance thresholds first, then time thresholds, in the order given.</param>
/// <param name="Communes">Every commune of the register, in register order.</param>
/// <param name="UnreachableCodes">Located communes from which no point can be reached.</param>
/// <param name="UnlocatedCodes">Communes that could not be placed on the network (no figures).</param>
public sealed record CoverageResponse(string Network, long NetworkVersion, string Profile, string Points,
    IReadOnlyList<string> ServicePointIds, IReadOnlyList<CoverageShareResponse> Shares, IReadOnlyList<CommuneCoverageResponse> Communes,
    IReadOnlyList<string> UnreachableCodes, IReadOnlyList<string> UnlocatedCodes)
{
    internal static CoverageResponse From(string network, string points, CoverageReport report) =>
        new(network, report.NetworkVersion, report.Profile, points, report.ServicePointIds,
            [.. report.Shares.Select(CoverageShareResponse.From)],
            [.. report.Communes.Select(CommuneCoverageResponse.From)],
            [.. report.Communes.Where(c => c.Place.Placement != CommunePlacement.Unlocated && !c.Reachable).Select(c => c.Code)],
            report.UnlocatedCodes);
}

/// <summary>Communes within one threshold of a point. Shares are of the located communes.</summary>
/// <param name="Metric"><c>time</c> or <c>distance</c>.</param>
/// <param name="Threshold">The threshold: seconds for time, metres for distance (inclusive).</param>
/// <param name="CoveredCommunes">Located communes within it.</param>
/// <param name="LocatedCommunes">Communes placed on the network.</param>
/// <param name="TotalCommunes">Communes in the register.</param>
/// <param name="CommuneShare">Covered ÷ located (0 when none is located).</param>
/// <param name="PopulationShare">Population covered ÷ population known; null when no population is known.</param>
/// <param name="AreaShare">Area covered ÷ area known; null when no area is known.</param>
/// <param name="PopulationCovered">Population of the covered communes whose population is known.</param>
/// <param name="PopulationKnown">Population of the located communes whose population is known.</param>
/// <param name="AreaCoveredKm2">Area of the covered communes, km².</param>
/// <param name="AreaKnownKm2">Area of the located communes, km².</param>
/// <param name="UncoveredCodes">Located communes outside the threshold, in register order.</param>
public sealed record CoverageShareResponse(string Metric, double Threshold, int CoveredCommunes, int LocatedCommunes, int TotalCommunes,
    double CommuneShare, double? PopulationShare, double? AreaShare, long PopulationCovered, long PopulationKnown,
    double AreaCoveredKm2, double AreaKnownKm2, IReadOnlyList<string> UncoveredCodes)
{
    internal static CoverageShareResponse From(CoverageShare s) =>
        new(s.Metric == Engine.Paths.PathMetric.Time ? "time" : "distance", s.Threshold, s.CoveredCommunes, s.LocatedCommunes,
            s.TotalCommunes, s.CommuneShare, s.PopulationShare, s.AreaShare, s.PopulationCovered, s.PopulationKnown,
            s.AreaCoveredKm2, s.AreaKnownKm2, s.UncoveredCodes);
}

/// <summary>One commune's nearest point by time and by distance.</summary>
/// <param name="Code">Commune code.</param>
/// <param name="Name">Commune name.</param>
/// <param name="Placement"><c>node</c> (its own node), <c>snapped</c> (its location snapped to the nearest node) or <c>unlocated</c>.</param>
/// <param name="NodeId">The node standing for the commune; null when unlocated.</param>
/// <param name="NearestByTimeId">Point reached fastest; null when none can be reached.</param>
/// <param name="TimeSeconds">Travel time to it, seconds.</param>
/// <param name="TimePathMetres">Length of that fastest path, metres.</param>
/// <param name="NearestByDistanceId">Point nearest by road.</param>
/// <param name="DistanceMetres">Road distance to it, metres.</param>
/// <param name="DistancePathSeconds">Travel time along that shortest path, seconds.</param>
public sealed record CommuneCoverageResponse(string Code, string Name, string Placement, string? NodeId, string? NearestByTimeId,
    double? TimeSeconds, double? TimePathMetres, string? NearestByDistanceId, double? DistanceMetres, double? DistancePathSeconds)
{
    internal static CommuneCoverageResponse From(CommuneCoverage c) =>
        new(c.Code, c.Place.Commune.Name, PlanningText.Placement(c.Place.Placement), c.Place.NodeId, c.NearestByTimeId,
            PlanningText.Finite(c.TimeSeconds), PlanningText.Finite(c.TimePathMetres), c.NearestByDistanceId,
            PlanningText.Finite(c.DistanceMetres), PlanningText.Finite(c.DistancePathSeconds));
}

/// <summary>Body of <c>POST /networks/{id}/siting</c>: where to add service points.</summary>
/// <param name="Objective"><c>maximum-coverage</c> (default: most commune weight within the threshold) or <c>p-median</c> (least total weighted trip cost).</param>
/// <param name="K">Number of new points (default 1 when <c>maxK</c> is not given); 0 … 100.</param>
/// <param name="MaxK">Instead of <c>k</c>: solve k = 0 … maxK and return the curve (1 … 20).</param>
/// <param name="Metric">Trip cost: <c>time</c> (default) or <c>distance</c>.</param>
/// <param name="ThresholdMinutes">Coverage threshold for the time metric, minutes (default 15).</param>
/// <param name="ThresholdKm">Coverage threshold for the distance metric, km (default 5).</param>
/// <param name="Weight"><c>communes</c> (default: each located commune weighs 1) or <c>population</c>.</param>
/// <param name="Candidates">Node ids where a new point may stand (default: every node that is not a service point).</param>
/// <param name="Profile">Vehicle profile of the trips commune → point (default <c>motorbike</c>).</param>
/// <param name="TimeLimitSeconds">CP-SAT time budget of the whole request, seconds (default 10, cut to 60); a curve shares it evenly among its k.</param>
/// <param name="Seed">CP-SAT seed (default 0); same seed and input give the same answer.</param>
/// <param name="Version">Network version (default current).</param>
public sealed record SitingRequest(string? Objective, int? K, int? MaxK, string? Metric, double? ThresholdMinutes, double? ThresholdKm,
    string? Weight, string[]? Candidates, string? Profile, double? TimeLimitSeconds, int? Seed, long? Version);

/// <summary>New service points chosen (<c>POST /networks/{id}/siting</c>).</summary>
/// <param name="Network">Network id.</param>
/// <param name="NetworkVersion">Version used.</param>
/// <param name="Profile">Profile of the trips.</param>
/// <param name="Objective"><c>maximum-coverage</c> or <c>p-median</c>.</param>
/// <param name="Metric"><c>time</c> or <c>distance</c>.</param>
/// <param name="Threshold">Coverage threshold: seconds (time) or metres (distance).</param>
/// <param name="Weight"><c>communes</c> or <c>population</c>.</param>
/// <param name="Result">The answer for <c>k</c> (or for <c>maxK</c>, the last point of the curve).</param>
/// <param name="Curve">With <c>maxK</c>: one answer per k = 0 … maxK (fewer if the request was cancelled); else null.</param>
public sealed record SitingResponse(string Network, long NetworkVersion, string Profile, string Objective, string Metric, double Threshold,
    string Weight, SitingAnswer Result, IReadOnlyList<SitingAnswer>? Curve);

/// <summary>One siting solve.</summary>
/// <param name="K">New points allowed.</param>
/// <param name="ChosenIds">Node ids of the new points (fewer than k when more add nothing).</param>
/// <param name="ObjectiveValue">Maximum coverage: weight of the communes covered. p-median: Σ weight × cost (whole seconds or metres).</param>
/// <param name="BestBound">CP-SAT's proven bound on the objective; null when no solution was found.</param>
/// <param name="Gap">|objective − bound| ÷ max(1, |objective|); 0 when optimal, null when unknown.</param>
/// <param name="Status"><c>optimal</c>, <c>feasible</c> (time limit reached first) or <c>noSolution</c>.</param>
/// <param name="SolveTimeSeconds">CP-SAT wall time, seconds.</param>
/// <param name="CoveredCommunes">Located communes within the threshold of an open point.</param>
/// <param name="CoveredWeight">Their weight.</param>
/// <param name="TotalWeight">Weight of all located communes.</param>
/// <param name="Assignments">Each located commune's nearest open point (existing or new) and its cost.</param>
public sealed record SitingAnswer(int K, IReadOnlyList<string> ChosenIds, long ObjectiveValue, double? BestBound, double? Gap,
    SitingStatus Status, double SolveTimeSeconds, int CoveredCommunes, long CoveredWeight, long TotalWeight,
    IReadOnlyList<SitingAssignment> Assignments)
{
    internal static SitingAnswer From(SitingResult r) =>
        new(r.K, r.ChosenIds, r.ObjectiveValue, PlanningText.Finite(r.BestBound), PlanningText.Finite(r.Gap), r.Status,
            r.SolveTime.TotalSeconds, r.CoveredCommunes, r.CoveredWeight, r.TotalWeight, r.Assignments);
}

/// <summary>Body of <c>POST /networks/{id}/closure-impact</c> (and <c>.svg</c>).</summary>
/// <param name="ClosedLinkIds">Links to close (at least one), on top of the version's own closures.</param>
/// <param name="Version">Network version (default current).</param>
public sealed record ClosureImpactRequest(string[]? ClosedLinkIds, long? Version);

/// <summary>What closing links does (<c>POST /networks/{id}/closure-impact</c>).</summary>
/// <param name="Network">Network id.</param>
/// <param name="NetworkVersion">Version the links were closed on.</param>
/// <param name="ClosedLinkIds">The links closed (duplicates removed).</param>
/// <param name="HubId">The hub, or null when the network has none.</param>
/// <param name="CutOffFromOffice">Communes reachable from their district office before and not after (motorbike).</param>
/// <param name="CutOffFromHub">Communes reachable from the hub before and not after (motorbike).</param>
/// <param name="OfficesCutOffFromHub">District offices a truck reached from the hub before and cannot after.</param>
/// <param name="UnlocatedCodes">Communes not placed on the network.</param>
/// <param name="Communes">Every commune: times from its office and from the hub before and after, and the extra time.</param>
public sealed record ClosureImpactResponse(string Network, long NetworkVersion, IReadOnlyList<string> ClosedLinkIds, string? HubId,
    IReadOnlyList<string> CutOffFromOffice, IReadOnlyList<string> CutOffFromHub, IReadOnlyList<string> OfficesCutOffFromHub,
    IReadOnlyList<string> UnlocatedCodes, IReadOnlyList<CommuneClosureResponse> Communes)
{
    internal static ClosureImpactResponse From(string network, long version, ClosureImpact impact) =>
        new(network, version, impact.ClosedLinkIds, impact.HubId, impact.CutOffFromOffice, impact.CutOffFromHub,
            impact.OfficesCutOffFromHub, impact.UnlocatedCodes,
            [.. impact.Communes.Select(c => new CommuneClosureResponse(c.Code, c.Place.Commune.Name, c.OfficeId,
                c.OfficeSecondsBefore, c.OfficeSecondsAfter, c.ExtraOfficeSeconds, c.HubSecondsBefore, c.HubSecondsAfter,
                c.ExtraHubSeconds, c.CutOffFromOffice, c.CutOffFromHub))]);
}

/// <summary>One commune before and after a closure (motorbike, office or hub → commune). Null: unreachable, unlocated, or no office/hub.</summary>
/// <param name="Code">Commune code.</param>
/// <param name="Name">Commune name.</param>
/// <param name="OfficeId">Its district office.</param>
/// <param name="OfficeSecondsBefore">Office → commune before, seconds.</param>
/// <param name="OfficeSecondsAfter">Office → commune after, seconds.</param>
/// <param name="ExtraOfficeSeconds">After − before, when reachable both times.</param>
/// <param name="HubSecondsBefore">Hub → commune before, seconds.</param>
/// <param name="HubSecondsAfter">Hub → commune after, seconds.</param>
/// <param name="ExtraHubSeconds">After − before, when reachable both times.</param>
/// <param name="CutOffFromOffice">Reachable from the office before and not after.</param>
/// <param name="CutOffFromHub">Reachable from the hub before and not after.</param>
public sealed record CommuneClosureResponse(string Code, string Name, string? OfficeId, double? OfficeSecondsBefore, double? OfficeSecondsAfter,
    double? ExtraOfficeSeconds, double? HubSecondsBefore, double? HubSecondsAfter, double? ExtraHubSeconds, bool CutOffFromOffice,
    bool CutOffFromHub);

/// <summary>Critical roads, ranked (<c>GET /networks/{id}/critical-roads</c>).</summary>
/// <param name="Network">Network id.</param>
/// <param name="NetworkVersion">Version scanned.</param>
/// <param name="Profile">Profile of the trips office/hub → commune.</param>
/// <param name="ThresholdSeconds">A link is critical for a trip when closing it adds strictly more than this, or cuts the trip.</param>
/// <param name="OriginsSearched">Offices and hub searched from.</param>
/// <param name="CriticalRoadCount">Critical links found (before <c>top</c> is applied).</param>
/// <param name="Roads">The <c>top</c> most critical links, ranked.</param>
public sealed record CriticalRoadsResponse(string Network, long NetworkVersion, string Profile, double ThresholdSeconds, int OriginsSearched,
    int CriticalRoadCount, IReadOnlyList<CriticalRoadResponse> Roads);

/// <summary>One critical link.</summary>
/// <param name="Rank">1 = most critical: most communes affected, then most cut off, then largest extra time.</param>
/// <param name="LinkId">The link.</param>
/// <param name="FromNodeId">Its start node.</param>
/// <param name="ToNodeId">Its end node.</param>
/// <param name="RoadClass">Its road class.</param>
/// <param name="IsBridge">True when closing it splits the profile's network in two.</param>
/// <param name="AffectedCommunes">Communes with a trip cut or slowed beyond the threshold.</param>
/// <param name="CutOffCommunes">Codes of communes cut off from their office or the hub.</param>
/// <param name="SlowedCommunes">Codes of the other affected communes (slowed beyond the threshold, not cut off).</param>
/// <param name="MaxExtraSeconds">Largest finite extra time among the trips hurt, seconds.</param>
/// <param name="Impacts">Every trip hurt.</param>
public sealed record CriticalRoadResponse(int Rank, string LinkId, string FromNodeId, string ToNodeId, RoadClass RoadClass, bool IsBridge,
    int AffectedCommunes, IReadOnlyList<string> CutOffCommunes, IReadOnlyList<string> SlowedCommunes, double MaxExtraSeconds,
    IReadOnlyList<CriticalRoadImpactResponse> Impacts)
{
    internal static CriticalRoadResponse From(int rank, CriticalRoad road)
    {
        string[] cut = [.. road.Impacts.Where(i => i.CutOff).Select(i => i.CommuneCode).Distinct(StringComparer.Ordinal)];
        return new(rank, road.LinkId, road.FromNodeId, road.ToNodeId, road.RoadClass, road.IsBridge, road.AffectedCommunes, cut,
            [.. road.Impacts.Select(i => i.CommuneCode).Distinct(StringComparer.Ordinal).Except(cut, StringComparer.Ordinal)],
            road.MaxExtraSeconds,
            [.. road.Impacts.Select(i => new CriticalRoadImpactResponse(i.CommuneCode, i.OriginId, i.FromHub, i.BeforeSeconds, i.AfterSeconds,
                i.CutOff ? null : i.ExtraSeconds, i.CutOff))]);
    }
}

/// <summary>One trip a link's closure hurts.</summary>
/// <param name="CommuneCode">The commune at the end of the trip.</param>
/// <param name="OriginId">District office or hub.</param>
/// <param name="FromHub">True when the origin is the hub.</param>
/// <param name="BeforeSeconds">Trip time with the link open.</param>
/// <param name="AfterSeconds">Trip time with it closed; null when cut off.</param>
/// <param name="ExtraSeconds">After − before; null when cut off.</param>
/// <param name="CutOff">True when the closure cuts the trip.</param>
public sealed record CriticalRoadImpactResponse(string CommuneCode, string OriginId, bool FromHub, double BeforeSeconds, double? AfterSeconds,
    double? ExtraSeconds, bool CutOff);

/// <summary>Shared wording of planning answers.</summary>
internal static class PlanningText
{
    public static double? Finite(double value) => double.IsFinite(value) ? value : null;

    public static string Placement(CommunePlacement placement) => placement switch
    {
        CommunePlacement.Node => "node",
        CommunePlacement.Snapped => "snapped",
        _ => "unlocated",
    };
}
