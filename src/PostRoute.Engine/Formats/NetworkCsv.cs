using System.Collections.ObjectModel;
using System.Globalization;
using PostRoute.Engine.Network;

namespace PostRoute.Engine.Formats;

/// <summary>
/// Reads and writes a <see cref="PostalNetwork"/> as three CSV files (format in <c>docs/network-format.md</c>):
/// <c>nodes.csv</c>, <c>links.csv</c> (one <c>time_&lt;profile&gt;_s</c> column per profile; an empty cell bars the
/// profile) and the optional <c>communes.csv</c>. RFC 4180 quoting, UTF-8 (BOM allowed), CRLF or LF line ends,
/// invariant-culture numbers; columns are found by header name in any order and unknown columns are rejected.
/// </summary>
/// <remarks>
/// Every problem is collected before one <see cref="NetworkValidationException"/> is thrown: a bad cell is
/// reported as <c>links.csv:12</c> with the column (e.g. <c>length_m</c>) and the bad value; problems found by
/// <see cref="NetworkBuilder.Validate"/> (duplicate ids, unknown nodes, self-loops) keep the builder's item path
/// (e.g. <c>links[L7]</c>), use the CSV column name as field and name the lines involved. No partial network is
/// ever returned. The CSV files do not hold the network name or version: reading gives version 1. All members are
/// thread-safe; the readers and writers passed in are neither closed nor disposed.
/// </remarks>
public static class NetworkCsv
{
    private const string NodesFile = "nodes.csv";
    private const string LinksFile = "links.csv";
    private const string CommunesFile = "communes.csv";
    private const string TimePrefix = "time_";
    private const string TimeSuffix = "_s";

    private static readonly string[] NodeRequired = ["id", "kind", "name", "lat", "lon"];
    private static readonly string[] NodeOptional = ["commune_code", "district_code"];
    private static readonly string[] LinkRequired = ["id", "from", "to", "length_m"];
    private static readonly string[] LinkOptional = ["road_class", "one_way", "closed"];
    private static readonly string[] CommuneRequired = ["code", "name", "type", "district_code", "district_name"];
    private static readonly string[] CommuneOptional = ["lat", "lon", "area_km2", "population", "postal_code"];

    /// <summary>Reads a network from its CSV files.</summary>
    /// <param name="nodesCsv">Content of <c>nodes.csv</c>.</param>
    /// <param name="linksCsv">Content of <c>links.csv</c>.</param>
    /// <param name="communesCsv">Content of <c>communes.csv</c>, or null for a network without a commune register.</param>
    /// <param name="name">Name given to the network.</param>
    /// <returns>The network, with <see cref="PostalNetwork.Version"/> 1.</returns>
    /// <exception cref="NetworkValidationException">The files do not describe a valid network; <see cref="NetworkValidationException.Errors"/> lists every problem.</exception>
    public static PostalNetwork Read(TextReader nodesCsv, TextReader linksCsv, TextReader? communesCsv = null, string name = "network")
    {
        ArgumentNullException.ThrowIfNull(nodesCsv);
        ArgumentNullException.ThrowIfNull(linksCsv);
        ArgumentNullException.ThrowIfNull(name);
        var errors = new List<NetworkError>();
        var builder = new NetworkBuilder(name);
        var lines = new Dictionary<(string File, string Id), List<int>>();
        void Remember(string file, string id, int line)
        {
            if (!lines.TryGetValue((file, id), out var list))
            {
                lines[(file, id)] = list = [];
            }

            list.Add(line);
        }

        var cells = new CellParser(errors);
        ReadNodes(nodesCsv, builder, cells, Remember);
        ReadLinks(linksCsv, builder, cells, Remember);
        if (communesCsv is not null)
        {
            ReadCommunes(communesCsv, builder, cells, Remember);
        }

        // Rows with bad cells were added with harmless placeholder values, so the builder reports only the
        // cross-row problems (duplicates, unknown nodes, self-loops) and never the same cell twice.
        foreach (var error in builder.Validate())
        {
            errors.Add(ToCsvTerms(error, lines));
        }

        if (errors.Count > 0)
        {
            throw new NetworkValidationException(errors);
        }

        return builder.Build();
    }

    /// <summary>
    /// Writes <paramref name="network"/> as the three CSV files, with LF line ends and numbers in invariant culture
    /// that read back to the same doubles. Reading them back gives the same nodes, links, communes and profiles;
    /// the name and version are not stored.
    /// </summary>
    /// <param name="network">The network to write.</param>
    /// <param name="nodesCsv">Receives <c>nodes.csv</c>.</param>
    /// <param name="linksCsv">Receives <c>links.csv</c>.</param>
    /// <param name="communesCsv">Receives <c>communes.csv</c> (a header only when the register is empty).</param>
    public static void Write(PostalNetwork network, TextWriter nodesCsv, TextWriter linksCsv, TextWriter communesCsv)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(nodesCsv);
        ArgumentNullException.ThrowIfNull(linksCsv);
        ArgumentNullException.ThrowIfNull(communesCsv);

        WriteRecord(nodesCsv, [.. NodeRequired, .. NodeOptional]);
        foreach (var node in network.Nodes)
        {
            WriteRecord(nodesCsv,
            [
                node.Id, WireNames.NodeKind.NameOf(node.Kind), node.Name, Number(node.Location.Latitude),
                Number(node.Location.Longitude), node.CommuneCode ?? "", node.DistrictCode ?? "",
            ]);
        }

        WriteRecord(linksCsv, [.. LinkRequired, .. LinkOptional, .. network.Profiles.Select(p => TimePrefix + p + TimeSuffix)]);
        foreach (var link in network.Links)
        {
            WriteRecord(linksCsv,
            [
                link.Id, link.From, link.To, Number(link.LengthMetres), WireNames.RoadClass.NameOf(link.RoadClass),
                Boolean(link.OneWay), Boolean(link.Closed),
                .. network.Profiles.Select(p => link.TravelTimeSeconds.TryGetValue(p, out double s) ? Number(s) : ""),
            ]);
        }

        WriteRecord(communesCsv, [.. CommuneRequired, .. CommuneOptional]);
        foreach (var commune in network.Communes)
        {
            WriteRecord(communesCsv,
            [
                commune.Code, commune.Name, WireNames.CommuneType.NameOf(commune.Type), commune.DistrictCode,
                commune.DistrictName, commune.Location is { } at ? Number(at.Latitude) : "",
                commune.Location is { } at2 ? Number(at2.Longitude) : "",
                commune.AreaKm2 is { } area ? Number(area) : "",
                commune.Population?.ToString(CultureInfo.InvariantCulture) ?? "", commune.PostalCode ?? "",
            ]);
        }

        nodesCsv.Flush();
        linksCsv.Flush();
        communesCsv.Flush();
    }

    private static void ReadNodes(TextReader csv, NetworkBuilder builder, CellParser cells, Action<string, string, int> remember)
    {
        var table = CsvTable.Open(csv, NodesFile, cells.Errors, NodeRequired, NodeOptional);
        foreach (var row in table.Rows())
        {
            string id = row["id"]!;
            if (!cells.Id(row, "id"))
            {
                continue;
            }

            remember(NodesFile, id, row.Line);
            var kind = cells.Enum(row, "kind", WireNames.NodeKind) ?? NodeKind.Junction;
            double lat = cells.Double(row, "lat", required: true, -90, 90) ?? 0;
            double lon = cells.Double(row, "lon", required: true, -180, 180) ?? 0;
            builder.AddNode(new Node(id, kind, row["name"]!, new GeoPoint(lat, lon),
                NullIfEmpty(row["commune_code"]), NullIfEmpty(row["district_code"])));
        }
    }

    private static void ReadLinks(TextReader csv, NetworkBuilder builder, CellParser cells, Action<string, string, int> remember)
    {
        var table = CsvTable.Open(csv, LinksFile, cells.Errors, LinkRequired, LinkOptional, IsTimeColumn);
        var timeColumns = new List<(string Column, string Profile)>();
        foreach (string column in table.Header)
        {
            if (IsTimeColumn(column))
            {
                string profile = column[TimePrefix.Length..^TimeSuffix.Length];
                if (string.IsNullOrWhiteSpace(profile))
                {
                    cells.Errors.Add(new NetworkError($"{LinksFile}:{table.HeaderLine}", column, "profile name is empty; expected time_<profile>_s"));
                    continue;
                }

                timeColumns.Add((column, profile));
                builder.AddProfile(profile);
            }
        }

        foreach (var row in table.Rows())
        {
            string id = row["id"]!;
            if (!cells.Id(row, "id"))
            {
                continue;
            }

            remember(LinksFile, id, row.Line);
            double length = cells.Double(row, "length_m", required: true, 0, double.MaxValue) ?? 0;
            var times = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var (column, profile) in timeColumns)
            {
                if (cells.Double(row, column, required: false, 0, double.MaxValue) is { } seconds)
                {
                    times[profile] = seconds;
                }
            }

            var roadClass = cells.Enum(row, "road_class", WireNames.RoadClass, RoadClass.Local) ?? RoadClass.Local;
            bool oneWay = cells.Boolean(row, "one_way");
            bool closed = cells.Boolean(row, "closed");
            builder.AddLink(new Link(id, row["from"]!, row["to"]!, length, new ReadOnlyDictionary<string, double>(times), roadClass, oneWay, closed));
        }
    }

    private static void ReadCommunes(TextReader csv, NetworkBuilder builder, CellParser cells, Action<string, string, int> remember)
    {
        var table = CsvTable.Open(csv, CommunesFile, cells.Errors, CommuneRequired, CommuneOptional);
        foreach (var row in table.Rows())
        {
            string code = row["code"]!;
            if (!cells.Id(row, "code"))
            {
                continue;
            }

            remember(CommunesFile, code, row.Line);
            var type = cells.Enum(row, "type", WireNames.CommuneType) ?? CommuneType.Xa;
            double? lat = cells.Double(row, "lat", required: false, -90, 90);
            double? lon = cells.Double(row, "lon", required: false, -180, 180);
            GeoPoint? location = null;
            if (lat is { } la && lon is { } lo)
            {
                location = new GeoPoint(la, lo);
            }
            else if (string.IsNullOrEmpty(row["lat"]) != string.IsNullOrEmpty(row["lon"]))
            {
                cells.Errors.Add(new NetworkError(row.Place, string.IsNullOrEmpty(row["lat"]) ? "lat" : "lon",
                    "is empty while the other coordinate is given; give both or neither"));
            }

            double? area = cells.Double(row, "area_km2", required: false, 0, double.MaxValue);
            int? population = cells.Int32(row, "population", min: 0);
            builder.AddCommune(new Commune(code, row["name"]!, type, row["district_code"]!, row["district_name"]!,
                location, population, area, NullIfEmpty(row["postal_code"])));
        }
    }

    /// <summary>Restates a builder error in the files' terms: CSV column name as field, and the lines of the item.</summary>
    private static NetworkError ToCsvTerms(NetworkError error, Dictionary<(string File, string Id), List<int>> lines)
    {
        string? file = error.Path switch
        {
            _ when error.Path.StartsWith("nodes[", StringComparison.Ordinal) => NodesFile,
            _ when error.Path.StartsWith("links[", StringComparison.Ordinal) => LinksFile,
            _ when error.Path.StartsWith("communes[", StringComparison.Ordinal) => CommunesFile,
            _ => null,
        };
        if (file is null || !error.Path.EndsWith(']'))
        {
            return error;
        }

        string id = error.Path[(error.Path.IndexOf('[') + 1)..^1];
        string field = error.Field switch
        {
            "lengthMetres" => "length_m",
            "latitude" => "lat",
            "longitude" => "lon",
            "roadClass" => "road_class",
            "areaKm2" => "area_km2",
            _ when error.Field.StartsWith("travelTimeSeconds.", StringComparison.Ordinal) =>
                TimePrefix + error.Field["travelTimeSeconds.".Length..] + TimeSuffix,
            _ => error.Field,
        };
        string where = lines.TryGetValue((file, id), out var at)
            ? $" ({file} line{(at.Count > 1 ? "s" : "")} {string.Join(", ", at)})"
            : "";
        return new NetworkError(error.Path, field, error.Message + where);
    }

    private static bool IsTimeColumn(string column) =>
        column.Length >= TimePrefix.Length + TimeSuffix.Length &&
        column.StartsWith(TimePrefix, StringComparison.Ordinal) && column.EndsWith(TimeSuffix, StringComparison.Ordinal);

    private static string? NullIfEmpty(string? cell) => string.IsNullOrEmpty(cell) ? null : cell;

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Boolean(bool value) => value ? "true" : "false";

    private static void WriteRecord(TextWriter writer, IReadOnlyList<string> fields)
    {
        for (int i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }

            string field = fields[i];
            if (field.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                writer.Write('"');
                writer.Write(field.Replace("\"", "\"\"", StringComparison.Ordinal));
                writer.Write('"');
            }
            else
            {
                writer.Write(field);
            }
        }

        writer.Write('\n');
    }

    /// <summary>Parses cells, reporting each bad one as <c>file:line</c>, column, and the value found.</summary>
    private sealed class CellParser(List<NetworkError> errors)
    {
        public List<NetworkError> Errors { get; } = errors;

        /// <summary>False (after an error) when the id cell is empty: the row cannot be referred to.</summary>
        public bool Id(CsvRow row, string column)
        {
            if (!string.IsNullOrWhiteSpace(row[column]))
            {
                return true;
            }

            Errors.Add(new NetworkError(row.Place, column, "is empty"));
            return false;
        }

        /// <summary>The number in the cell, or null when it is empty (reported if required) or bad (reported).</summary>
        public double? Double(CsvRow row, string column, bool required, double min, double max)
        {
            string? cell = row[column];
            if (string.IsNullOrEmpty(cell))
            {
                if (required)
                {
                    Errors.Add(new NetworkError(row.Place, column, "is empty; a number is required"));
                }

                return null;
            }

            if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            {
                Errors.Add(new NetworkError(row.Place, column, $"'{cell}' is not a number (use a dot for decimals, no thousands separators)"));
                return null;
            }

            if (!double.IsFinite(value) || value < min || value > max)
            {
                string range = max == double.MaxValue
                    ? string.Create(CultureInfo.InvariantCulture, $"a finite number ≥ {min}")
                    : string.Create(CultureInfo.InvariantCulture, $"within {min}…{max}");
                Errors.Add(new NetworkError(row.Place, column, $"'{cell}' must be {range}"));
                return null;
            }

            return value;
        }

        public int? Int32(CsvRow row, string column, int min)
        {
            string? cell = row[column];
            if (string.IsNullOrEmpty(cell))
            {
                return null;
            }

            if (!int.TryParse(cell, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < min)
            {
                Errors.Add(new NetworkError(row.Place, column, $"'{cell}' must be a whole number ≥ {min}"));
                return null;
            }

            return value;
        }

        /// <summary>The enum value named in the cell; an empty cell gives <paramref name="whenEmpty"/> (an error when that is null).</summary>
        public T? Enum<T>(CsvRow row, string column, WireEnum<T> names, T? whenEmpty = null)
            where T : struct, System.Enum
        {
            string? cell = row[column];
            if (string.IsNullOrEmpty(cell))
            {
                if (whenEmpty is null)
                {
                    Errors.Add(new NetworkError(row.Place, column, $"is empty; expected one of {names.Allowed}"));
                }

                return whenEmpty;
            }

            if (names.TryParseLenient(cell, out T value))
            {
                return value;
            }

            Errors.Add(new NetworkError(row.Place, column, $"'{cell}' is not one of {names.Allowed}"));
            return null;
        }

        /// <summary>true/false/1/0 (any case); an empty cell or a missing column is false.</summary>
        public bool Boolean(CsvRow row, string column)
        {
            string? cell = row[column]?.Trim();
            switch (cell?.ToLowerInvariant())
            {
                case null or "" or "false" or "0":
                    return false;
                case "true" or "1":
                    return true;
                default:
                    Errors.Add(new NetworkError(row.Place, column, $"'{cell}' is not a boolean; use true or false"));
                    return false;
            }
        }
    }
}
