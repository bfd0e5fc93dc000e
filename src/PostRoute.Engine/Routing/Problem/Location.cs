using PostRoute.Engine.Network;

namespace PostRoute.Engine.Routing;

/// <summary>
/// A place in the problem's location table. Jobs, shipment stops and vehicles refer to locations by their index in
/// <see cref="RoutingProblem.Locations"/> (the value returned by <see cref="ProblemBuilder.AddLocation(Location)"/>);
/// several stops may share one location. Which fields are needed depends on the travel provider:
/// <see cref="CoordinateTravel.Euclidean"/> needs <see cref="X"/>/<see cref="Y"/>, <see cref="CoordinateTravel.GreatCircle"/>
/// needs <see cref="Geo"/>, <see cref="NetworkTravel"/> reads <see cref="NodeId"/> (or <see cref="Id"/>) as the network node id, and
/// <see cref="MatrixTravel"/> needs nothing. Immutable.
/// </summary>
/// <param name="Id">Unique id of the location within the problem.</param>
public sealed record Location(string Id)
{
    /// <summary>Network node of the location for network travel; null means the node id is <see cref="Id"/>.</summary>
    public string? NodeId { get; init; }

    /// <summary>WGS84 position, when known.</summary>
    public GeoPoint? Geo { get; init; }

    /// <summary>Planar X coordinate in the units of the instance (for Euclidean travel), when known.</summary>
    public double? X { get; init; }

    /// <summary>Planar Y coordinate in the units of the instance (for Euclidean travel), when known.</summary>
    public double? Y { get; init; }

    /// <summary>A location with planar coordinates.</summary>
    public static Location AtPoint(string id, double x, double y) => new(id) { X = x, Y = y };

    /// <summary>A location with a WGS84 position.</summary>
    public static Location AtGeo(string id, GeoPoint geo) => new(id) { Geo = geo };
}
