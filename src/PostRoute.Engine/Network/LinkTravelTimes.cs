using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace PostRoute.Engine.Network;

/// <summary>
/// <see cref="Link.TravelTimeSeconds"/> of a link made from a <see cref="NetworkTopology"/>: a read-only profile →
/// seconds view over the topology's time arrays (32 bytes instead of a dictionary per link). Profiles are listed in
/// network order; barred profiles are absent. Two views are equal when they show the same link of the same topology,
/// so records made at different times for the same link compare equal. Immutable and thread-safe.
/// </summary>
internal sealed class LinkTravelTimes(NetworkTopology topology, int link) : IReadOnlyDictionary<string, double>
{
    public int Count
    {
        get
        {
            int count = 0;
            foreach (double[] seconds in topology.LinkSeconds)
            {
                count += double.IsNaN(seconds[link]) ? 0 : 1;
            }

            return count;
        }
    }

    public double this[string key] => TryGetValue(key, out double value) ? value : throw new KeyNotFoundException(key);

    public IEnumerable<string> Keys => this.Select(p => p.Key);

    public IEnumerable<double> Values => this.Select(p => p.Value);

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out double value)
    {
        int p = topology.ProfileIndex(key);
        value = p < 0 ? double.NaN : topology.LinkSeconds[p][link];
        if (double.IsNaN(value))
        {
            value = 0;
            return false;
        }

        return true;
    }

    public IEnumerator<KeyValuePair<string, double>> GetEnumerator()
    {
        for (int p = 0; p < topology.Profiles.Length; p++)
        {
            double seconds = topology.LinkSeconds[p][link];
            if (!double.IsNaN(seconds))
            {
                yield return new(topology.Profiles[p], seconds);
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override bool Equals(object? obj) =>
        obj is LinkTravelTimes other && ReferenceEquals(other.Topology, topology) && other.Link == link;

    public override int GetHashCode() => HashCode.Combine(RuntimeHelpers.GetHashCode(topology), link);

    private NetworkTopology Topology => topology;

    private int Link => link;
}
