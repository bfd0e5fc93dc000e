using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PostRoute.Engine.Network;

namespace PostRoute.Engine.Formats;

/// <summary>Plumbing shared by the JSON and GeoJSON writers, so both spell values and communes the same way.</summary>
internal static class JsonOutput
{
    public static JsonWriterOptions Options(bool indented) => new()
    {
        Indented = indented,
        NewLine = "\n",
        // A data file, never inlined in HTML: escape only what JSON requires, so Vietnamese names and quotes stay readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The document as a string, with a final newline.</summary>
    public static string ToText(JsonWriterOptions options, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, options))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    /// <summary>The document as UTF-8 (no BOM) with a final newline, written to <paramref name="stream"/>, which is left open.</summary>
    public static void ToStream(Stream stream, JsonWriterOptions options, Action<Utf8JsonWriter> write)
    {
        using (var writer = new Utf8JsonWriter(stream, options))
        {
            write(writer);
        }

        stream.WriteByte((byte)'\n');
        stream.Flush();
    }

    public static void WriteStrings(this Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (string value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    public static void WriteNumberOrNull(this Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    public static void WriteNumberOrNull(this Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    /// <summary>A commune object; <paramref name="writeLocation"/> writes a known location in the format's own shape.</summary>
    public static void WriteCommune(this Utf8JsonWriter w, Commune commune, Action<Utf8JsonWriter, GeoPoint> writeLocation)
    {
        w.WriteStartObject();
        w.WriteString("code", commune.Code);
        w.WriteString("name", commune.Name);
        w.WriteString("type", WireNames.CommuneType.NameOf(commune.Type));
        w.WriteString("districtCode", commune.DistrictCode);
        w.WriteString("districtName", commune.DistrictName);
        w.WritePropertyName("location");
        if (commune.Location is { } location)
        {
            writeLocation(w, location);
        }
        else
        {
            w.WriteNullValue();
        }

        w.WriteNumberOrNull("population", commune.Population);
        w.WriteNumberOrNull("areaKm2", commune.AreaKm2);
        w.WriteString("postalCode", commune.PostalCode);
        w.WriteEndObject();
    }
}
