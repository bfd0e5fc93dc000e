using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace PostRoute.Engine.Network;

/// <summary>
/// The parts of a network that do not change when links are closed or reopened, stored as arrays (struct of arrays)
/// rather than as <see cref="Node"/> and <see cref="Link"/> objects: 17 bytes per node, 17 per link plus 8 per
/// profile, and the ids (UTF-8 length + 10 bytes each, see <see cref="CompactIdList"/>). <see cref="Node"/> and
/// <see cref="Link"/> records are made from the arrays on demand (<see cref="Nodes"/>, <see cref="OpenLinks"/>,
/// <see cref="NodeAt"/>, <see cref="OpenLinkAt"/>). Built by <see cref="CompactNetworkBuilder"/>. Immutable apart from
/// those caches; thread-safe.
/// </summary>
internal sealed class NetworkTopology
{
    private const byte OneWayFlag = 0x80;

    private readonly string?[]? _nodeNames;
    private readonly string?[]? _nodeCommuneCodes;
    private readonly string?[]? _nodeDistrictCodes;
    private readonly byte[] _nodeKinds;
    private readonly byte[] _linkFlags;
    private Node[]? _nodes;
    private Link[]? _openLinks;
    private bool[]? _allOpen;
    private object? _materialiseLock;

    /// <summary>
    /// Takes ownership of the arrays (the builder hands them over and forgets them). Optional node texts are null
    /// arrays when every node has the default (empty name, no commune or district code); link flags come from
    /// <see cref="LinkFlags"/>.
    /// </summary>
    public NetworkTopology(string name, ImmutableArray<string> profiles, ImmutableArray<Commune> communes,
        CompactIdList nodeIds, GeoPoint[] nodeLocations, byte[] nodeKinds,
        string?[]? nodeNames, string?[]? nodeCommuneCodes, string?[]? nodeDistrictCodes,
        CompactIdList linkIds, int[] linkFrom, int[] linkTo, double[] linkLengthMetres, double[][] linkSeconds,
        byte[] linkFlags)
    {
        Name = name;
        Profiles = profiles;
        Communes = communes;
        CommuneIndex = communes.Select((c, i) => (c.Code, i)).ToFrozenDictionary(p => p.Code, p => p.i, StringComparer.Ordinal);
        NodeIds = nodeIds;
        NodeLocations = nodeLocations;
        _nodeKinds = nodeKinds;
        _nodeNames = nodeNames;
        _nodeCommuneCodes = nodeCommuneCodes;
        _nodeDistrictCodes = nodeDistrictCodes;
        LinkIds = linkIds;
        LinkFrom = linkFrom;
        LinkTo = linkTo;
        LinkLengthMetres = linkLengthMetres;
        LinkSeconds = linkSeconds;
        _linkFlags = linkFlags;
    }

    public string Name { get; }

    public ImmutableArray<string> Profiles { get; }

    public ImmutableArray<Commune> Communes { get; }

    public FrozenDictionary<string, int> CommuneIndex { get; }

    public int NodeCount => NodeLocations.Length;

    public int LinkCount => LinkFrom.Length;

    /// <summary>Node ids in node order, with the id → index lookup.</summary>
    public CompactIdList NodeIds { get; }

    /// <summary>WGS84 position of each node.</summary>
    public GeoPoint[] NodeLocations { get; }

    /// <summary>Link ids in link order, with the id → index lookup.</summary>
    public CompactIdList LinkIds { get; }

    /// <summary>Node index of each link's start.</summary>
    public int[] LinkFrom { get; }

    /// <summary>Node index of each link's end.</summary>
    public int[] LinkTo { get; }

    /// <summary>Length of each link in metres.</summary>
    public double[] LinkLengthMetres { get; }

    /// <summary>
    /// Travel time in seconds per profile (indexed like <see cref="Profiles"/>) and link; <see cref="double.NaN"/>
    /// where the profile is barred (valid times are finite, so NaN is free to mean "none").
    /// </summary>
    public double[][] LinkSeconds { get; }

    /// <summary>Per-topology scratch space for derived structures (e.g. CSR graphs), filled lazily by Paths.</summary>
    public ConcurrentDictionary<string, object> Derived { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Every node as a record, made on first use and then cached (about 120 bytes per node: record, id string, array slot).
    /// Concurrent first calls build the array once.
    /// </summary>
    public ImmutableArray<Node> Nodes =>
        ImmutableCollectionsMarshal.AsImmutableArray(
            Volatile.Read(ref _nodes) ?? LazyInitializer.EnsureInitialized(ref _nodes, ref _materialiseLock, CreateNodes));

    /// <summary>
    /// Every link as a record with <see cref="Link.Closed"/> false, made on first use and then cached (about 145 bytes
    /// per link: record, id string, travel-time view, array slot; end ids are shared with <see cref="Nodes"/>, which
    /// this makes too). Network versions patch in their closed state.
    /// </summary>
    public ImmutableArray<Link> OpenLinks =>
        ImmutableCollectionsMarshal.AsImmutableArray(
            Volatile.Read(ref _openLinks) ?? LazyInitializer.EnsureInitialized(ref _openLinks, ref _materialiseLock, CreateOpenLinks));

    /// <summary>An all-false closed mask, one entry per link, made on first use (for versions without closed links).</summary>
    public bool[] AllOpen =>
        Volatile.Read(ref _allOpen) ?? LazyInitializer.EnsureInitialized(ref _allOpen, () => new bool[LinkCount]);

    /// <summary>Whether <see cref="Nodes"/> has been made already.</summary>
    public bool NodesMaterialised => Volatile.Read(ref _nodes) is not null;

    /// <summary>Whether <see cref="OpenLinks"/> has been made already.</summary>
    public bool LinksMaterialised => Volatile.Read(ref _openLinks) is not null;

    /// <summary>
    /// Networks with at most this many nodes and links make all their records on the first single lookup
    /// (<see cref="NodeAt"/>, <see cref="NodeIdAt"/>…): at most a few MB, and lookups then return shared instances
    /// without allocating, as a record-based network did. Larger networks make a new record per lookup instead.
    /// </summary>
    public const int EagerRecordLimit = 65_536;

    /// <summary>True when single lookups make (or find) the whole record arrays; see <see cref="EagerRecordLimit"/>.</summary>
    public bool RecordsOnLookup => NodeCount <= EagerRecordLimit && LinkCount <= EagerRecordLimit;

    /// <summary>
    /// The node at <paramref name="index"/>: the cached record when <see cref="Nodes"/> exists or the network is small
    /// (<see cref="EagerRecordLimit"/>), else a new record equal to it.
    /// </summary>
    public Node NodeAt(int index) =>
        Volatile.Read(ref _nodes) is { } nodes ? nodes[index]
        : RecordsOnLookup ? Nodes[index]
        : CreateNode(index);

    /// <summary>
    /// The link at <paramref name="index"/> with <see cref="Link.Closed"/> false: the cached record when
    /// <see cref="OpenLinks"/> exists or the network is small (<see cref="EagerRecordLimit"/>), else a new record equal
    /// to it.
    /// </summary>
    public Link OpenLinkAt(int index) =>
        Volatile.Read(ref _openLinks) is { } links ? links[index]
        : RecordsOnLookup ? OpenLinks[index]
        : CreateLink(index);

    /// <summary>Id of the node at <paramref name="index"/> (the cached record's string when there is one).</summary>
    public string NodeIdAt(int index) =>
        Volatile.Read(ref _nodes) is not null || RecordsOnLookup ? NodeAt(index).Id : NodeIds[index];

    /// <summary>Id of the link at <paramref name="index"/> (the cached record's string when there is one).</summary>
    public string LinkIdAt(int index) =>
        Volatile.Read(ref _openLinks) is not null || RecordsOnLookup ? OpenLinkAt(index).Id : LinkIds[index];

    /// <summary>A new record of the node at <paramref name="index"/>, made from the arrays (nothing is cached).</summary>
    public Node CreateNode(int index) =>
        new(NodeIds[index], (NodeKind)_nodeKinds[index], _nodeNames is null ? "" : _nodeNames[index]!, NodeLocations[index],
            _nodeCommuneCodes?[index], _nodeDistrictCodes?[index]);

    /// <summary>
    /// A new record of the link at <paramref name="index"/> with <see cref="Link.Closed"/> false, made from the arrays
    /// (nothing is cached; end ids are the cached nodes' strings when <see cref="Nodes"/> exists).
    /// </summary>
    public Link CreateLink(int index)
    {
        var nodes = Volatile.Read(ref _nodes);
        return CreateLink(index,
            nodes is null ? NodeIds[LinkFrom[index]] : nodes[LinkFrom[index]].Id,
            nodes is null ? NodeIds[LinkTo[index]] : nodes[LinkTo[index]].Id);
    }

    /// <summary>Position of <paramref name="profile"/> in <see cref="Profiles"/>, or −1.</summary>
    public int ProfileIndex(string profile)
    {
        var profiles = Profiles;
        for (int p = 0; p < profiles.Length; p++)
        {
            if (string.Equals(profiles[p], profile, StringComparison.Ordinal))
            {
                return p;
            }
        }

        return -1;
    }

    public RoadClass RoadClassOf(int link) => (RoadClass)(_linkFlags[link] & ~OneWayFlag);

    public bool IsOneWay(int link) => (_linkFlags[link] & OneWayFlag) != 0;

    /// <summary>Flags byte for <see cref="NetworkTopology"/>'s constructor.</summary>
    public static byte LinkFlags(RoadClass roadClass, bool oneWay) => (byte)((byte)roadClass | (oneWay ? OneWayFlag : 0));

    /// <summary>Approximate managed size of the arrays, without cached records or derived structures, in bytes.</summary>
    public long SizeInBytes =>
        NodeIds.SizeInBytes + 16L * NodeCount + _nodeKinds.Length
        + 8L * ((_nodeNames?.Length ?? 0) + (_nodeCommuneCodes?.Length ?? 0) + (_nodeDistrictCodes?.Length ?? 0))
        + LinkIds.SizeInBytes + (4L + 4 + 8 + 1) * LinkCount + 8L * LinkSeconds.Length * LinkCount;

    private Node[] CreateNodes()
    {
        var nodes = new Node[NodeCount];
        for (int i = 0; i < nodes.Length; i++)
        {
            nodes[i] = CreateNode(i);
        }

        return nodes;
    }

    private Link[] CreateOpenLinks()
    {
        var nodes = Nodes;
        var links = new Link[LinkCount];
        for (int i = 0; i < links.Length; i++)
        {
            links[i] = CreateLink(i, nodes[LinkFrom[i]].Id, nodes[LinkTo[i]].Id);
        }

        return links;
    }

    private Link CreateLink(int i, string from, string to) =>
        new(LinkIds[i], from, to, LinkLengthMetres[i], new LinkTravelTimes(this, i), RoadClassOf(i), IsOneWay(i));
}
