using System.Text.Json;

namespace PostRoute.Api.Networks;

/// <summary>
/// Shape of the GeoJSON (RFC 7946) returned by the network endpoints, for the OpenAPI document only: the body is
/// written by the Engine's GeoJSON writer, not serialized from these types.
/// </summary>
/// <param name="Type">Always <c>FeatureCollection</c>.</param>
/// <param name="Name">Network name.</param>
/// <param name="Version">Network version.</param>
/// <param name="Profiles">Vehicle profiles; each link has a <c>time_&lt;profile&gt;_s</c> property (null when barred).</param>
/// <param name="Features">Node points first, then link line strings.</param>
/// <param name="CommunesWithoutNode">Communes no node refers to, with their location when known (foreign member).</param>
public sealed record GeoJsonFeatureCollection(string Type, string Name, long Version, IReadOnlyList<string> Profiles,
    IReadOnlyList<GeoJsonFeature> Features, IReadOnlyList<JsonElement> CommunesWithoutNode);

/// <summary>One GeoJSON feature: a node (Point) or a link (LineString).</summary>
/// <param name="Type">Always <c>Feature</c>.</param>
/// <param name="Geometry">Point or LineString with [longitude, latitude] positions in degrees.</param>
/// <param name="Properties">Node or link attributes (ids, kind, road class, length in metres, travel times in seconds…).</param>
public sealed record GeoJsonFeature(string Type, GeoJsonGeometry Geometry, IReadOnlyDictionary<string, JsonElement> Properties);

/// <summary>A GeoJSON geometry.</summary>
/// <param name="Type"><c>Point</c> or <c>LineString</c>.</param>
/// <param name="Coordinates">A [lon, lat] position (Point) or an array of them (LineString).</param>
public sealed record GeoJsonGeometry(string Type, JsonElement Coordinates);
