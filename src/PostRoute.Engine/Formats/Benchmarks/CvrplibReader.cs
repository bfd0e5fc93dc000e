using System.Collections.Immutable;

namespace PostRoute.Engine.Formats;

/// <summary>
/// Reads TSPLIB / CVRPLIB <c>.vrp</c> files of TYPE CVRP: header lines <c>KEY : value</c> (NAME, COMMENT, TYPE,
/// DIMENSION, CAPACITY, EDGE_WEIGHT_TYPE, EDGE_WEIGHT_FORMAT, and the HGS-CVRP keys DISTANCE and SERVICE_TIME), then
/// NODE_COORD_SECTION (<c>id x y</c>), EDGE_WEIGHT_SECTION, DEMAND_SECTION (<c>id demand</c>), DEPOT_SECTION (ids
/// ending with −1), optional DISPLAY_DATA_SECTION, optional EOF. EDGE_WEIGHT_TYPE must be EUC_2D or EXPLICIT; explicit
/// formats FULL_MATRIX, UPPER_ROW, LOWER_ROW, UPPER_DIAG_ROW, LOWER_DIAG_ROW and their _COL twins are expanded to a
/// full matrix (weights may wrap across lines). Tabs, extra spaces and CRLF are accepted.
/// Default rounding when the caller gives none: see <see cref="DefaultRounding"/>. Stateless and thread-safe.
/// </summary>
public static class CvrplibReader
{
    private static readonly string[] Sections =
        ["NODE_COORD_SECTION", "DEMAND_SECTION", "DEPOT_SECTION", "EDGE_WEIGHT_SECTION", "DISPLAY_DATA_SECTION"];

    /// <summary>The EDGE_WEIGHT_FORMAT values understood for EXPLICIT instances.</summary>
    public static IReadOnlyList<string> ExplicitFormats { get; } =
    [
        "FULL_MATRIX", "UPPER_ROW", "LOWER_ROW", "UPPER_DIAG_ROW", "LOWER_DIAG_ROW",
        "UPPER_COL", "LOWER_COL", "UPPER_DIAG_COL", "LOWER_DIAG_COL",
    ];

    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    /// <param name="path">The <c>.vrp</c> file.</param>
    /// <param name="rounding">Distance rounding to use; null picks the set's convention (<see cref="DefaultRounding"/>).</param>
    /// <exception cref="InstanceFormatException">The file is malformed; the message names the path and line.</exception>
    public static CvrpInstance Read(string path, DistanceRounding? rounding = null)
    {
        using var reader = new StreamReader(path);
        return Read(reader, path, rounding);
    }

    /// <summary>Reads an instance from <paramref name="reader"/>; <paramref name="fileName"/> is used in error messages.</summary>
    /// <exception cref="InstanceFormatException">The text is malformed; the message names <paramref name="fileName"/> and the line.</exception>
    public static CvrpInstance Read(TextReader reader, string fileName, DistanceRounding? rounding = null) =>
        new Parser(new InstanceText(reader, fileName)).Parse(rounding);

    /// <summary>Parses instance <paramref name="text"/>; <paramref name="fileName"/> is used in error messages.</summary>
    /// <exception cref="InstanceFormatException">The text is malformed.</exception>
    public static CvrpInstance Parse(string text, string fileName = "<text>", DistanceRounding? rounding = null) =>
        Read(new StringReader(text), fileName, rounding);

    /// <summary>
    /// The convention of the set a file comes from, judged from the file itself: EXPLICIT → <see cref="DistanceRounding.None"/>;
    /// EUC_2D written the HGS-CVRP way (a coordinate with a decimal point or exponent, or a DISTANCE or SERVICE_TIME
    /// key: CMT, Golden) → <see cref="DistanceRounding.None"/>, as HGS-CVRP's <c>-round 0</c> for those sets;
    /// other EUC_2D (A, B, P, X) → <see cref="DistanceRounding.NearestInteger"/>.
    /// </summary>
    /// <param name="edgeWeightType">EDGE_WEIGHT_TYPE.</param>
    /// <param name="hasDecimalCoordinates">Whether any coordinate is written with a decimal point or exponent.</param>
    /// <param name="hasDurationKeys">Whether DISTANCE or SERVICE_TIME is present.</param>
    public static DistanceRounding DefaultRounding(string edgeWeightType, bool hasDecimalCoordinates, bool hasDurationKeys) =>
        edgeWeightType == "EUC_2D" && !hasDecimalCoordinates && !hasDurationKeys
            ? DistanceRounding.NearestInteger
            : DistanceRounding.None;

    private sealed class Parser(InstanceText text)
    {
        private readonly Dictionary<string, (string Value, int Line)> _header = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _sectionLine = new(StringComparer.Ordinal);
        private int _dimension = -1;
        private PlanarPoint?[]? _coordinates;
        private PlanarPoint?[]? _display;
        private int?[]? _demands;
        private readonly List<int> _depots = [];
        private bool _depotsEnded;
        private double[]? _weights;
        private int _weightCount;
        private string? _weightFormat;
        private bool _decimalCoordinates;

        public CvrpInstance Parse(DistanceRounding? rounding)
        {
            string? section = null;
            for (int line = 0; line < text.Count; line++)
            {
                string trimmed = text[line].Trim();
                if (trimmed.Length == 0)
                {
                    continue;
                }

                string[] tokens = InstanceText.Tokens(trimmed);
                string first = tokens[0].TrimEnd(':').ToUpperInvariant();
                if (first == "EOF")
                {
                    section = EndSection(section, line);
                    break;
                }

                if (Sections.Contains(first))
                {
                    EndSection(section, line);
                    if (_sectionLine.ContainsKey(first))
                    {
                        throw text.Error(line, $"expected each section once, but {first} appears again (first at line {_sectionLine[first] + 1})");
                    }

                    section = first;
                    _sectionLine[first] = line;
                    StartSection(section, line);
                    continue;
                }

                if (section is not null && InstanceText.IsNumber(tokens[0]))
                {
                    DataLine(section, tokens, line);
                    continue;
                }

                int colon = trimmed.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    section = EndSection(section, line);
                    HeaderLine(trimmed, colon, line);
                    continue;
                }

                throw text.Error(line,
                    section is null
                        ? $"expected a 'KEY : value' line, a section name ({string.Join(", ", Sections)}) or EOF but found '{trimmed}'"
                        : $"expected a data line of {section}, a section name, a 'KEY : value' line or EOF but found '{trimmed}'");
            }

            EndSection(section, text.Count);
            return Build(rounding);
        }

        private void HeaderLine(string trimmed, int colon, int line)
        {
            string key = trimmed[..colon].Trim().ToUpperInvariant();
            string value = trimmed[(colon + 1)..].Trim();
            if (_header.TryGetValue(key, out var previous))
            {
                throw text.Error(line, $"expected each header key once, but {key} appears again (first at line {previous.Line + 1})");
            }

            _header[key] = (value, line);
            switch (key)
            {
                case "DIMENSION":
                    _dimension = text.Integer(value, line, "DIMENSION");
                    if (_dimension < 2)
                    {
                        throw text.Error(line, $"expected DIMENSION of at least 2 (a depot and a customer) but found {_dimension}");
                    }

                    break;
                case "TYPE" when !value.Equals("CVRP", StringComparison.OrdinalIgnoreCase):
                    throw text.Error(line, $"expected TYPE : CVRP but found '{value}'");
                case "EDGE_WEIGHT_TYPE" when value is not ("EUC_2D" or "EXPLICIT"):
                    throw text.Error(line, $"expected EDGE_WEIGHT_TYPE EUC_2D or EXPLICIT but found '{value}'");
                case "EDGE_WEIGHT_FORMAT" when !ExplicitFormats.Contains(value):
                    throw text.Error(line, $"expected EDGE_WEIGHT_FORMAT one of {string.Join(", ", ExplicitFormats)} but found '{value}'");
            }
        }

        private void StartSection(string section, int line)
        {
            if (_dimension < 0)
            {
                throw text.Error(line, $"expected DIMENSION in the header before {section}");
            }

            switch (section)
            {
                case "NODE_COORD_SECTION":
                    _coordinates = new PlanarPoint?[_dimension];
                    break;
                case "DISPLAY_DATA_SECTION":
                    _display = new PlanarPoint?[_dimension];
                    break;
                case "DEMAND_SECTION":
                    _demands = new int?[_dimension];
                    break;
                case "EDGE_WEIGHT_SECTION":
                    if (!_header.TryGetValue("EDGE_WEIGHT_FORMAT", out var format))
                    {
                        throw text.Error(line, "expected EDGE_WEIGHT_FORMAT in the header before EDGE_WEIGHT_SECTION");
                    }

                    _weightFormat = format.Value;
                    _weights = new double[_dimension * _dimension];
                    break;
            }
        }

        private void DataLine(string section, string[] tokens, int line)
        {
            switch (section)
            {
                case "NODE_COORD_SECTION":
                case "DISPLAY_DATA_SECTION":
                {
                    string[] row = text.Row(line, 3, "id, x, y");
                    int index = NodeIndex(row[0], line, section);
                    var points = section == "NODE_COORD_SECTION" ? _coordinates! : _display!;
                    if (points[index] is not null)
                    {
                        throw text.Error(line, $"expected each node once in {section}, but node {index + 1} appears again");
                    }

                    points[index] = new PlanarPoint(text.Number(row[1], line, "x"), text.Number(row[2], line, "y"));
                    if (section == "NODE_COORD_SECTION" && (HasFraction(row[1]) || HasFraction(row[2])))
                    {
                        _decimalCoordinates = true;
                    }

                    break;
                }

                case "DEMAND_SECTION":
                {
                    string[] row = text.Row(line, 2, "id, demand");
                    int index = NodeIndex(row[0], line, section);
                    if (_demands![index] is not null)
                    {
                        throw text.Error(line, $"expected each node once in DEMAND_SECTION, but node {index + 1} appears again");
                    }

                    int demand = text.Integer(row[1], line, "the demand");
                    if (demand < 0)
                    {
                        throw text.Error(line, $"expected a non-negative demand but found {demand}");
                    }

                    _demands[index] = demand;
                    break;
                }

                case "DEPOT_SECTION":
                    foreach (string token in tokens)
                    {
                        if (_depotsEnded)
                        {
                            throw text.Error(line, $"expected nothing after the -1 that ends DEPOT_SECTION but found '{token}'");
                        }

                        if (token == "-1")
                        {
                            _depotsEnded = true;
                            continue;
                        }

                        int index = NodeIndex(token, line, section);
                        if (_depots.Contains(index))
                        {
                            throw text.Error(line, $"expected each depot once, but node {index + 1} appears again");
                        }

                        _depots.Add(index);
                    }

                    break;

                case "EDGE_WEIGHT_SECTION":
                    foreach (string token in tokens)
                    {
                        int expected = ExpectedWeightCount(_weightFormat!, _dimension);
                        if (_weightCount == expected)
                        {
                            throw text.Error(line, $"expected {expected} weights for {_weightFormat} with DIMENSION {_dimension}, but found more ('{token}')");
                        }

                        StoreWeight(_weightCount++, text.Number(token, line, "an edge weight"));
                    }

                    break;
            }
        }

        private string? EndSection(string? section, int line)
        {
            switch (section)
            {
                case "NODE_COORD_SECTION":
                    RequireAll(_coordinates!, section, line);
                    break;
                case "DISPLAY_DATA_SECTION":
                    RequireAll(_display!, section, line);
                    break;
                case "DEMAND_SECTION":
                    RequireAll(_demands!, section, line);
                    break;
                case "DEPOT_SECTION" when !_depotsEnded:
                    throw text.Error(line, "expected DEPOT_SECTION to end with -1");
                case "DEPOT_SECTION" when _depots.Count == 0:
                    throw text.Error(line, "expected at least one depot id in DEPOT_SECTION");
                case "EDGE_WEIGHT_SECTION":
                    int expected = ExpectedWeightCount(_weightFormat!, _dimension);
                    if (_weightCount < expected)
                    {
                        throw text.Error(line, $"expected {expected} weights in EDGE_WEIGHT_SECTION ({_weightFormat}, DIMENSION {_dimension}) but found only {_weightCount}");
                    }

                    break;
            }

            return null;
        }

        private void RequireAll<T>(T?[] values, string section, int line)
            where T : struct
        {
            var missing = Enumerable.Range(0, values.Length).Where(i => values[i] is null).Select(i => i + 1).ToList();
            if (missing.Count > 0)
            {
                throw text.Error(line,
                    $"expected {section} (from line {_sectionLine[section] + 1}) to list all {values.Length} nodes, but it misses " +
                    $"{missing.Count}: node {string.Join(", ", missing.Take(10))}{(missing.Count > 10 ? ", …" : "")}");
            }
        }

        private int NodeIndex(string token, int line, string section)
        {
            int id = text.Integer(token, line, $"a node id in {section}");
            if (id < 1 || id > _dimension)
            {
                throw text.Error(line, $"expected a node id 1 … {_dimension} (DIMENSION) in {section} but found {id}");
            }

            return id - 1;
        }

        private static bool HasFraction(string token) => token.IndexOfAny(['.', 'e', 'E']) >= 0;

        private static int ExpectedWeightCount(string format, int n) => format switch
        {
            "FULL_MATRIX" => n * n,
            "UPPER_ROW" or "LOWER_ROW" or "UPPER_COL" or "LOWER_COL" => n * (n - 1) / 2,
            _ => n * (n + 1) / 2,
        };

        /// <summary>Places the k-th weight of the section into the full matrix (both halves for triangular formats).</summary>
        private void StoreWeight(int k, double weight)
        {
            int n = _dimension;
            if (_weightFormat == "FULL_MATRIX")
            {
                _weights![k] = weight;
                return;
            }

            // A column-wise upper triangle lists entries in the same order as the row-wise lower one, and so on:
            // the matrix is symmetric, so only the reading order matters.
            string order = _weightFormat switch
            {
                "UPPER_COL" => "LOWER_ROW",
                "LOWER_COL" => "UPPER_ROW",
                "UPPER_DIAG_COL" => "LOWER_DIAG_ROW",
                "LOWER_DIAG_COL" => "UPPER_DIAG_ROW",
                _ => _weightFormat!,
            };
            (int i, int j) = order switch
            {
                "UPPER_ROW" => Upper(k, n, diagonal: false),
                "UPPER_DIAG_ROW" => Upper(k, n, diagonal: true),
                "LOWER_ROW" => Lower(k, diagonal: false),
                _ => Lower(k, diagonal: true),
            };
            _weights![i * n + j] = weight;
            _weights[j * n + i] = weight;
        }

        private static (int Row, int Column) Lower(int k, bool diagonal)
        {
            // Row i holds i entries (i + 1 with the diagonal); find the row by walking, which is cheap enough for CVRP sizes.
            int row = diagonal ? 0 : 1;
            int start = 0;
            while (true)
            {
                int length = diagonal ? row + 1 : row;
                if (k < start + length)
                {
                    return (row, k - start);
                }

                start += length;
                row++;
            }
        }

        private static (int Row, int Column) Upper(int k, int n, bool diagonal)
        {
            int row = 0;
            int start = 0;
            while (true)
            {
                int length = diagonal ? n - row : n - row - 1;
                if (k < start + length)
                {
                    return (row, (diagonal ? row : row + 1) + k - start);
                }

                start += length;
                row++;
            }
        }

        private CvrpInstance Build(DistanceRounding? rounding)
        {
            string Require(string key)
            {
                if (!_header.TryGetValue(key, out var entry))
                {
                    throw text.EndOfFile($"a {key} line in the header");
                }

                return entry.Value;
            }

            double? Optional(string key, string what)
            {
                if (!_header.TryGetValue(key, out var entry))
                {
                    return null;
                }

                double value = text.Number(entry.Value, entry.Line, what);
                if (value < 0)
                {
                    throw text.Error(entry.Line, $"expected a non-negative {what} but found {value}");
                }

                return value;
            }

            Require("DIMENSION");
            string weightType = Require("EDGE_WEIGHT_TYPE");
            var capacityEntry = _header.TryGetValue("CAPACITY", out var c) ? c : throw text.EndOfFile("a CAPACITY line in the header");
            int capacity = text.Integer(capacityEntry.Value, capacityEntry.Line, "CAPACITY");
            if (capacity <= 0)
            {
                throw text.Error(capacityEntry.Line, $"expected a positive CAPACITY but found {capacity}");
            }

            if (weightType == "EUC_2D" && _coordinates is null)
            {
                throw text.EndOfFile("NODE_COORD_SECTION (EDGE_WEIGHT_TYPE is EUC_2D)");
            }

            if (weightType == "EXPLICIT" && _weights is null)
            {
                throw text.EndOfFile("EDGE_WEIGHT_SECTION (EDGE_WEIGHT_TYPE is EXPLICIT)");
            }

            if (_demands is null)
            {
                throw text.EndOfFile("DEMAND_SECTION");
            }

            int? vehicles = _header.TryGetValue("VEHICLES", out var v) ? text.Integer(v.Value, v.Line, "VEHICLES") : null;
            double? maxDuration = Optional("DISTANCE", "DISTANCE (maximum route duration)");
            double? serviceTime = Optional("SERVICE_TIME", "SERVICE_TIME");
            var points = _coordinates ?? _display;
            return new CvrpInstance
            {
                Name = _header.TryGetValue("NAME", out var name) ? name.Value : Path.GetFileNameWithoutExtension(text.FileName),
                Comment = _header.TryGetValue("COMMENT", out var comment) ? comment.Value : "",
                Rounding = rounding ?? DefaultRounding(weightType, _decimalCoordinates, maxDuration is not null || serviceTime is not null),
                Dimension = _dimension,
                Capacity = capacity,
                EdgeWeightType = weightType,
                EdgeWeightFormat = _weightFormat,
                Coordinates = points is null ? [] : [.. points.Select(p => p!.Value)],
                EdgeWeights = _weights is null ? [] : [.. _weights],
                Demands = [.. _demands.Select(d => d!.Value)],
                DepotIndices = _depots.Count == 0 ? [0] : [.. _depots],
                MaxRouteDuration = maxDuration,
                ServiceTime = serviceTime,
                Vehicles = vehicles,
                Header = _header.ToImmutableDictionary(e => e.Key, e => e.Value.Value, StringComparer.Ordinal),
            };
        }
    }
}
