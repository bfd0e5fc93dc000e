using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace PostRoute.Engine.Formats;

/// <summary>One row of a <c>bks.csv</c> file.</summary>
/// <param name="Instance">Instance name as the set writes it (e.g. <c>C101</c>, <c>lc101</c>, <c>X-n106-k14</c>).</param>
/// <param name="Vehicles">Route count of the best-known solution when the set ranks vehicles first (VRPTW, PDPTW); null for CVRP sets.</param>
/// <param name="Distance">Best-known total distance under the set's distance convention.</param>
/// <param name="Source">Where the value comes from; empty when the file has no source column.</param>
public sealed record BestKnownValue(string Instance, int? Vehicles, double Distance, string Source);

/// <summary>
/// Best-known values read from a <c>bks.csv</c> file with the header <c>instance,vehicles,distance,source</c>
/// (columns located by name, case-insensitive; <c>vehicles</c> and <c>source</c> optional; fields may be quoted
/// with double quotes as in RFC 4180). Lookup by instance name ignores case. Immutable and thread-safe.
/// </summary>
public sealed class BestKnown
{
    private readonly Dictionary<string, BestKnownValue> _byName;

    private BestKnown(ImmutableArray<BestKnownValue> values)
    {
        Values = values;
        _byName = values.ToDictionary(v => v.Instance, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>An empty table, for folders without <c>bks.csv</c>.</summary>
    public static BestKnown Empty { get; } = new([]);

    /// <summary>Every row in file order.</summary>
    public ImmutableArray<BestKnownValue> Values { get; }

    /// <summary>Number of rows.</summary>
    public int Count => Values.Length;

    /// <summary>Finds the value of <paramref name="instance"/> (case-insensitive).</summary>
    public bool TryGet(string instance, [MaybeNullWhen(false)] out BestKnownValue value) => _byName.TryGetValue(instance, out value);

    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    /// <exception cref="InstanceFormatException">Malformed file; the message names the path and line.</exception>
    public static BestKnown Read(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    /// <summary>Reads a table from <paramref name="reader"/>; <paramref name="fileName"/> is used in error messages.</summary>
    /// <exception cref="InstanceFormatException">
    /// No header with <c>instance</c> and <c>distance</c> columns, a row with the wrong number of fields, a
    /// number that does not parse, or an instance listed twice; the message names the line.
    /// </exception>
    public static BestKnown Read(TextReader reader, string fileName)
    {
        var text = new InstanceText(reader, fileName);
        int line = text.NextNonBlank(0);
        if (line == text.Count)
        {
            throw text.EndOfFile("the header 'instance,vehicles,distance,source'");
        }

        var header = SplitCsv(text, line).Select(h => h.Trim().ToLowerInvariant()).ToList();
        int instanceColumn = header.IndexOf("instance");
        int vehiclesColumn = header.IndexOf("vehicles");
        int distanceColumn = header.IndexOf("distance");
        int sourceColumn = header.IndexOf("source");
        if (instanceColumn < 0 || distanceColumn < 0)
        {
            throw text.Error(line, $"expected a header with at least 'instance' and 'distance' columns (instance,vehicles,distance,source) but found '{text[line].Trim()}'");
        }

        var values = ImmutableArray.CreateBuilder<BestKnownValue>();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (line = text.NextNonBlank(line + 1); line < text.Count; line = text.NextNonBlank(line + 1))
        {
            var fields = SplitCsv(text, line);
            if (fields.Count != header.Count)
            {
                throw text.Error(line, $"expected {header.Count} comma-separated fields ({string.Join(",", header)}) but found {fields.Count}");
            }

            string instance = fields[instanceColumn].Trim();
            if (instance.Length == 0)
            {
                throw text.Error(line, "expected an instance name in the 'instance' column but found nothing");
            }

            if (seen.TryGetValue(instance, out int first))
            {
                throw text.Error(line, $"expected each instance once, but {instance} appears again (first at line {first + 1})");
            }

            seen[instance] = line;
            string vehiclesText = vehiclesColumn < 0 ? "" : fields[vehiclesColumn].Trim();
            int? vehicles = vehiclesText.Length == 0 ? null : text.Integer(vehiclesText, line, "the vehicles");
            double distance = text.Number(fields[distanceColumn].Trim(), line, "the distance");
            string source = sourceColumn < 0 ? "" : fields[sourceColumn].Trim();
            values.Add(new BestKnownValue(instance, vehicles, distance, source));
        }

        return new BestKnown(values.ToImmutable());
    }

    private static List<string> SplitCsv(InstanceText text, int line)
    {
        string row = text[line];
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < row.Length; i++)
        {
            char c = row[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < row.Length && row[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        if (quoted)
        {
            throw text.Error(line, "expected a closing double quote before the end of the line");
        }

        fields.Add(field.ToString());
        return fields;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"BestKnown({Count} values)");
}
