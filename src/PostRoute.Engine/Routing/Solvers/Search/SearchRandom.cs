namespace PostRoute.Engine.Routing.Solvers.Search;

/// <summary>
/// The search's own random number generator (xoshiro256** seeded by SplitMix64), so that a seed gives the same
/// sequence on every platform and runtime version. Not thread-safe; one per search.
/// </summary>
internal sealed class SearchRandom
{
    private ulong _s0, _s1, _s2, _s3;

    public SearchRandom(int seed)
    {
        ulong x = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL) ^ 0xD1B54A32D192ED03UL;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform integer in [0, <paramref name="bound"/>) (Lemire's multiply-shift; bound ≥ 1).</summary>
    public int Next(int bound)
    {
        ulong product = (ulong)(uint)(NextUInt64() >> 32) * (ulong)(uint)bound;
        return (int)(product >> 32);
    }

    /// <summary>Uniform double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public void Shuffle<T>(T[] items) => Shuffle(items.AsSpan());

    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
