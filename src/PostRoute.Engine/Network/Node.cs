namespace PostRoute.Engine.Network;

/// <summary>A located node of a postal network: a post office, a commune location or a junction.</summary>
/// <param name="Id">Unique id within the network (case-sensitive).</param>
/// <param name="Kind">What the node stands for.</param>
/// <param name="Name">Human-readable name; may be empty for junctions.</param>
/// <param name="Location">WGS84 position.</param>
/// <param name="CommuneCode">Official code of the commune the node serves or lies in, if any.</param>
/// <param name="DistrictCode">Official code of the district the node lies in, if any.</param>
public sealed record Node(
    string Id,
    NodeKind Kind,
    string Name,
    GeoPoint Location,
    string? CommuneCode = null,
    string? DistrictCode = null)
{
    /// <summary>True for hubs, district offices and commune service points.</summary>
    public bool IsPostOffice => Kind is NodeKind.ProvincialHub or NodeKind.DistrictOffice or NodeKind.CommuneServicePoint;
}

/// <summary>
/// A commune-level administrative unit. A commune need not have a location: units whose position is not
/// known from open data are kept so that coverage reports can name them.
/// </summary>
/// <param name="Code">Official (GSO) code, e.g. <c>22015</c>.</param>
/// <param name="Name">Official name, e.g. <c>Phường 1</c>.</param>
/// <param name="Type">xã, phường or thị trấn.</param>
/// <param name="DistrictCode">Official code of the parent district.</param>
/// <param name="DistrictName">Name of the parent district.</param>
/// <param name="Location">Representative location, or null when unknown.</param>
/// <param name="Population">Population, when known.</param>
/// <param name="AreaKm2">Area in square kilometres, when known.</param>
/// <param name="PostalCode">Postal code (mã bưu chính), when known.</param>
public sealed record Commune(
    string Code,
    string Name,
    CommuneType Type,
    string DistrictCode,
    string DistrictName,
    GeoPoint? Location = null,
    int? Population = null,
    double? AreaKm2 = null,
    string? PostalCode = null);
