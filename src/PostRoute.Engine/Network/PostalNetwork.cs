using System.Collections.Frozen;
using System.Collections.Immutable;

namespace PostRoute.Engine.Network;

/// <summary>
/// An immutable, validated postal network: located nodes, transport links with per-profile travel times, and the
/// commune register (including communes without a location). Build one with <see cref="NetworkBuilder"/> or read
/// one with the readers in <c>PostRoute.Engine.Formats</c>.
/// </summary>
/// <remarks>
/// Thread-safe: every member may be called concurrently. Closing or reopening links
/// (<see cref="WithClosures"/>) returns a new version that shares the topology with this one, so no
/// validation or index is rebuilt; <see cref="Fingerprint"/> differs between any two instances, so caches keyed
/// by it never serve a stale version.
/// </remarks>
public sealed class PostalNetwork
{
    private readonly NetworkTopology _topology;
    private readonly ImmutableArray<Link> _links;
    private readonly bool[] _closed;

    internal PostalNetwork(NetworkTopology topology, ImmutableArray<Link> links, long version)
    {
        _topology = topology;
        _links = links;
        Version = version;
        _closed = new bool[links.Length];
        int closedCount = 0;
        for (int i = 0; i < links.Length; i++)
        {
            _closed[i] = links[i].Closed;
            closedCount += links[i].Closed ? 1 : 0;
        }

        ClosedLinkCount = closedCount;
    }

    /// <summary>Name of the network, e.g. <c>phu-yen</c>.</summary>
    public string Name => _topology.Name;

    /// <summary>Version number: 1 when built, increased by one by every <see cref="WithClosures"/>.</summary>
    public long Version { get; }

    /// <summary>A value unique to this instance (and so to this version); use it as a cache key.</summary>
    public Guid Fingerprint { get; } = Guid.NewGuid();

    /// <summary>Vehicle profile names known to the network, in a stable order.</summary>
    public ImmutableArray<string> Profiles => _topology.Profiles;

    /// <summary>Nodes in the order they were added; a node's position is its index.</summary>
    public ImmutableArray<Node> Nodes => _topology.Nodes;

    /// <summary>Links in the order they were added, with their open/closed state in this version.</summary>
    public ImmutableArray<Link> Links => _links;

    /// <summary>The commune register, including communes without a location.</summary>
    public ImmutableArray<Commune> Communes => _topology.Communes;

    /// <summary>Number of links closed in this version.</summary>
    /// <remarks>Counted once at construction: path searches read it on every query to skip closure checks.</remarks>
    public int ClosedLinkCount { get; }

    internal NetworkTopology Topology => _topology;

    /// <summary>Closed state per link index, shared read-only with path searches.</summary>
    internal ReadOnlySpan<bool> ClosedMask => _closed;

    /// <summary>Index of the node with id <paramref name="nodeId"/>, or −1 when there is none.</summary>
    public int IndexOfNode(string nodeId) => _topology.NodeIndex.GetValueOrDefault(nodeId, -1);

    /// <summary>Index of the link with id <paramref name="linkId"/>, or −1 when there is none.</summary>
    public int IndexOfLink(string linkId) => _topology.LinkIndex.GetValueOrDefault(linkId, -1);

    /// <summary>The node with id <paramref name="nodeId"/>, or null.</summary>
    public Node? FindNode(string nodeId) => IndexOfNode(nodeId) is var i and >= 0 ? Nodes[i] : null;

    /// <summary>The link with id <paramref name="linkId"/>, or null.</summary>
    public Link? FindLink(string linkId) => IndexOfLink(linkId) is var i and >= 0 ? _links[i] : null;

    /// <summary>The commune with official code <paramref name="code"/>, or null.</summary>
    public Commune? FindCommune(string code) =>
        _topology.CommuneIndex.TryGetValue(code, out var i) ? Communes[i] : null;

    /// <summary>True when the link at <paramref name="linkIndex"/> is closed in this version.</summary>
    public bool IsClosed(int linkIndex) => _closed[linkIndex];

    /// <summary>
    /// Returns a new version with the given links closed and the others reopened. Links not named keep their
    /// state. Unknown ids throw <see cref="KeyNotFoundException"/> naming the id; nothing changes then.
    /// </summary>
    /// <param name="close">Ids of links to close.</param>
    /// <param name="reopen">Ids of links to reopen.</param>
    /// <returns>A new network whose <see cref="Version"/> is this one's plus one.</returns>
    public PostalNetwork WithClosures(IEnumerable<string>? close = null, IEnumerable<string>? reopen = null)
    {
        var builder = _links.ToBuilder();
        void Set(IEnumerable<string>? ids, bool closed)
        {
            foreach (var id in ids ?? [])
            {
                int i = IndexOfLink(id);
                if (i < 0)
                {
                    throw new KeyNotFoundException($"links[{id}]: no link with this id");
                }

                if (builder[i].Closed != closed)
                {
                    builder[i] = builder[i] with { Closed = closed };
                }
            }
        }

        Set(reopen, closed: false);
        Set(close, closed: true);
        // DrainToImmutable, not MoveToImmutable: ToBuilder() of an empty array has a non-zero capacity.
        return new PostalNetwork(_topology, builder.DrainToImmutable(), Version + 1);
    }

    /// <summary>Shortcut for <see cref="WithClosures"/> closing the given links.</summary>
    public PostalNetwork WithLinksClosed(params IEnumerable<string> linkIds) => WithClosures(close: linkIds);

    /// <summary>Shortcut for <see cref="WithClosures"/> reopening the given links.</summary>
    public PostalNetwork WithLinksReopened(params IEnumerable<string> linkIds) => WithClosures(reopen: linkIds);
}

/// <summary>The parts of a network that do not change when links are closed or reopened.</summary>
internal sealed class NetworkTopology
{
    public NetworkTopology(string name, ImmutableArray<string> profiles, ImmutableArray<Node> nodes,
        ImmutableArray<Link> links, ImmutableArray<Commune> communes)
    {
        Name = name;
        Profiles = profiles;
        Nodes = nodes;
        Communes = communes;
        NodeIndex = nodes.Select((n, i) => (n.Id, i)).ToFrozenDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        LinkIndex = links.Select((l, i) => (l.Id, i)).ToFrozenDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        CommuneIndex = communes.Select((c, i) => (c.Code, i)).ToFrozenDictionary(p => p.Code, p => p.i, StringComparer.Ordinal);
        LinkFrom = links.Select(l => NodeIndex[l.From]).ToArray();
        LinkTo = links.Select(l => NodeIndex[l.To]).ToArray();
    }

    public string Name { get; }
    public ImmutableArray<string> Profiles { get; }
    public ImmutableArray<Node> Nodes { get; }
    public ImmutableArray<Commune> Communes { get; }
    public FrozenDictionary<string, int> NodeIndex { get; }
    public FrozenDictionary<string, int> LinkIndex { get; }
    public FrozenDictionary<string, int> CommuneIndex { get; }

    /// <summary>Node index of each link's start.</summary>
    public int[] LinkFrom { get; }

    /// <summary>Node index of each link's end.</summary>
    public int[] LinkTo { get; }

    /// <summary>Per-topology scratch space for derived structures (e.g. CSR graphs), filled lazily by Paths.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, object> Derived { get; } = new(StringComparer.Ordinal);
}
