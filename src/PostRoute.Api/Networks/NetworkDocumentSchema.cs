namespace PostRoute.Api.Networks;

/// <summary>
/// Shape of PostRoute's network JSON (docs/network-format.md), for the OpenAPI document only: bodies are read and
/// written by the Engine's <c>NetworkJson</c>, not serialized from these types.
/// </summary>
/// <param name="FormatVersion">Format version; must be 1 (default 1).</param>
/// <param name="Name">Network name (default <c>network</c>); the URL id is made from it.</param>
/// <param name="Version">Network version ≥ 1 (default 1).</param>
/// <param name="Profiles">Every vehicle profile; each key of a link's travelTimeSeconds must be listed here.</param>
/// <param name="Nodes">Nodes in order.</param>
/// <param name="Links">Links in order.</param>
/// <param name="Communes">The commune register (optional).</param>
public sealed record NetworkDocument(int FormatVersion, string Name, long Version, IReadOnlyList<string> Profiles,
    IReadOnlyList<NodeDocument> Nodes, IReadOnlyList<LinkDocument> Links, IReadOnlyList<CommuneDocument>? Communes);

/// <summary>A node of network JSON.</summary>
/// <param name="Id">Unique node id (case-sensitive).</param>
/// <param name="Kind"><c>provincialHub</c>, <c>districtOffice</c>, <c>communeServicePoint</c>, <c>commune</c> or <c>junction</c>.</param>
/// <param name="Name">Display name (may be empty).</param>
/// <param name="Location">WGS84 position.</param>
/// <param name="CommuneCode">Code of the commune the node serves or lies in, or null.</param>
/// <param name="DistrictCode">Code of the district the node lies in, or null.</param>
public sealed record NodeDocument(string Id, string Kind, string? Name, LocationDocument Location, string? CommuneCode, string? DistrictCode);

/// <summary>A WGS84 position in degrees.</summary>
/// <param name="Latitude">Degrees north, −90…90.</param>
/// <param name="Longitude">Degrees east, −180…180.</param>
public sealed record LocationDocument(double Latitude, double Longitude);

/// <summary>A link of network JSON.</summary>
/// <param name="Id">Unique link id.</param>
/// <param name="From">Start node id.</param>
/// <param name="To">End node id (≠ from).</param>
/// <param name="LengthMetres">Length in metres, ≥ 0.</param>
/// <param name="TravelTimeSeconds">Profile → travel time in seconds (≥ 0); a missing profile is barred from the link.</param>
/// <param name="RoadClass"><c>trunk</c>, <c>provincial</c>, <c>district</c>, <c>local</c> (default) or <c>track</c>.</param>
/// <param name="OneWay">True when the link may only be travelled from 'from' to 'to' (default false).</param>
/// <param name="Closed">True when the link is closed to every profile (default false).</param>
public sealed record LinkDocument(string Id, string From, string To, double LengthMetres,
    IReadOnlyDictionary<string, double> TravelTimeSeconds, string? RoadClass, bool? OneWay, bool? Closed);

/// <summary>A commune of the register.</summary>
/// <param name="Code">Official code, e.g. <c>"22015"</c> (a string: keep leading zeros).</param>
/// <param name="Name">Official name.</param>
/// <param name="Type"><c>xa</c>, <c>phuong</c> or <c>thiTran</c>.</param>
/// <param name="DistrictCode">Code of the parent district.</param>
/// <param name="DistrictName">Name of the parent district.</param>
/// <param name="Location">Representative position, or null when unknown.</param>
/// <param name="Population">Population, or null.</param>
/// <param name="AreaKm2">Area in km², or null.</param>
/// <param name="PostalCode">Postal code, or null.</param>
public sealed record CommuneDocument(string Code, string Name, string Type, string DistrictCode, string DistrictName,
    LocationDocument? Location, int? Population, double? AreaKm2, string? PostalCode);
