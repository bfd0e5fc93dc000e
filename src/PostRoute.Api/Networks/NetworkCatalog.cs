using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using PostRoute.Api.Storage;
using PostRoute.Engine.Formats;
using PostRoute.Engine.Network;

namespace PostRoute.Api.Networks;

/// <summary>
/// The stored networks as Engine objects: reads each network's current version from the store once and keeps it, so
/// that path and matrix requests never parse JSON; writes go to the store first and then replace the kept object.
/// Older versions and rendered GeoJSON are kept in a size-bounded cache. Thread-safe (a singleton). Assumes this
/// process is the only writer of the store.
/// </summary>
public sealed class NetworkCatalog(IPostRouteStore store) : IDisposable
{
    private readonly ConcurrentDictionary<string, PostalNetwork> _current = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    // Sizes are bytes (GeoJSON) or JSON characters (old versions, a rough proxy for their memory).
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 256L * 1024 * 1024 });

    /// <summary>The store behind the catalog.</summary>
    public IPostRouteStore Store => store;

    /// <summary>Figures of a network version, as stored beside its JSON.</summary>
    public static NetworkStats StatsOf(PostalNetwork network) =>
        new(network.Name, network.NodeCount, network.LinkCount, network.Communes.Length, network.ClosedLinkCount, network.Profiles);

    /// <summary>A network as the store keeps it.</summary>
    public static NewNetwork ToStored(PostalNetwork network) => new(network.Version, NetworkJson.Write(network), StatsOf(network));

    /// <summary>Network <paramref name="id"/> at <paramref name="version"/> (null: current), or null when either is unknown.</summary>
    public async Task<PostalNetwork?> GetAsync(string id, long? version, CancellationToken cancellationToken)
    {
        var current = await GetCurrentAsync(id, cancellationToken);
        if (current is null || version is null || version == current.Version)
        {
            return current;
        }

        if (_cache.TryGetValue((id, version.Value), out PostalNetwork? old))
        {
            return old;
        }

        var stored = await store.GetNetworkAsync(id, version, cancellationToken);
        if (stored is null)
        {
            return null;
        }

        var network = NetworkJson.Read(stored.Json);
        _cache.Set((id, version.Value), network, new MemoryCacheEntryOptions { Size = stored.Json.Length });
        return network;
    }

    /// <summary>Stores a new network under an id derived from its name and returns the id.</summary>
    public async Task<string> AddAsync(PostalNetwork network, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            string id = await store.AddNetworkAsync(IdFor(network.Name), ToStored(network), cancellationToken);
            _current[id] = network;
            return id;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Closes and reopens links of network <paramref name="id"/>, storing the result as its new current version.
    /// Unknown link ids throw <see cref="KeyNotFoundException"/> (from the Engine) and nothing is stored.
    /// </summary>
    /// <returns>The new version, or null when the network does not exist.</returns>
    public async Task<PostalNetwork?> ChangeClosuresAsync(string id, IEnumerable<string> close, IEnumerable<string> reopen,
        CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            var current = await LoadCurrentAsync(id, cancellationToken);
            if (current is null)
            {
                return null;
            }

            var next = current.WithClosures(close, reopen);
            if (!await store.AddNetworkVersionAsync(id, current.Version, ToStored(next), cancellationToken))
            {
                throw new InvalidOperationException($"Network '{id}' was changed by another writer of the store.");
            }

            _current[id] = next;
            return next;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Deletes network <paramref name="id"/> and all its versions; false when it does not exist.</summary>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            _current.TryRemove(id, out _);
            return await store.DeleteNetworkAsync(id, cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>The network as UTF-8 GeoJSON, rendered once per network version while it stays cached.</summary>
    public byte[] GeoJson(PostalNetwork network) =>
        _cache.GetOrCreate(("geojson", network.Fingerprint), entry =>
        {
            using var stream = new MemoryStream();
            NetworkGeoJson.Write(network, stream);
            entry.Size = stream.Length;
            return stream.ToArray();
        })!;

    /// <summary>The network as UTF-8 network JSON, rendered once per network version while it stays cached.</summary>
    public byte[] Json(PostalNetwork network) =>
        _cache.GetOrCreate(("json", network.Fingerprint), entry =>
        {
            using var stream = new MemoryStream();
            NetworkJson.Write(network, stream);
            entry.Size = stream.Length;
            return stream.ToArray();
        })!;

    /// <summary>
    /// A URL-safe id from a network name: lower-case ASCII letters and digits, other runs of characters turned into
    /// single hyphens, Vietnamese (and other common Latin) accents dropped (<c>Phú Yên</c> → <c>phu-yen</c>);
    /// <c>network</c> when nothing is left. At most 64 characters.
    /// </summary>
    public static string IdFor(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (char c in name.ToLowerInvariant())
        {
            char folded = c < 128 ? c : Fold(c);
            if (char.IsAsciiLetterOrDigit(folded))
            {
                text.Append(folded);
            }
            else if (text.Length > 0 && text[^1] != '-')
            {
                text.Append('-');
            }
        }

        string id = text.ToString().Trim('-');
        return id.Length == 0 ? "network" : id.Length > 64 ? id[..64].TrimEnd('-') : id;
    }

    // Explicit table: the host runs with invariant globalization, where Unicode decomposition is not available.
    private static readonly (string Accented, char Plain)[] AccentTable =
    [
        ("àáạảãâầấậẩẫăằắặẳẵäåā", 'a'), ("èéẹẻẽêềếệểễëē", 'e'), ("ìíịỉĩïī", 'i'),
        ("òóọỏõôồốộổỗơờớợởỡöøō", 'o'), ("ùúụủũưừứựửữüū", 'u'), ("ỳýỵỷỹÿ", 'y'), ("đ", 'd'), ("ç", 'c'), ("ñ", 'n'),
    ];

    private static char Fold(char c)
    {
        foreach (var (accented, plain) in AccentTable)
        {
            if (accented.Contains(c, StringComparison.Ordinal))
            {
                return plain;
            }
        }

        return c;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _cache.Dispose();
        _writeLock.Dispose();
    }

    private async Task<PostalNetwork?> GetCurrentAsync(string id, CancellationToken cancellationToken)
    {
        if (_current.TryGetValue(id, out var network))
        {
            return network;
        }

        // A miss loads under the write lock, so that a concurrent delete cannot be undone by a late load.
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            return await LoadCurrentAsync(id, cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    // Caller holds the write lock.
    private async Task<PostalNetwork?> LoadCurrentAsync(string id, CancellationToken cancellationToken)
    {
        if (_current.TryGetValue(id, out var network))
        {
            return network;
        }

        var stored = await store.GetNetworkAsync(id, null, cancellationToken);
        if (stored is null)
        {
            return null;
        }

        network = NetworkJson.Read(stored.Json);
        _current[id] = network;
        return network;
    }
}
