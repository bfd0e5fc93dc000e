using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using PostRoute.Engine.Formats;
using PostRoute.Engine.Network;

namespace PostRoute.Api.Networks;

/// <summary>
/// The networks this host serves, by URL id, and their GeoJSON, rendered once per network version. Only the
/// embedded sample <c>phu-yen</c> exists for now. Thread-safe (registered as a singleton).
/// </summary>
public sealed class NetworkCatalog
{
    private readonly FrozenDictionary<string, Func<PostalNetwork>> _networks =
        new Dictionary<string, Func<PostalNetwork>>(StringComparer.Ordinal)
        {
            [PhuYen.NetworkName] = () => PhuYen.Network,
        }.ToFrozenDictionary(StringComparer.Ordinal);

    // Keyed by fingerprint, which is unique per network version, so a changed network is never served stale.
    private readonly ConcurrentDictionary<Guid, Lazy<byte[]>> _geoJson = new();

    /// <summary>Ids of the networks served, in ordinal order.</summary>
    public IEnumerable<string> Ids => _networks.Keys.Order(StringComparer.Ordinal);

    /// <summary>Finds the network with URL id <paramref name="id"/> (case-sensitive).</summary>
    public bool TryGet(string id, [NotNullWhen(true)] out PostalNetwork? network)
    {
        network = _networks.TryGetValue(id, out var get) ? get() : null;
        return network is not null;
    }

    /// <summary>The network as UTF-8 GeoJSON, rendered on first request for this network version.</summary>
    public byte[] GeoJson(PostalNetwork network) =>
        _geoJson.GetOrAdd(network.Fingerprint, _ => new Lazy<byte[]>(() => Render(network))).Value;

    private static byte[] Render(PostalNetwork network)
    {
        using var stream = new MemoryStream();
        NetworkGeoJson.Write(network, stream);
        return stream.ToArray();
    }
}
