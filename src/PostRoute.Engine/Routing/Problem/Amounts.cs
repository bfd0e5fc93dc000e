using System.Collections;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace PostRoute.Engine.Routing;

/// <summary>
/// A vector of non-negative whole amounts, one per capacity dimension of a problem (for example kilograms, parcels,
/// registered items). Used both for vehicle capacities and for job amounts. Entries beyond <see cref="Count"/> read
/// as 0, so a short vector means "0 in the remaining dimensions". Immutable and thread-safe; supports collection
/// expressions: <c>Amounts a = [120, 3];</c>.
/// </summary>
[CollectionBuilder(typeof(Amounts), nameof(Create))]
public readonly struct Amounts : IEquatable<Amounts>, IEnumerable<long>
{
    private readonly ImmutableArray<long> _values;

    /// <summary>Creates a vector from its entries.</summary>
    public Amounts(ImmutableArray<long> values) => _values = values.IsDefault ? [] : values;

    /// <summary>Creates a vector from its entries (used by collection expressions).</summary>
    public static Amounts Create(ReadOnlySpan<long> values) => new([.. values]);

    /// <summary>The empty vector (0 in every dimension).</summary>
    public static Amounts Empty => default;

    /// <summary>A vector of <paramref name="count"/> zeros.</summary>
    public static Amounts Zero(int count) => new(ImmutableArray.Create(new long[count]));

    /// <summary>A vector of <paramref name="count"/> copies of <paramref name="value"/>.</summary>
    public static Amounts Filled(int count, long value) => new([.. Enumerable.Repeat(value, count)]);

    /// <summary>Number of entries given explicitly.</summary>
    public int Count => _values.IsDefault ? 0 : _values.Length;

    /// <summary>The explicit entries (never default).</summary>
    public ImmutableArray<long> Values => _values.IsDefault ? [] : _values;

    /// <summary>Entry <paramref name="dimension"/>; 0 beyond <see cref="Count"/>.</summary>
    public long this[int dimension] => dimension < Count ? _values[dimension] : 0;

    /// <summary>True when every entry is 0.</summary>
    public bool IsZero => Values.All(v => v == 0);

    /// <summary>This vector with exactly <paramref name="count"/> entries (padded with 0 or truncated).</summary>
    public Amounts Resize(int count)
    {
        if (Count == count)
        {
            return this;
        }

        var values = new long[count];
        for (int d = 0; d < count; d++)
        {
            values[d] = this[d];
        }

        return new(ImmutableArray.Create(values));
    }

    /// <summary>True when every entry is ≤ the matching entry of <paramref name="capacity"/>.</summary>
    public bool FitsWithin(Amounts capacity)
    {
        int n = Math.Max(Count, capacity.Count);
        for (int d = 0; d < n; d++)
        {
            if (this[d] > capacity[d])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Entry-wise sum; the result has as many entries as the longer operand. Saturates at <see cref="long.MaxValue"/>.</summary>
    public static Amounts operator +(Amounts a, Amounts b) => Combine(a, b, static (x, y) => x > long.MaxValue - y ? long.MaxValue : x + y);

    /// <summary>Entry-wise difference; the result has as many entries as the longer operand.</summary>
    public static Amounts operator -(Amounts a, Amounts b) => Combine(a, b, static (x, y) => x - y);

    /// <summary>Entry-wise equality, treating missing entries as 0.</summary>
    public static bool operator ==(Amounts a, Amounts b) => a.Equals(b);

    /// <summary>Entry-wise inequality, treating missing entries as 0.</summary>
    public static bool operator !=(Amounts a, Amounts b) => !a.Equals(b);

    /// <inheritdoc />
    public bool Equals(Amounts other)
    {
        int n = Math.Max(Count, other.Count);
        for (int d = 0; d < n; d++)
        {
            if (this[d] != other[d])
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Amounts other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        // Trailing zeros do not change equality, so they must not change the hash.
        var hash = new HashCode();
        int last = Count - 1;
        while (last >= 0 && _values[last] == 0)
        {
            last--;
        }

        for (int d = 0; d <= last; d++)
        {
            hash.Add(_values[d]);
        }

        return hash.ToHashCode();
    }

    /// <summary>Enumerates the explicit entries.</summary>
    public ImmutableArray<long>.Enumerator GetEnumerator() => Values.GetEnumerator();

    IEnumerator<long> IEnumerable<long>.GetEnumerator() => ((IEnumerable<long>)Values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable)Values).GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => "[" + string.Join(", ", Values.Select(v => v == long.MaxValue ? "∞" : v.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";

    private static Amounts Combine(Amounts a, Amounts b, Func<long, long, long> op)
    {
        int n = Math.Max(a.Count, b.Count);
        var values = new long[n];
        for (int d = 0; d < n; d++)
        {
            values[d] = op(a[d], b[d]);
        }

        return new(ImmutableArray.Create(values));
    }
}
