using System.Text;
using System.Text.Json;
using PostRoute.Engine.Network;

namespace PostRoute.Engine.Formats;

/// <summary>
/// Reads and writes a <see cref="PostalNetwork"/> as JSON (format described in <c>docs/network-format.md</c>):
/// name, version, profiles, nodes, links and the commune register. Output is UTF-8 without BOM, indented, with
/// <c>\n</c> line ends and a final newline, and is deterministic: writing what was read from this writer's output
/// gives the same text, and reading what was written gives the same network (doubles round-trip exactly).
/// </summary>
/// <remarks>
/// Reading and writing use <see cref="Utf8JsonReader"/> and <see cref="Utf8JsonWriter"/> directly (no reflection).
/// Malformed input (syntax error, wrong JSON type, missing required or unknown property, unknown enum value,
/// undeclared profile) throws <see cref="NetworkValidationException"/> listing every such problem with its JSON
/// path (e.g. <c>$.links[3].lengthMetres</c>) and line number; a syntax error stops reading at that point.
/// Semantic problems (duplicate ids, unknown nodes, negative lengths…) are reported with the errors of
/// <see cref="NetworkBuilder.Validate"/>. No partial network is ever returned. All members are thread-safe.
/// </remarks>
public static class NetworkJson
{
    /// <summary>The value of <c>formatVersion</c> this code reads and writes.</summary>
    public const int FormatVersion = 1;

    private static readonly JsonWriterOptions WriterOptions = JsonOutput.Options(indented: true);

    /// <summary>Writes <paramref name="network"/> as a JSON string.</summary>
    public static string Write(PostalNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return JsonOutput.ToText(WriterOptions, w => WriteNetwork(w, network));
    }

    /// <summary>Writes <paramref name="network"/> as UTF-8 JSON (no BOM) to <paramref name="utf8Json"/>, which is left open.</summary>
    public static void Write(PostalNetwork network, Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(utf8Json);
        JsonOutput.ToStream(utf8Json, WriterOptions, w => WriteNetwork(w, network));
    }

    /// <summary>Reads a network from JSON text.</summary>
    /// <exception cref="NetworkValidationException">The text is not a valid network; <see cref="NetworkValidationException.Errors"/> lists every problem.</exception>
    public static PostalNetwork Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return new JsonNetworkReader(Encoding.UTF8.GetBytes(json)).Read();
    }

    /// <summary>Reads a network from UTF-8 JSON (a BOM is allowed); reads <paramref name="utf8Json"/> to its end and leaves it open.</summary>
    /// <exception cref="NetworkValidationException">The content is not a valid network; <see cref="NetworkValidationException.Errors"/> lists every problem.</exception>
    public static PostalNetwork Read(Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        using var copy = new MemoryStream();
        utf8Json.CopyTo(copy);
        return new JsonNetworkReader(copy.GetBuffer().AsMemory(0, (int)copy.Length)).Read();
    }

    private static void WriteNetwork(Utf8JsonWriter w, PostalNetwork network)
    {
        w.WriteStartObject();
        w.WriteNumber("formatVersion", FormatVersion);
        w.WriteString("name", network.Name);
        w.WriteNumber("version", network.Version);
        w.WriteStrings("profiles", network.Profiles);

        w.WriteStartArray("nodes");
        foreach (var node in network.Nodes)
        {
            w.WriteStartObject();
            w.WriteString("id", node.Id);
            w.WriteString("kind", WireNames.NodeKind.NameOf(node.Kind));
            w.WriteString("name", node.Name);
            w.WritePropertyName("location");
            WriteLocation(w, node.Location);
            w.WriteString("communeCode", node.CommuneCode);
            w.WriteString("districtCode", node.DistrictCode);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("links");
        foreach (var link in network.Links)
        {
            w.WriteStartObject();
            w.WriteString("id", link.Id);
            w.WriteString("from", link.From);
            w.WriteString("to", link.To);
            w.WriteNumber("lengthMetres", link.LengthMetres);
            w.WriteStartObject("travelTimeSeconds");
            // Network profile order, not dictionary order, so that the output is deterministic.
            foreach (var profile in network.Profiles)
            {
                if (link.TravelTimeSeconds.TryGetValue(profile, out double seconds))
                {
                    w.WriteNumber(profile, seconds);
                }
            }

            w.WriteEndObject();
            w.WriteString("roadClass", WireNames.RoadClass.NameOf(link.RoadClass));
            w.WriteBoolean("oneWay", link.OneWay);
            w.WriteBoolean("closed", link.Closed);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("communes");
        foreach (var commune in network.Communes)
        {
            w.WriteCommune(commune, WriteLocation);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteLocation(Utf8JsonWriter w, GeoPoint location)
    {
        w.WriteStartObject();
        w.WriteNumber("latitude", location.Latitude);
        w.WriteNumber("longitude", location.Longitude);
        w.WriteEndObject();
    }
}
