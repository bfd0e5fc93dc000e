using System.Text.Encodings.Web;
using System.Text.Json;
using PostRoute.Engine.Network;

namespace PostRoute.Api.Networks;

/// <summary>
/// TEMPORARY minimal GeoJSON writer, used only until <c>PostRoute.Engine.Formats.NetworkGeoJson</c> (written in
/// parallel) is on main; then delete this file and call <c>NetworkGeoJson.Write</c> in <see cref="NetworkCatalog"/>.
/// Writes an RFC 7946 FeatureCollection: a Point per node, then a LineString per link, coordinates [lon, lat].
/// </summary>
internal static class TemporaryNetworkGeoJson
{
    public static void Write(PostalNetwork network, Stream stream)
    {
        // Relaxed escaping keeps Vietnamese names readable; the body is served as JSON, never embedded in HTML.
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("type", "FeatureCollection");
        json.WriteStartArray("features");
        foreach (var node in network.Nodes)
        {
            StartFeature(json, node.Id, "Point");
            json.WritePropertyName("coordinates");
            WritePosition(json, node.Location);
            json.WriteEndObject();
            json.WriteStartObject("properties");
            json.WriteString("id", node.Id);
            json.WriteString("featureType", "node");
            json.WriteString("kind", node.Kind.ToString());
            json.WriteString("name", node.Name);
            WriteOptional(json, "communeCode", node.CommuneCode);
            WriteOptional(json, "districtCode", node.DistrictCode);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        for (int i = 0; i < network.Links.Length; i++)
        {
            var link = network.Links[i];
            StartFeature(json, link.Id, "LineString");
            json.WriteStartArray("coordinates");
            WritePosition(json, network.Nodes[network.IndexOfNode(link.From)].Location);
            WritePosition(json, network.Nodes[network.IndexOfNode(link.To)].Location);
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteStartObject("properties");
            json.WriteString("id", link.Id);
            json.WriteString("featureType", "link");
            json.WriteString("from", link.From);
            json.WriteString("to", link.To);
            json.WriteNumber("lengthMetres", link.LengthMetres);
            json.WriteString("roadClass", link.RoadClass.ToString());
            json.WriteBoolean("oneWay", link.OneWay);
            json.WriteBoolean("closed", network.IsClosed(i));
            json.WriteStartObject("travelTimeSeconds");
            foreach (var profile in network.Profiles.Where(link.Allows))
            {
                json.WriteNumber(profile, link.TimeFor(profile)!.Value);
            }

            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void StartFeature(Utf8JsonWriter json, string id, string geometryType)
    {
        json.WriteStartObject();
        json.WriteString("type", "Feature");
        json.WriteString("id", id);
        json.WriteStartObject("geometry");
        json.WriteString("type", geometryType);
    }

    private static void WritePosition(Utf8JsonWriter json, GeoPoint point)
    {
        json.WriteStartArray();
        json.WriteNumberValue(point.Longitude);
        json.WriteNumberValue(point.Latitude);
        json.WriteEndArray();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
