using System.Collections.ObjectModel;
using System.Text.Json;
using PostRoute.Engine.Network;

namespace PostRoute.Engine.Formats;

/// <summary>
/// One-shot reader behind <see cref="NetworkJson.Read(string)"/>: walks the tokens of a whole UTF-8 document,
/// collecting every structural problem with its JSON path and line, then hands the items to
/// <see cref="NetworkBuilder"/> for the semantic checks. Not thread-safe; use one instance per document.
/// </summary>
internal sealed class JsonNetworkReader
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    private readonly ReadOnlyMemory<byte> _utf8;
    private readonly List<NetworkError> _errors = [];
    private int[]? _lineStarts;

    // Path of the value being read, so that a syntax error can say where it happened.
    private string _path = "$";

    private string _name = "network";
    private long _version = 1;
    private readonly List<string> _profiles = [];
    private readonly List<Node> _nodes = [];
    private readonly List<Link> _links = [];
    private readonly List<Commune> _communes = [];
    private readonly List<(Slot Slot, string Profile, long Offset)> _profileUses = [];

    public JsonNetworkReader(ReadOnlyMemory<byte> utf8)
    {
        _utf8 = utf8.Span.StartsWith(Utf8Bom) ? utf8[Utf8Bom.Length..] : utf8;
    }

    /// <summary>A value's place: <see cref="Parent"/> is the enclosing JSON path, <see cref="Field"/> the property (empty for array elements).</summary>
    private readonly record struct Slot(string Parent, string Field)
    {
        public string Path => Field.Length == 0 ? Parent : $"{Parent}.{Field}";

        public Slot Element(int index) => new($"{Path}[{index}]", "");

        public Slot Property(string name) => new(Path, name);
    }

    public PostalNetwork Read()
    {
        var reader = new Utf8JsonReader(_utf8.Span, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            reader.Read();
            ReadRoot(ref reader);
            // Anything but whitespace after the root value is a syntax error, thrown by Read.
            reader.Read();
        }
        catch (JsonException ex)
        {
            string message = ex.Message;
            int cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut >= 0)
            {
                message = message[..cut];
            }

            string where = ex.LineNumber is { } line ? $" (line {line + 1}, byte {ex.BytePositionInLine + 1})" : "";
            _errors.Add(new NetworkError(_path, "", $"invalid JSON: {message}{where}"));
        }

        if (_errors.Count == 0)
        {
            var declared = _profiles.ToHashSet(StringComparer.Ordinal);
            foreach (var (slot, profile, offset) in _profileUses)
            {
                if (!declared.Contains(profile))
                {
                    Error(slot, $"profile '{profile}' is not listed in $.profiles", offset);
                }
            }
        }

        // Structural errors leave items half-read: builder checks on them would only add noise.
        if (_errors.Count > 0)
        {
            throw new NetworkValidationException(_errors);
        }

        var builder = new NetworkBuilder(_name);
        _profiles.ForEach(p => builder.AddProfile(p));
        _nodes.ForEach(n => builder.AddNode(n));
        _links.ForEach(l => builder.AddLink(l));
        _communes.ForEach(c => builder.AddCommune(c));
        return builder.Build(_version);
    }

    private void ReadRoot(ref Utf8JsonReader r)
    {
        var root = new Slot("$", "");
        if (!BeginObject(ref r, root, nullable: false))
        {
            return;
        }

        long start = r.TokenStartIndex;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (NextProperty(ref r, root, seen, out string name))
        {
            var slot = root.Property(name);
            switch (name)
            {
                case "formatVersion":
                    if (ReadInt64(ref r, slot) is { } format && format != NetworkJson.FormatVersion)
                    {
                        Error(slot, $"unsupported format version {format}; this reader understands {NetworkJson.FormatVersion}", r.TokenStartIndex);
                    }

                    break;
                case "name":
                    _name = ReadString(ref r, slot, nullable: false) ?? _name;
                    break;
                case "version":
                    if (ReadInt64(ref r, slot) is { } version)
                    {
                        if (version < 1)
                        {
                            Error(slot, $"must be ≥ 1, got {version}", r.TokenStartIndex);
                        }
                        else
                        {
                            _version = version;
                        }
                    }

                    break;
                case "profiles":
                    ReadArray(ref r, slot, (ref Utf8JsonReader er, Slot element) =>
                    {
                        long offset = er.TokenStartIndex;
                        if (ReadString(ref er, element, nullable: false) is not { } profile)
                        {
                            return;
                        }

                        if (string.IsNullOrWhiteSpace(profile))
                        {
                            Error(element, "profile name is empty", offset);
                        }
                        else if (_profiles.Contains(profile, StringComparer.Ordinal))
                        {
                            Error(element, $"profile '{profile}' is listed twice", offset);
                        }
                        else
                        {
                            _profiles.Add(profile);
                        }
                    });
                    break;
                case "nodes":
                    ReadItems(ref r, slot, ReadNode, _nodes);
                    break;
                case "links":
                    ReadItems(ref r, slot, ReadLink, _links);
                    break;
                case "communes":
                    ReadItems(ref r, slot, ReadCommune, _communes);
                    break;
                default:
                    UnknownProperty(ref r, slot);
                    break;
            }
        }

        Require(root, seen, start, "profiles", "nodes", "links");
    }

    private Node? ReadNode(ref Utf8JsonReader r, Slot slot)
    {
        if (!BeginObject(ref r, slot, nullable: false))
        {
            return null;
        }

        long start = r.TokenStartIndex;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? id = null, name = "", communeCode = null, districtCode = null;
        NodeKind? kind = null;
        GeoPoint? location = null;
        while (NextProperty(ref r, slot, seen, out string property))
        {
            var field = slot.Property(property);
            switch (property)
            {
                case "id": id = ReadString(ref r, field, nullable: false); break;
                case "kind": kind = ReadEnum(ref r, field, WireNames.NodeKind); break;
                case "name": name = ReadString(ref r, field, nullable: false); break;
                case "location": location = ReadLocation(ref r, field, nullable: false); break;
                case "communeCode": communeCode = ReadString(ref r, field, nullable: true); break;
                case "districtCode": districtCode = ReadString(ref r, field, nullable: true); break;
                default: UnknownProperty(ref r, field); break;
            }
        }

        bool complete = Require(slot, seen, start, "id", "kind", "location");
        return complete && id is not null && kind is { } k && name is not null && location is { } at
            ? new Node(id, k, name, at, communeCode, districtCode)
            : null;
    }

    private Link? ReadLink(ref Utf8JsonReader r, Slot slot)
    {
        if (!BeginObject(ref r, slot, nullable: false))
        {
            return null;
        }

        long start = r.TokenStartIndex;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? id = null, from = null, to = null;
        double? length = null;
        Dictionary<string, double>? times = null;
        RoadClass? roadClass = RoadClass.Local;
        bool? oneWay = false, closed = false;
        while (NextProperty(ref r, slot, seen, out string property))
        {
            var field = slot.Property(property);
            switch (property)
            {
                case "id": id = ReadString(ref r, field, nullable: false); break;
                case "from": from = ReadString(ref r, field, nullable: false); break;
                case "to": to = ReadString(ref r, field, nullable: false); break;
                case "lengthMetres": length = ReadDouble(ref r, field); break;
                case "travelTimeSeconds": times = ReadTimes(ref r, field); break;
                case "roadClass": roadClass = ReadEnum(ref r, field, WireNames.RoadClass); break;
                case "oneWay": oneWay = ReadBoolean(ref r, field); break;
                case "closed": closed = ReadBoolean(ref r, field); break;
                default: UnknownProperty(ref r, field); break;
            }
        }

        bool complete = Require(slot, seen, start, "id", "from", "to", "lengthMetres", "travelTimeSeconds");
        return complete && id is not null && from is not null && to is not null && length is { } metres &&
               times is not null && roadClass is { } road && oneWay is { } isOneWay && closed is { } isClosed
            ? new Link(id, from, to, metres, new ReadOnlyDictionary<string, double>(times), road, isOneWay, isClosed)
            : null;
    }

    private Dictionary<string, double>? ReadTimes(ref Utf8JsonReader r, Slot slot)
    {
        if (!BeginObject(ref r, slot, nullable: false))
        {
            return null;
        }

        var times = new Dictionary<string, double>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        bool ok = true;
        while (NextProperty(ref r, slot, seen, out string profile))
        {
            var field = slot.Property(profile);
            _profileUses.Add((field, profile, r.TokenStartIndex));
            if (r.TokenType == JsonTokenType.Null)
            {
                continue; // null, like an absent profile, means barred
            }

            if (ReadDouble(ref r, field) is { } seconds)
            {
                times[profile] = seconds;
            }
            else
            {
                ok = false;
            }
        }

        return ok ? times : null;
    }

    private Commune? ReadCommune(ref Utf8JsonReader r, Slot slot)
    {
        if (!BeginObject(ref r, slot, nullable: false))
        {
            return null;
        }

        long start = r.TokenStartIndex;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? code = null, name = null, districtCode = null, districtName = null, postalCode = null;
        CommuneType? type = null;
        GeoPoint? location = null;
        int? population = null;
        double? area = null;
        bool ok = true;
        while (NextProperty(ref r, slot, seen, out string property))
        {
            var field = slot.Property(property);
            int errorsBefore = _errors.Count;
            switch (property)
            {
                case "code": code = ReadString(ref r, field, nullable: false); break;
                case "name": name = ReadString(ref r, field, nullable: false); break;
                case "type": type = ReadEnum(ref r, field, WireNames.CommuneType); break;
                case "districtCode": districtCode = ReadString(ref r, field, nullable: false); break;
                case "districtName": districtName = ReadString(ref r, field, nullable: false); break;
                case "location": location = ReadLocation(ref r, field, nullable: true); break;
                case "population": population = ReadInt32(ref r, field, nullable: true); break;
                case "areaKm2": area = ReadDouble(ref r, field, nullable: true); break;
                case "postalCode": postalCode = ReadString(ref r, field, nullable: true); break;
                default: UnknownProperty(ref r, field); break;
            }

            ok &= _errors.Count == errorsBefore;
        }

        bool complete = Require(slot, seen, start, "code", "name", "type", "districtCode", "districtName");
        return ok && complete && code is not null && name is not null && type is { } t && districtCode is not null &&
               districtName is not null
            ? new Commune(code, name, t, districtCode, districtName, location, population, area, postalCode)
            : null;
    }

    private GeoPoint? ReadLocation(ref Utf8JsonReader r, Slot slot, bool nullable)
    {
        if (!BeginObject(ref r, slot, nullable))
        {
            return null;
        }

        long start = r.TokenStartIndex;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        double? latitude = null, longitude = null;
        while (NextProperty(ref r, slot, seen, out string property))
        {
            var field = slot.Property(property);
            switch (property)
            {
                case "latitude": latitude = ReadDouble(ref r, field); break;
                case "longitude": longitude = ReadDouble(ref r, field); break;
                default: UnknownProperty(ref r, field); break;
            }
        }

        bool complete = Require(slot, seen, start, "latitude", "longitude");
        return complete && latitude is { } lat && longitude is { } lon ? new GeoPoint(lat, lon) : null;
    }

    // ----- token helpers: each reads the value the reader is on, records an error and returns null when it has the wrong type.

    private delegate void ElementReader(ref Utf8JsonReader reader, Slot element);

    /// <summary>True when the reader is on <c>{</c>; false (after an error unless null is allowed) otherwise.</summary>
    private bool BeginObject(ref Utf8JsonReader r, Slot slot, bool nullable)
    {
        _path = slot.Path;
        if (r.TokenType == JsonTokenType.StartObject)
        {
            return true;
        }

        if (!(nullable && r.TokenType == JsonTokenType.Null))
        {
            Mismatch(ref r, slot, nullable ? "an object or null" : "an object");
        }

        return false;
    }

    /// <summary>Moves to the next property of the current object and onto its value; false at the end of the object.</summary>
    private bool NextProperty(ref Utf8JsonReader r, Slot obj, HashSet<string> seen, out string name)
    {
        r.Read();
        if (r.TokenType == JsonTokenType.EndObject)
        {
            _path = obj.Path;
            name = "";
            return false;
        }

        name = r.GetString()!;
        if (!seen.Add(name))
        {
            Error(obj.Property(name), "appears more than once", r.TokenStartIndex);
        }

        _path = obj.Property(name).Path;
        r.Read();
        return true;
    }

    private delegate T? ItemReader<T>(ref Utf8JsonReader reader, Slot element)
        where T : class;

    /// <summary>Reads an array of objects, keeping those read without error.</summary>
    private void ReadItems<T>(ref Utf8JsonReader r, Slot slot, ItemReader<T> readItem, List<T> items)
        where T : class =>
        ReadArray(ref r, slot, (ref Utf8JsonReader er, Slot element) =>
        {
            if (readItem(ref er, element) is { } item)
            {
                items.Add(item);
            }
        });

    private void ReadArray(ref Utf8JsonReader r, Slot slot, ElementReader readElement)
    {
        _path = slot.Path;
        if (r.TokenType != JsonTokenType.StartArray)
        {
            Mismatch(ref r, slot, "an array");
            return;
        }

        for (int i = 0; ; i++)
        {
            r.Read();
            if (r.TokenType == JsonTokenType.EndArray)
            {
                break;
            }

            var element = slot.Element(i);
            _path = element.Path;
            readElement(ref r, element);
        }

        _path = slot.Path;
    }

    /// <summary>Checks that the object just read had every required property; reports the missing ones.</summary>
    private bool Require(Slot obj, HashSet<string> seen, long objectStart, params string[] required)
    {
        bool all = true;
        foreach (string name in required)
        {
            if (!seen.Contains(name))
            {
                _errors.Add(new NetworkError(obj.Path, name, $"is required but missing (object starts on line {LineAt(objectStart)})"));
                all = false;
            }
        }

        return all;
    }

    private void UnknownProperty(ref Utf8JsonReader r, Slot slot)
    {
        Error(slot, "unknown property", r.TokenStartIndex);
        r.Skip();
    }

    private string? ReadString(ref Utf8JsonReader r, Slot slot, bool nullable)
    {
        if (r.TokenType == JsonTokenType.String)
        {
            return r.GetString();
        }

        if (!(nullable && r.TokenType == JsonTokenType.Null))
        {
            Mismatch(ref r, slot, nullable ? "a string or null" : "a string");
        }

        return null;
    }

    private double? ReadDouble(ref Utf8JsonReader r, Slot slot, bool nullable = false)
    {
        if (r.TokenType == JsonTokenType.Number)
        {
            // Overflow parses to infinity: refuse it here, where the line is known.
            if (r.TryGetDouble(out double value) && double.IsFinite(value))
            {
                return value;
            }

            Error(slot, $"number {Raw(ref r)} is out of the range of a double", r.TokenStartIndex);
            return null;
        }

        if (!(nullable && r.TokenType == JsonTokenType.Null))
        {
            Mismatch(ref r, slot, nullable ? "a number or null" : "a number");
        }

        return null;
    }

    private int? ReadInt32(ref Utf8JsonReader r, Slot slot, bool nullable)
    {
        if (r.TokenType == JsonTokenType.Number)
        {
            if (r.TryGetInt32(out int value))
            {
                return value;
            }

            Error(slot, $"expected a 32-bit integer, found {Raw(ref r)}", r.TokenStartIndex);
            return null;
        }

        if (!(nullable && r.TokenType == JsonTokenType.Null))
        {
            Mismatch(ref r, slot, nullable ? "an integer or null" : "an integer");
        }

        return null;
    }

    private long? ReadInt64(ref Utf8JsonReader r, Slot slot)
    {
        if (r.TokenType == JsonTokenType.Number)
        {
            if (r.TryGetInt64(out long value))
            {
                return value;
            }

            Error(slot, $"expected a 64-bit integer, found {Raw(ref r)}", r.TokenStartIndex);
            return null;
        }

        Mismatch(ref r, slot, "an integer");
        return null;
    }

    private bool? ReadBoolean(ref Utf8JsonReader r, Slot slot)
    {
        if (r.TokenType is JsonTokenType.True or JsonTokenType.False)
        {
            return r.GetBoolean();
        }

        Mismatch(ref r, slot, "true or false");
        return null;
    }

    private T? ReadEnum<T>(ref Utf8JsonReader r, Slot slot, WireEnum<T> names)
        where T : struct, Enum
    {
        if (r.TokenType != JsonTokenType.String)
        {
            Mismatch(ref r, slot, $"a string ({names.Allowed})");
            return null;
        }

        string text = r.GetString()!;
        if (names.TryParse(text, out T value))
        {
            return value;
        }

        Error(slot, $"unknown value \"{Shorten(text)}\"; expected one of {names.Allowed}", r.TokenStartIndex);
        return null;
    }

    /// <summary>Reports a value of the wrong JSON type and skips it (with its children).</summary>
    private void Mismatch(ref Utf8JsonReader r, Slot slot, string expected)
    {
        string found = r.TokenType switch
        {
            JsonTokenType.String => $"the string \"{Shorten(r.GetString()!)}\"",
            JsonTokenType.Number => $"the number {Raw(ref r)}",
            JsonTokenType.True => "true",
            JsonTokenType.False => "false",
            JsonTokenType.Null => "null",
            JsonTokenType.StartObject => "an object",
            JsonTokenType.StartArray => "an array",
            _ => r.TokenType.ToString(),
        };
        Error(slot, $"expected {expected}, found {found}", r.TokenStartIndex);
        r.Skip();
    }

    private void Error(Slot slot, string message, long offset) =>
        _errors.Add(new NetworkError(slot.Parent, slot.Field, $"{message} (line {LineAt(offset)})"));

    private static string Raw(ref Utf8JsonReader r) =>
        System.Text.Encoding.UTF8.GetString(r.ValueSpan); // the whole document is one span: never a ValueSequence

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "…";

    /// <summary>1-based line of a byte offset in the document.</summary>
    private int LineAt(long offset)
    {
        if (_lineStarts is null)
        {
            var starts = new List<int> { 0 };
            var span = _utf8.Span;
            for (int i = span.IndexOf((byte)'\n'); i >= 0;)
            {
                starts.Add(i + 1);
                int next = span[(i + 1)..].IndexOf((byte)'\n');
                i = next < 0 ? -1 : i + 1 + next;
            }

            _lineStarts = [.. starts];
        }

        int index = Array.BinarySearch(_lineStarts, (int)offset);
        return (index >= 0 ? index : ~index - 1) + 1;
    }
}
