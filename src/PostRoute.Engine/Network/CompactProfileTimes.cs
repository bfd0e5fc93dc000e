using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace PostRoute.Engine.Network;

/// <summary>
/// A read-only profile → seconds map for at most two profiles, stored in two fields (about 48 bytes instead of the
/// ~200 of a <see cref="Dictionary{TKey,TValue}"/>). Large generated networks use it for
/// <see cref="Link.TravelTimeSeconds"/>; it behaves as an ordinary read-only dictionary. Immutable.
/// </summary>
internal sealed class CompactProfileTimes : IReadOnlyDictionary<string, double>
{
    private readonly string? _profile1;
    private readonly double _seconds1;
    private readonly string? _profile2;
    private readonly double _seconds2;

    /// <summary>Creates a map; a null profile name leaves that slot empty (the profile is barred).</summary>
    public CompactProfileTimes(string? profile1, double seconds1, string? profile2 = null, double seconds2 = 0)
    {
        if (profile1 is null)
        {
            (profile1, seconds1, profile2, seconds2) = (profile2, seconds2, null, 0);
        }

        if (profile1 is not null && string.Equals(profile1, profile2, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Profile '{profile2}' given twice.", nameof(profile2));
        }

        _profile1 = profile1;
        _seconds1 = seconds1;
        _profile2 = profile2;
        _seconds2 = seconds2;
    }

    public int Count => (_profile1 is null ? 0 : 1) + (_profile2 is null ? 0 : 1);

    public double this[string key] => TryGetValue(key, out double value) ? value : throw new KeyNotFoundException(key);

    public IEnumerable<string> Keys => this.Select(p => p.Key);

    public IEnumerable<double> Values => this.Select(p => p.Value);

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out double value)
    {
        if (_profile1 is not null && string.Equals(key, _profile1, StringComparison.Ordinal))
        {
            value = _seconds1;
            return true;
        }

        if (_profile2 is not null && string.Equals(key, _profile2, StringComparison.Ordinal))
        {
            value = _seconds2;
            return true;
        }

        value = 0;
        return false;
    }

    public IEnumerator<KeyValuePair<string, double>> GetEnumerator()
    {
        if (_profile1 is not null)
        {
            yield return new(_profile1, _seconds1);
        }

        if (_profile2 is not null)
        {
            yield return new(_profile2, _seconds2);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
