using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace PostRoute.Engine.Network;

/// <summary>
/// An immutable, validated postal network: located nodes, transport links with per-profile travel times, and the
/// commune register (including communes without a location). Build one with <see cref="NetworkBuilder"/> or read
/// one with the readers in <c>PostRoute.Engine.Formats</c>.
/// </summary>
/// <remarks>
/// <para>
/// Thread-safe: every member may be called concurrently. Closing or reopening links
/// (<see cref="WithClosures"/>) returns a new version that shares the topology with this one, so no
/// validation or index is rebuilt; <see cref="Fingerprint"/> differs between any two instances, so caches keyed
/// by it never serve a stale version.
/// </para>
/// <para>
/// Memory: the network is held as arrays, not as objects: ids in one UTF-8 text block with an open-addressing
/// index (UTF-8 length + 10 bytes per id), and coordinates, kinds, link ends, lengths, per-profile times and flags in
/// plain arrays (17 bytes per node, 17 per link plus 8 per profile). A generated network of 1,000,000 nodes and
/// 1.6 million links with two profiles takes about 115 MB. Reading <see cref="Nodes"/> makes the
/// <see cref="Node"/> records (about 120 bytes per node), reading <see cref="Links"/> makes both kinds (about 145
/// bytes per link more); they are then kept. Path searches and id lookups do not need them, nor do
/// <see cref="FindNode"/> and <see cref="FindLink"/> on networks of more than 65,536 nodes or links (smaller networks
/// make all records on the first lookup, a few MB at most, so that lookups return shared instances). Concurrent first
/// reads make them once.
/// </para>
/// </remarks>
public sealed class PostalNetwork
{
    private readonly NetworkTopology _topology;
    private readonly bool[]? _closed;
    private Link[]? _links;

    /// <param name="topology">The shared, unchanging part.</param>
    /// <param name="closed">Closed flag per link, or null when no link is closed; owned by this instance.</param>
    /// <param name="version">Version number.</param>
    internal PostalNetwork(NetworkTopology topology, bool[]? closed, long version)
    {
        _topology = topology;
        Version = version;
        int closedCount = closed is null ? 0 : closed.Count(c => c);
        _closed = closedCount > 0 ? closed : null;
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
    /// <remarks>
    /// The records are made from the compact arrays on first read and then cached for the topology, so every version
    /// and every later read returns the same instances (about 120 bytes per node).
    /// </remarks>
    public ImmutableArray<Node> Nodes => _topology.Nodes;

    /// <summary>Links in the order they were added, with their open/closed state in this version.</summary>
    /// <remarks>
    /// The records are made on first read and then cached (about 145 bytes per link; this also makes
    /// <see cref="Nodes"/>, whose id strings the links share). Versions without closed links share one array; a
    /// version with closed links has its own array whose open links are the shared records.
    /// <see cref="Link.TravelTimeSeconds"/> is a read-only view over the network's time arrays that lists profiles in
    /// <see cref="Profiles"/> order; views of the same link are equal.
    /// </remarks>
    public ImmutableArray<Link> Links =>
        _closed is null
            ? _topology.OpenLinks
            : ImmutableCollectionsMarshal.AsImmutableArray(Volatile.Read(ref _links) ?? MakeLinks());

    /// <summary>The commune register, including communes without a location.</summary>
    public ImmutableArray<Commune> Communes => _topology.Communes;

    /// <summary>Number of nodes; unlike <c>Nodes.Length</c>, never makes the node records.</summary>
    public int NodeCount => Topology.NodeCount;

    /// <summary>Number of links; unlike <c>Links.Length</c>, never makes the link records.</summary>
    public int LinkCount => Topology.LinkCount;

    /// <summary>Number of links closed in this version.</summary>
    /// <remarks>Counted once at construction: path searches read it on every query to skip closure checks.</remarks>
    public int ClosedLinkCount { get; }

    internal NetworkTopology Topology => _topology;

    /// <summary>
    /// Closed state per link index, shared read-only with path searches. Versions without closed links share one
    /// all-false array per topology, made on first use (searches skip the check then: see <see cref="ClosedLinkCount"/>).
    /// </summary>
    internal ReadOnlySpan<bool> ClosedMask => _closed ?? _topology.AllOpen;

    /// <summary>Index of the node with id <paramref name="nodeId"/>, or −1 when there is none.</summary>
    /// <remarks>Ordinal comparison; a hash lookup in the compact id index, no allocation for ids of up to 84 characters.</remarks>
    public int IndexOfNode(string nodeId)
    {
        ArgumentNullException.ThrowIfNull(nodeId);
        return _topology.NodeIds.IndexOf(nodeId);
    }

    /// <summary>Index of the link with id <paramref name="linkId"/>, or −1 when there is none.</summary>
    /// <remarks>Ordinal comparison; a hash lookup in the compact id index, no allocation for ids of up to 84 characters.</remarks>
    public int IndexOfLink(string linkId)
    {
        ArgumentNullException.ThrowIfNull(linkId);
        return _topology.LinkIds.IndexOf(linkId);
    }

    /// <summary>The node with id <paramref name="nodeId"/>, or null.</summary>
    /// <remarks>
    /// Returns the same instance as <see cref="Nodes"/>. Exception: on a network of more than 65,536 nodes or links
    /// whose <see cref="Nodes"/> was never read, it returns a new record equal to it rather than making every record.
    /// </remarks>
    public Node? FindNode(string nodeId) => IndexOfNode(nodeId) is var i and >= 0 ? _topology.NodeAt(i) : null;

    /// <summary>The link with id <paramref name="linkId"/>, with its state in this version, or null.</summary>
    /// <remarks>
    /// Returns the same instance as <see cref="Links"/>. Exception: on a network of more than 65,536 nodes or links
    /// whose <see cref="Links"/> was never read, it returns a new record equal to it rather than making every record.
    /// </remarks>
    public Link? FindLink(string linkId)
    {
        int i = IndexOfLink(linkId);
        if (i < 0)
        {
            return null;
        }

        if (Volatile.Read(ref _links) is { } links)
        {
            return links[i];
        }

        if (_topology.RecordsOnLookup || _topology.LinksMaterialised)
        {
            return Links[i];
        }

        var link = _topology.CreateLink(i);
        return IsClosed(i) ? link with { Closed = true } : link;
    }

    /// <summary>The commune with official code <paramref name="code"/>, or null.</summary>
    public Commune? FindCommune(string code) =>
        _topology.CommuneIndex.TryGetValue(code, out var i) ? Communes[i] : null;

    /// <summary>True when the link at <paramref name="linkIndex"/> is closed in this version.</summary>
    /// <exception cref="IndexOutOfRangeException"><paramref name="linkIndex"/> is not a link index.</exception>
    public bool IsClosed(int linkIndex)
    {
        if ((uint)linkIndex >= (uint)_topology.LinkCount)
        {
            throw new IndexOutOfRangeException($"Link index {linkIndex} is outside 0…{_topology.LinkCount - 1}.");
        }

        return _closed is not null && _closed[linkIndex];
    }

    /// <summary>
    /// Returns a new version with the given links closed and the others reopened. Links not named keep their
    /// state. Unknown ids throw <see cref="KeyNotFoundException"/> naming the id; nothing changes then.
    /// </summary>
    /// <param name="close">Ids of links to close.</param>
    /// <param name="reopen">Ids of links to reopen.</param>
    /// <returns>A new network whose <see cref="Version"/> is this one's plus one.</returns>
    public PostalNetwork WithClosures(IEnumerable<string>? close = null, IEnumerable<string>? reopen = null)
    {
        bool[] closed = _closed is null ? new bool[_topology.LinkCount] : (bool[])_closed.Clone();
        void Set(IEnumerable<string>? ids, bool state)
        {
            foreach (var id in ids ?? [])
            {
                int i = IndexOfLink(id);
                if (i < 0)
                {
                    throw new KeyNotFoundException($"links[{id}]: no link with this id");
                }

                closed[i] = state;
            }
        }

        Set(reopen, state: false);
        Set(close, state: true);
        return new PostalNetwork(_topology, closed, Version + 1);
    }

    /// <summary>Shortcut for <see cref="WithClosures"/> closing the given links.</summary>
    public PostalNetwork WithLinksClosed(params IEnumerable<string> linkIds) => WithClosures(close: linkIds);

    /// <summary>Shortcut for <see cref="WithClosures"/> reopening the given links.</summary>
    public PostalNetwork WithLinksReopened(params IEnumerable<string> linkIds) => WithClosures(reopen: linkIds);

    // Only for versions with closed links: the shared open records with the closed ones replaced.
    private Link[] MakeLinks()
    {
        var open = _topology.OpenLinks;
        var links = new Link[open.Length];
        for (int i = 0; i < links.Length; i++)
        {
            links[i] = _closed![i] ? open[i] with { Closed = true } : open[i];
        }

        return Interlocked.CompareExchange(ref _links, links, null) ?? links;
    }
}
