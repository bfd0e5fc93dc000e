using System.Globalization;

namespace PostRoute.Engine.Network;

/// <summary>A district row of the embedded <c>districts.csv</c>.</summary>
internal sealed record PhuYenDistrictRow(string Code, string Name, string Type, GeoPoint Centroid, string? PostalCode)
{
    /// <summary>True for a rural district (huyện), whose seat is its single thị trấn.</summary>
    public bool IsRural => Type == "huyện";
}

/// <summary>Reads the Phú Yên CSV files embedded in the Engine assembly (see Data/PhuYen/SOURCES.md).</summary>
internal static class PhuYenData
{
    private const string ResourcePrefix = "PostRoute.Engine.Data.PhuYen";

    public static List<PhuYenDistrictRow> ReadDistricts(IReadOnlyDictionary<string, string> postcodes)
    {
        const string file = "districts.csv";
        var rows = new List<PhuYenDistrictRow>();
        var errors = new List<NetworkError>();
        foreach (var (line, row) in ReadCsv(file, ["code", "name", "type", "lat", "lon"], errors))
        {
            var centroid = ReadPoint(file, line, row, errors);
            if (centroid is null)
            {
                errors.Add(new($"{file}:{line}", "lat", "a district needs a centroid"));
                continue;
            }

            rows.Add(new(row["code"], row["name"], row["type"], centroid.Value, postcodes.GetValueOrDefault(row["code"])));
        }

        ThrowIfAny(errors);
        return rows;
    }

    public static List<Commune> ReadCommunes(IReadOnlyDictionary<string, string> postcodes, IReadOnlyCollection<string> districtCodes)
    {
        const string file = "communes.csv";
        var communes = new List<Commune>();
        var errors = new List<NetworkError>();
        foreach (var (line, row) in ReadCsv(file, ["code", "name", "type", "district_code", "district_name", "lat", "lon"], errors))
        {
            CommuneType? type = row["type"] switch
            {
                "xã" => CommuneType.Xa,
                "phường" => CommuneType.Phuong,
                "thị trấn" => CommuneType.ThiTran,
                _ => null,
            };
            if (type is null)
            {
                errors.Add(new($"{file}:{line}", "type", $"unknown commune type '{row["type"]}'"));
            }

            if (!districtCodes.Contains(row["district_code"]))
            {
                errors.Add(new($"{file}:{line}", "district_code", $"unknown district '{row["district_code"]}'"));
            }

            var location = ReadPoint(file, line, row, errors);
            if (type is not null)
            {
                communes.Add(new(row["code"], row["name"], type.Value, row["district_code"], row["district_name"],
                    location, PostalCode: postcodes.GetValueOrDefault(row["code"])));
            }
        }

        ThrowIfAny(errors);
        return communes;
    }

    /// <summary>Postal codes by GSO code, for the province, its districts and its communes.</summary>
    public static Dictionary<string, string> ReadPostcodes()
    {
        const string file = "postcodes.csv";
        var errors = new List<NetworkError>();
        var postcodes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (line, row) in ReadCsv(file, ["level", "gso_code", "postcode"], errors))
        {
            if (!postcodes.TryAdd(row["gso_code"], row["postcode"]))
            {
                errors.Add(new($"{file}:{line}", "gso_code", $"duplicate code '{row["gso_code"]}'"));
            }
        }

        ThrowIfAny(errors);
        return postcodes;
    }

    private static GeoPoint? ReadPoint(string file, int line, Dictionary<string, string> row, List<NetworkError> errors)
    {
        string lat = row["lat"], lon = row["lon"];
        if (lat.Length == 0 && lon.Length == 0)
        {
            return null;
        }

        if (!double.TryParse(lat, NumberStyles.Float, CultureInfo.InvariantCulture, out double la))
        {
            errors.Add(new($"{file}:{line}", "lat", $"not a number: '{lat}'"));
            return null;
        }

        if (!double.TryParse(lon, NumberStyles.Float, CultureInfo.InvariantCulture, out double lo))
        {
            errors.Add(new($"{file}:{line}", "lon", $"not a number: '{lon}'"));
            return null;
        }

        return new GeoPoint(la, lo);
    }

    /// <summary>
    /// Rows of a plain comma-separated file (the embedded files have no quoted fields) as column → value, with
    /// 1-based line numbers counting the header as line 1.
    /// </summary>
    private static List<(int Line, Dictionary<string, string> Row)> ReadCsv(string file, string[] required, List<NetworkError> errors)
    {
        using var reader = new StreamReader(OpenResource(file));
        var rows = new List<(int, Dictionary<string, string>)>();
        string[] header = (reader.ReadLine() ?? "").Split(',');
        foreach (var column in required.Where(c => !header.Contains(c)))
        {
            errors.Add(new($"{file}:1", column, "missing column"));
        }

        int line = 1;
        for (string? text = reader.ReadLine(); text is not null; text = reader.ReadLine())
        {
            line++;
            if (text.Length == 0)
            {
                continue;
            }

            string[] fields = text.Split(',');
            if (fields.Length != header.Length)
            {
                errors.Add(new($"{file}:{line}", "", $"expected {header.Length} fields, got {fields.Length}"));
                continue;
            }

            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int i = 0; i < header.Length; i++)
            {
                row[header[i]] = fields[i].Trim();
            }

            rows.Add((line, row));
        }

        ThrowIfAny(errors);
        return rows;
    }

    private static Stream OpenResource(string file)
    {
        var assembly = typeof(PhuYenData).Assembly;
        // The logical name contains MSBuild's RecursiveDir, whose separator depends on the build OS.
        string? name = assembly.GetManifestResourceNames().FirstOrDefault(n =>
            n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.Length == ResourcePrefix.Length + 1 + file.Length &&
            n.EndsWith(file, StringComparison.Ordinal));
        return name is not null && assembly.GetManifestResourceStream(name) is { } stream
            ? stream
            : throw new InvalidOperationException($"Embedded resource {ResourcePrefix}/{file} is missing from {assembly.GetName().Name}.");
    }

    private static void ThrowIfAny(List<NetworkError> errors)
    {
        if (errors.Count > 0)
        {
            throw new NetworkValidationException(errors);
        }
    }
}
