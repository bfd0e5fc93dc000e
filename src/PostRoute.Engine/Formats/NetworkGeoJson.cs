using System.Text.Json;
using PostRoute.Engine.Network;

namespace PostRoute.Engine.Formats;

/// <summary>
/// Writes a <see cref="PostalNetwork"/> as an RFC 7946 GeoJSON <c>FeatureCollection</c> for map display (format in
/// <c>docs/network-format.md</c>): a <c>Point</c> feature per node, then a two-position <c>LineString</c> feature
/// per link (from node to to node), positions in <c>[longitude, latitude]</c> order. Output is UTF-8 without BOM,
/// compact (one line) with a final newline. Write-only: read networks with <see cref="NetworkJson"/>.
/// </summary>
/// <remarks>
/// Link properties carry one <c>time_&lt;profile&gt;_s</c> entry per network profile, <c>null</c> when the profile is
/// barred, so every link feature has the same property names. Communes that no node refers to (by its
/// <see cref="Node.CommuneCode"/>) cannot be drawn as features without inventing a position, so they are listed in
/// the foreign member <c>communesWithoutNode</c>, with their own location only when the register has one.
/// Thread-safe.
/// </remarks>
public static class NetworkGeoJson
{
    // Compact: map clients download this; a network of a few thousand links stays small.
    private static readonly JsonWriterOptions WriterOptions = JsonOutput.Options(indented: false);

    /// <summary>Writes <paramref name="network"/> as a GeoJSON string.</summary>
    public static string Write(PostalNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return JsonOutput.ToText(WriterOptions, w => WriteCollection(w, network));
    }

    /// <summary>Writes <paramref name="network"/> as UTF-8 GeoJSON (no BOM) to <paramref name="utf8GeoJson"/>, which is left open.</summary>
    public static void Write(PostalNetwork network, Stream utf8GeoJson)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(utf8GeoJson);
        JsonOutput.ToStream(utf8GeoJson, WriterOptions, w => WriteCollection(w, network));
    }

    private static void WriteCollection(Utf8JsonWriter w, PostalNetwork network)
    {
        w.WriteStartObject();
        w.WriteString("type", "FeatureCollection");
        w.WriteString("name", network.Name);
        w.WriteNumber("version", network.Version);
        w.WriteStrings("profiles", network.Profiles);

        w.WriteStartArray("features");
        foreach (var node in network.Nodes)
        {
            w.WriteStartObject();
            w.WriteString("type", "Feature");
            w.WriteStartObject("geometry");
            w.WriteString("type", "Point");
            w.WritePropertyName("coordinates");
            WritePosition(w, node.Location);
            w.WriteEndObject();
            w.WriteStartObject("properties");
            w.WriteString("id", node.Id);
            w.WriteString("kind", WireNames.NodeKind.NameOf(node.Kind));
            w.WriteString("name", node.Name);
            w.WriteString("communeCode", node.CommuneCode);
            w.WriteString("districtCode", node.DistrictCode);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        var nodes = network.Nodes;
        foreach (var link in network.Links)
        {
            w.WriteStartObject();
            w.WriteString("type", "Feature");
            w.WriteStartObject("geometry");
            w.WriteString("type", "LineString");
            w.WriteStartArray("coordinates");
            WritePosition(w, nodes[network.IndexOfNode(link.From)].Location);
            WritePosition(w, nodes[network.IndexOfNode(link.To)].Location);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartObject("properties");
            w.WriteString("id", link.Id);
            w.WriteString("from", link.From);
            w.WriteString("to", link.To);
            w.WriteNumber("lengthMetres", link.LengthMetres);
            w.WriteString("roadClass", WireNames.RoadClass.NameOf(link.RoadClass));
            w.WriteBoolean("oneWay", link.OneWay);
            w.WriteBoolean("closed", link.Closed);
            foreach (string profile in network.Profiles)
            {
                string name = $"time_{profile}_s";
                if (link.TravelTimeSeconds.TryGetValue(profile, out double seconds))
                {
                    w.WriteNumber(name, seconds);
                }
                else
                {
                    w.WriteNull(name);
                }
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();

        var drawn = network.Nodes.Select(n => n.CommuneCode).OfType<string>().ToHashSet(StringComparer.Ordinal);
        w.WriteStartArray("communesWithoutNode");
        foreach (var commune in network.Communes.Where(c => !drawn.Contains(c.Code)))
        {
            w.WriteCommune(commune, WritePosition);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    // RFC 7946 §3.1.1: longitude first.
    private static void WritePosition(Utf8JsonWriter w, GeoPoint point)
    {
        w.WriteStartArray();
        w.WriteNumberValue(point.Longitude);
        w.WriteNumberValue(point.Latitude);
        w.WriteEndArray();
    }
}
