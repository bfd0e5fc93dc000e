using System.Collections.Immutable;

namespace PostRoute.Engine.Network;

/// <summary>
/// The internal way to build a <see cref="PostalNetwork"/>: nodes and links go straight into the compact arrays of a
/// <see cref="NetworkTopology"/>, links refer to nodes by index, and no <see cref="Node"/> or <see cref="Link"/>
/// record is created, so million-node generated networks cost only their final size (plus transient growth).
/// <see cref="NetworkBuilder"/> validates users' data and then uses this. Each value is checked cheaply as it is
/// added (an <see cref="ArgumentException"/> names the item); duplicate ids are found by <see cref="Build"/>.
/// Not thread-safe.
/// </summary>
internal sealed class CompactNetworkBuilder
{
    private readonly string _name;
    private readonly ImmutableArray<string> _profiles;
    private readonly CompactIdList.Builder _nodeIds;
    private readonly List<GeoPoint> _locations;
    private readonly List<byte> _kinds;
    private readonly CompactIdList.Builder _linkIds;
    private readonly List<int> _from;
    private readonly List<int> _to;
    private readonly List<double> _length;
    private readonly List<double>[] _seconds;
    private readonly List<byte> _flags;
    private readonly List<Commune> _communes = [];
    private readonly Dictionary<string, string> _codePool = new(StringComparer.Ordinal);
    private List<string?>? _names;
    private List<string?>? _communeCodes;
    private List<string?>? _districtCodes;
    private List<bool>? _closed;

    /// <summary>Starts an empty network.</summary>
    /// <param name="name">Network name.</param>
    /// <param name="profiles">Vehicle profiles, distinct and non-empty; link times are given in this order.</param>
    /// <param name="nodeCapacity">Expected number of nodes (the builder grows beyond it).</param>
    /// <param name="linkCapacity">Expected number of links.</param>
    public CompactNetworkBuilder(string name, IEnumerable<string> profiles, int nodeCapacity = 16, int linkCapacity = 16)
    {
        _name = name;
        _profiles = [.. profiles];
        if (_profiles.Any(string.IsNullOrWhiteSpace) || _profiles.Distinct(StringComparer.Ordinal).Count() != _profiles.Length)
        {
            throw new ArgumentException("Profile names must be non-empty and distinct.", nameof(profiles));
        }

        _nodeIds = new CompactIdList.Builder(nodeCapacity);
        _locations = new(nodeCapacity);
        _kinds = new(nodeCapacity);
        _linkIds = new CompactIdList.Builder(linkCapacity);
        _from = new(linkCapacity);
        _to = new(linkCapacity);
        _length = new(linkCapacity);
        _seconds = [.. _profiles.Select(_ => new List<double>(linkCapacity))];
        _flags = new(linkCapacity);
    }

    /// <summary>Number of nodes added so far; the next node gets this index.</summary>
    public int NodeCount => _locations.Count;

    /// <summary>Number of links added so far.</summary>
    public int LinkCount => _from.Count;

    /// <summary>Adds a node and returns its index.</summary>
    public int AddNode(ReadOnlySpan<char> id, NodeKind kind, GeoPoint location, string name = "",
        string? communeCode = null, string? districtCode = null)
    {
        int index = NodeCount;
        if (id.IsWhiteSpace())
        {
            throw new ArgumentException($"nodes[#{index}]: id is empty.", nameof(id));
        }

        if (!location.IsValid || (uint)kind > (uint)NodeKind.Junction)
        {
            throw new ArgumentException($"nodes[{id}]: invalid location {location} or kind {(int)kind}.", nameof(location));
        }

        _nodeIds.Add(id);
        _locations.Add(location);
        _kinds.Add((byte)kind);
        SetSparse(ref _names, index, name, "");
        SetSparse(ref _communeCodes, index, Pooled(communeCode), null);
        SetSparse(ref _districtCodes, index, Pooled(districtCode), null);
        return index;
    }

    /// <summary>Adds a link between the nodes at indices <paramref name="from"/> and <paramref name="to"/>.</summary>
    /// <param name="id">Link id.</param>
    /// <param name="from">Index of the start node.</param>
    /// <param name="to">Index of the end node (not <paramref name="from"/>).</param>
    /// <param name="lengthMetres">Length in metres, finite and ≥ 0.</param>
    /// <param name="secondsByProfile">Travel time in seconds per profile, in profile order; NaN = barred.</param>
    /// <param name="roadClass">Road class.</param>
    /// <param name="oneWay">True when the link can only be travelled from start to end.</param>
    /// <param name="closed">True when the link is closed in the built version.</param>
    /// <returns>The link's index.</returns>
    public int AddLink(ReadOnlySpan<char> id, int from, int to, double lengthMetres, ReadOnlySpan<double> secondsByProfile,
        RoadClass roadClass = RoadClass.Local, bool oneWay = false, bool closed = false)
    {
        int index = LinkCount;
        if (id.IsWhiteSpace())
        {
            throw new ArgumentException($"links[#{index}]: id is empty.", nameof(id));
        }

        if ((uint)from >= (uint)NodeCount || (uint)to >= (uint)NodeCount || from == to)
        {
            throw new ArgumentException($"links[{id}]: bad node indices {from} → {to} ({NodeCount} nodes).", nameof(to));
        }

        if (!double.IsFinite(lengthMetres) || lengthMetres < 0 || (uint)roadClass > (uint)RoadClass.Track)
        {
            throw new ArgumentException($"links[{id}]: bad length {lengthMetres} or road class {(int)roadClass}.", nameof(lengthMetres));
        }

        if (secondsByProfile.Length != _profiles.Length)
        {
            throw new ArgumentException($"links[{id}]: {secondsByProfile.Length} times for {_profiles.Length} profiles.", nameof(secondsByProfile));
        }

        foreach (double seconds in secondsByProfile)
        {
            if (!double.IsNaN(seconds) && (!double.IsFinite(seconds) || seconds < 0))
            {
                throw new ArgumentException($"links[{id}]: bad travel time {seconds}.", nameof(secondsByProfile));
            }
        }

        _linkIds.Add(id);
        _from.Add(from);
        _to.Add(to);
        _length.Add(lengthMetres);
        for (int p = 0; p < _seconds.Length; p++)
        {
            _seconds[p].Add(secondsByProfile[p]);
        }

        _flags.Add(NetworkTopology.LinkFlags(roadClass, oneWay));
        if (closed || _closed is not null)
        {
            _closed ??= [.. new bool[index]];
            _closed.Add(closed);
        }

        return index;
    }

    /// <summary>Adds a commune to the register (not validated here).</summary>
    public void AddCommune(Commune commune) => _communes.Add(commune);

    /// <summary>Builds the network; the builder must not be used afterwards.</summary>
    /// <param name="version">Version of the built network (≥ 1).</param>
    /// <exception cref="ArgumentException">A node id or a link id occurs twice.</exception>
    public PostalNetwork Build(long version = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        var topology = new NetworkTopology(
            _name, _profiles, [.. _communes],
            _nodeIds.Build("node"), [.. _locations], [.. _kinds], _names?.ToArray(), _communeCodes?.ToArray(), _districtCodes?.ToArray(),
            _linkIds.Build("link"), [.. _from], [.. _to], [.. _length], [.. _seconds.Select(s => s.ToArray())], [.. _flags]);
        return new PostalNetwork(topology, _closed?.ToArray(), version);
    }

    // Optional texts cost nothing while every node has the default; the list appears with the first other value.
    private static void SetSparse(ref List<string?>? values, int index, string? value, string? defaultValue)
    {
        if (values is null)
        {
            if (string.Equals(value, defaultValue, StringComparison.Ordinal))
            {
                return;
            }

            values = [.. Enumerable.Repeat(defaultValue, index)];
        }

        values.Add(value);
    }

    // Commune and district codes repeat across nodes: keep one string per distinct code.
    private string? Pooled(string? code)
    {
        if (code is null)
        {
            return null;
        }

        if (!_codePool.TryGetValue(code, out string? pooled))
        {
            _codePool[code] = pooled = code;
        }

        return pooled;
    }
}
