using Microsoft.Extensions.Caching.Memory;
using PostRoute.Engine.Network;

namespace PostRoute.Engine.Paths;

/// <summary>
/// Caches <see cref="TravelMatrix"/> values in an <see cref="IMemoryCache"/>. The key is the network's
/// <see cref="PostalNetwork.Fingerprint"/> (unique per version, so closing a link never serves stale cells), the
/// profile, the metric and the full source and target id lists (hashed for lookup, compared element by element so
/// different lists never collide). Each entry's <see cref="ICacheEntry.Size"/> is its cell count (at least 1), so a
/// cache created with a <see cref="MemoryCacheOptions.SizeLimit"/> bounds the cached cells.
/// </summary>
/// <remarks>
/// Thread-safe. Two threads missing the same key at once may both compute it; the results are equal and the last one
/// stays cached.
/// </remarks>
public sealed class MatrixCache
{
    private readonly IMemoryCache _cache;
    private readonly MemoryCacheEntryOptions? _entryOptions;
    private long _hits;
    private long _misses;

    /// <summary>Creates a matrix cache over <paramref name="cache"/>.</summary>
    /// <param name="cache">The memory cache to store matrices in; may be shared with other users.</param>
    /// <param name="entryOptions">Expiration and priority settings copied to every entry (its size is always set to
    /// the cell count), or null for none.</param>
    public MatrixCache(IMemoryCache cache, MemoryCacheEntryOptions? entryOptions = null)
    {
        ArgumentNullException.ThrowIfNull(cache);
        _cache = cache;
        _entryOptions = entryOptions;
    }

    /// <summary>Number of lookups served from the cache so far.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Number of lookups that had to compute a matrix so far.</summary>
    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>
    /// Returns the cached matrix for these arguments, or computes it with <see cref="MatrixCalculator.Compute"/> and
    /// caches it. Arguments and exceptions are those of <see cref="MatrixCalculator.Compute"/>.
    /// </summary>
    /// <param name="network">The network version to search.</param>
    /// <param name="sourceIds">Row node ids.</param>
    /// <param name="targetIds">Column node ids.</param>
    /// <param name="profile">Vehicle profile.</param>
    /// <param name="metric">What each cell's path minimises.</param>
    /// <param name="cancellationToken">Stops a computation; nothing is cached then.</param>
    /// <returns>The same instance for repeated calls with equal arguments while the entry stays cached.</returns>
    public TravelMatrix GetOrCompute(PostalNetwork network, IReadOnlyList<string> sourceIds,
        IReadOnlyList<string> targetIds, string profile, PathMetric metric = PathMetric.Time,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(sourceIds);
        ArgumentNullException.ThrowIfNull(targetIds);
        ArgumentNullException.ThrowIfNull(profile);
        var key = new MatrixKey(network.Fingerprint, profile, metric, [.. sourceIds], [.. targetIds]);
        if (_cache.TryGetValue(key, out TravelMatrix? cached) && cached is not null)
        {
            Interlocked.Increment(ref _hits);
            return cached;
        }

        var matrix = MatrixCalculator.Compute(network, sourceIds, targetIds, profile, metric, cancellationToken);
        Interlocked.Increment(ref _misses);
        using (var entry = _cache.CreateEntry(key))
        {
            if (_entryOptions is not null)
            {
                entry.SetOptions(_entryOptions);
            }

            entry.Size = Math.Max(1, matrix.CellCount);
            entry.Value = matrix;
        }

        return matrix;
    }

    /// <summary>Cache key with structural equality over the id lists.</summary>
    private sealed class MatrixKey : IEquatable<MatrixKey>
    {
        private readonly Guid _fingerprint;
        private readonly string _profile;
        private readonly PathMetric _metric;
        private readonly string[] _sources;
        private readonly string[] _targets;
        private readonly int _hash;

        public MatrixKey(Guid fingerprint, string profile, PathMetric metric, string[] sources, string[] targets)
        {
            _fingerprint = fingerprint;
            _profile = profile;
            _metric = metric;
            _sources = sources;
            _targets = targets;
            var hash = new HashCode();
            hash.Add(fingerprint);
            hash.Add(profile, StringComparer.Ordinal);
            hash.Add(metric);
            hash.Add(sources.Length);
            foreach (var id in sources)
            {
                hash.Add(id, StringComparer.Ordinal);
            }

            hash.Add(targets.Length);
            foreach (var id in targets)
            {
                hash.Add(id, StringComparer.Ordinal);
            }

            _hash = hash.ToHashCode();
        }

        public bool Equals(MatrixKey? other) =>
            other is not null && _hash == other._hash && _fingerprint == other._fingerprint && _metric == other._metric &&
            string.Equals(_profile, other._profile, StringComparison.Ordinal) &&
            _sources.AsSpan().SequenceEqual(other._sources) && _targets.AsSpan().SequenceEqual(other._targets);

        public override bool Equals(object? obj) => Equals(obj as MatrixKey);

        public override int GetHashCode() => _hash;
    }
}
