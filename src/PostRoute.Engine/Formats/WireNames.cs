using PostRoute.Engine.Network;

namespace PostRoute.Engine.Formats;

/// <summary>
/// The names enum values have in files. Spelled out here, not derived from the C# member names, so that renaming a
/// member can never silently change a file format.
/// </summary>
internal sealed class WireEnum<T>
    where T : struct, Enum
{
    private readonly (T Value, string Name)[] _names;
    private readonly Dictionary<string, T> _lenient = new(StringComparer.Ordinal);

    public WireEnum((T Value, string Name)[] names, (string Alias, T Value)[]? aliases = null)
    {
        _names = names;
        foreach (var (value, name) in names)
        {
            _lenient[Fold(name)] = value;
        }

        foreach (var (alias, value) in aliases ?? [])
        {
            _lenient[Fold(alias)] = value;
        }

        Allowed = string.Join(", ", names.Select(n => n.Name));
    }

    /// <summary>The canonical names, comma-separated, for error messages.</summary>
    public string Allowed { get; }

    public string NameOf(T value)
    {
        foreach (var (v, name) in _names)
        {
            if (EqualityComparer<T>.Default.Equals(v, value))
            {
                return name;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(value), value, $"{typeof(T).Name} value has no file name");
    }

    /// <summary>Exact, case-sensitive match of a canonical name (JSON).</summary>
    public bool TryParse(string text, out T value)
    {
        foreach (var (v, name) in _names)
        {
            if (string.Equals(name, text, StringComparison.Ordinal))
            {
                value = v;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>
    /// Lenient match (CSV): ignores case, surrounding spaces and the separators <c>_ - space</c>, and accepts the
    /// aliases (e.g. Vietnamese unit types).
    /// </summary>
    public bool TryParseLenient(string text, out T value) => _lenient.TryGetValue(Fold(text), out value);

    private static string Fold(string text) =>
        new string(text.Where(c => c is not ('_' or '-' or ' ' or '\t')).ToArray()).ToLowerInvariant();
}

/// <summary>Wire names of the network enums, shared by every format.</summary>
internal static class WireNames
{
    public static readonly WireEnum<NodeKind> NodeKind = new(
    [
        (Network.NodeKind.ProvincialHub, "provincialHub"),
        (Network.NodeKind.DistrictOffice, "districtOffice"),
        (Network.NodeKind.CommuneServicePoint, "communeServicePoint"),
        (Network.NodeKind.Commune, "commune"),
        (Network.NodeKind.Junction, "junction"),
    ]);

    public static readonly WireEnum<RoadClass> RoadClass = new(
    [
        (Network.RoadClass.Trunk, "trunk"),
        (Network.RoadClass.Provincial, "provincial"),
        (Network.RoadClass.District, "district"),
        (Network.RoadClass.Local, "local"),
        (Network.RoadClass.Track, "track"),
    ]);

    // The official register spells the unit types in Vietnamese; CSV files copied from it keep that spelling.
    public static readonly WireEnum<CommuneType> CommuneType = new(
        [
            (Network.CommuneType.Xa, "xa"),
            (Network.CommuneType.Phuong, "phuong"),
            (Network.CommuneType.ThiTran, "thiTran"),
        ],
        [
            ("xã", Network.CommuneType.Xa),
            ("phường", Network.CommuneType.Phuong),
            ("thị trấn", Network.CommuneType.ThiTran),
        ]);
}
