using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PostRoute.Engine.Network;

namespace PostRoute.Engine.Tests.Network;

/// <summary>A set of distinct ids, ids that are not in it, and whether to build with the deliberately colliding hash.</summary>
public sealed record IdSetCase(string[] Ids, string[] Unknown, bool CollidingHash)
{
    public override string ToString() =>
        $"{(CollidingHash ? "colliding" : "normal")} hash, {Ids.Length} ids [{string.Join(", ", Ids.Take(12).Select(Show))}, …], " +
        $"{Unknown.Length} unknown [{string.Join(", ", Unknown.Take(12).Select(Show))}, …]";

    private static string Show(string s) => "\"" + string.Concat(s.Select(c => c is < ' ' or > '~' ? $"\\u{(int)c:x4}" : c.ToString())) + "\"";
}

/// <summary>FsCheck generators of id sets that stress the compact id index.</summary>
public static class IdSets
{
    // ASCII, Vietnamese (precomposed and combining), emoji (a surrogate pair), lone surrogates (no UTF-8 form, so
    // the list falls back to UTF-16), NUL, and a long piece (ids past the stack buffer of the lookup).
    private static readonly string[] Pieces =
    [
        "a", "b", "A", "0", "9", "-", ":", " ", "n", "l", "đ", "ư", "ố", "é", "e\u0301", "😀", "\uD800", "\uDC00", "\0",
        new string('x', 100),
    ];

    public static Arbitrary<IdSetCase> IdSetCases() => Arb.From(Cases());

    private static Gen<string> Id(bool withLoneSurrogates) =>
        Gen.Choose(0, 5).SelectMany(n => Gen.ListOf(Gen.Elements(withLoneSurrogates ? Pieces : Pieces.Where(p => !char.IsSurrogate(p, 0) || p.Length == 2).ToArray()), n))
            .Select(parts => string.Concat(parts));

    private static Gen<IdSetCase> Cases() =>
        from colliding in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
        from withLoneSurrogates in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
        from count in Gen.Frequency((1, Gen.Choose(0, 3)), (3, Gen.Choose(0, 40)), (1, Gen.Choose(200, 600)))
        from ids in Gen.ListOf(Id(withLoneSurrogates), count)
        from others in Gen.ListOf(Id(withLoneSurrogates: true), 30)
        select Make(ids, others, colliding);

    private static IdSetCase Make(IEnumerable<string> candidates, IEnumerable<string> others, bool colliding)
    {
        string[] ids = candidates.Distinct(StringComparer.Ordinal).ToArray();
        var known = ids.ToHashSet(StringComparer.Ordinal);
        // Near misses: every id one character longer or shorter, plus unrelated strings.
        string[] unknown = ids.Select(id => id + "a").Concat(ids.Where(id => id.Length > 0).Select(id => id[..^1]))
            .Concat(others).Where(u => !known.Contains(u)).Distinct(StringComparer.Ordinal).ToArray();
        return new IdSetCase(ids, unknown, colliding);
    }
}

public class CompactIdListTests
{
    private static CompactIdList Build(IEnumerable<string> ids, bool colliding = false)
    {
        var builder = new CompactIdList.Builder(4, colliding);
        foreach (string id in ids)
        {
            builder.Add(id);
        }

        return builder.Build("test");
    }

    [Property(Arbitrary = [typeof(IdSets)], MaxTest = 300, Replay = "(8675309,41)")]
    public void Every_id_is_found_at_its_position_and_unknown_ids_are_not(IdSetCase c)
    {
        var list = Build(c.Ids, c.CollidingHash);

        Assert.Equal(c.Ids.Length, list.Count);
        for (int i = 0; i < c.Ids.Length; i++)
        {
            Assert.Equal(i, list.IndexOf(c.Ids[i]));
            Assert.Equal(c.Ids[i], list[i], StringComparer.Ordinal);
        }

        foreach (string unknown in c.Unknown)
        {
            Assert.Equal(-1, list.IndexOf(unknown));
        }
    }

    [Fact]
    public void A_duplicate_id_is_reported_with_both_positions()
    {
        var ex = Assert.Throws<ArgumentException>(() => Build(["a", "b", "a"]));
        Assert.Contains("'a'", ex.Message);
        Assert.Contains("positions 0 and 2", ex.Message);
        Assert.Throws<ArgumentException>(() => Build(["x", "y", "x"], colliding: true));
        Assert.Throws<ArgumentException>(() => Build(["\uD800", "\uD800"]));
    }

    [Fact]
    public void Ids_differing_only_in_normalisation_case_or_a_lone_surrogate_are_different()
    {
        string[] ids = ["é", "e\u0301", "E\u0301", "\uD800", "\uDBFF", "\uFFFD", "😀"];
        var list = Build(ids);

        for (int i = 0; i < ids.Length; i++)
        {
            Assert.Equal(i, list.IndexOf(ids[i]));
            Assert.Equal(ids[i], list[i], StringComparer.Ordinal);
        }

        Assert.Equal(-1, list.IndexOf("É"));
        Assert.Equal(-1, list.IndexOf("\uDC00"));
    }

    [Fact]
    public void A_lone_surrogate_after_many_ids_keeps_the_earlier_ones_intact()
    {
        var ids = Enumerable.Range(0, 1000).Select(i => $"id-{i}-đ").Append("bad\uDC00").Append("later").ToArray();
        var list = Build(ids);

        Assert.All(Enumerable.Range(0, ids.Length), i => Assert.Equal(i, list.IndexOf(ids[i])));
        Assert.All(Enumerable.Range(0, ids.Length), i => Assert.Equal(ids[i], list[i]));
    }

    [Fact]
    public void An_empty_list_finds_nothing()
    {
        var list = Build([]);
        Assert.Equal(0, list.Count);
        Assert.Equal(-1, list.IndexOf(""));
        Assert.Equal(-1, list.IndexOf("a"));
        Assert.Throws<ArgumentOutOfRangeException>(() => list[0]);
    }
}
