using Microsoft.Extensions.Caching.Memory;
using PostRoute.Engine.Network;
using PostRoute.Engine.Paths;

namespace PostRoute.Engine.Tests.Paths;

public class MatrixCacheTests
{
    private static readonly string[] Ids = ["n0", "n1", "n2"];

    /// <summary>A path n0—n1—n2—n3 plus a slow direct n0—n2 link.</summary>
    private static PostalNetwork Line()
    {
        var builder = new NetworkBuilder("line");
        for (int i = 0; i < 4; i++)
        {
            builder.AddNode(new Node($"n{i}", NodeKind.Junction, "", new GeoPoint(13, 109 + i * 0.01)));
        }

        var t = new Dictionary<string, double> { [Profiles.Truck] = 10 };
        builder.AddLink(new Link("a", "n0", "n1", 100, t));
        builder.AddLink(new Link("b", "n1", "n2", 100, t));
        builder.AddLink(new Link("c", "n2", "n3", 100, t));
        builder.AddLink(new Link("slow", "n0", "n2", 100, new Dictionary<string, double> { [Profiles.Truck] = 50 }));
        return builder.Build();
    }

    [Fact]
    public void A_hit_returns_the_same_instance()
    {
        using var memory = new MemoryCache(new MemoryCacheOptions());
        var cache = new MatrixCache(memory);
        var network = Line();
        var first = cache.GetOrCompute(network, Ids, Ids, Profiles.Truck);
        var second = cache.GetOrCompute(network, [.. Ids], [.. Ids], Profiles.Truck); // equal lists, new arrays
        Assert.Same(first, second);
        Assert.Equal((1L, 1L), (cache.Hits, cache.Misses));
    }

    [Fact]
    public void Different_ids_order_profile_or_metric_are_different_entries()
    {
        using var memory = new MemoryCache(new MemoryCacheOptions());
        var cache = new MatrixCache(memory);
        var network = Line();
        var first = cache.GetOrCompute(network, Ids, Ids, Profiles.Truck);
        Assert.NotSame(first, cache.GetOrCompute(network, Ids, ["n2", "n1", "n0"], Profiles.Truck));
        Assert.NotSame(first, cache.GetOrCompute(network, ["n0", "n1"], ["n2", "n0", "n1", "n2"], Profiles.Truck));
        Assert.NotSame(first, cache.GetOrCompute(network, Ids, Ids, Profiles.Truck, PathMetric.Distance));
        Assert.Equal(0, cache.Hits);
    }

    [Fact]
    public void A_new_network_version_gets_fresh_cells()
    {
        using var memory = new MemoryCache(new MemoryCacheOptions());
        var cache = new MatrixCache(memory);
        var network = Line();
        var before = cache.GetOrCompute(network, Ids, Ids, Profiles.Truck);
        Assert.Equal(20, before.DurationSeconds(0, 2));

        var closed = network.WithLinksClosed("b");
        var after = cache.GetOrCompute(closed, Ids, Ids, Profiles.Truck);
        Assert.NotSame(before, after);
        Assert.Equal(50, after.DurationSeconds(0, 2));
        Assert.Equal(closed.Version, after.NetworkVersion);
        Assert.Same(before, cache.GetOrCompute(network, Ids, Ids, Profiles.Truck)); // the old version keeps its own
    }

    [Fact]
    public void Entry_size_is_the_cell_count()
    {
        using var memory = new MemoryCache(new MemoryCacheOptions { SizeLimit = 100, TrackStatistics = true });
        var cache = new MatrixCache(memory);
        cache.GetOrCompute(Line(), Ids, ["n0", "n3"], Profiles.Truck);
        Assert.Equal(6, memory.GetCurrentStatistics()!.CurrentEstimatedSize);
    }

    [Fact]
    public void The_size_limit_is_honoured()
    {
        using var memory = new MemoryCache(new MemoryCacheOptions { SizeLimit = 10, TrackStatistics = true });
        var cache = new MatrixCache(memory);
        var network = Line();
        string[] four = ["n0", "n1", "n2", "n3"];

        // 16 cells never fit: computed every time, never stored.
        var big = cache.GetOrCompute(network, four, four, Profiles.Truck);
        Assert.NotSame(big, cache.GetOrCompute(network, four, four, Profiles.Truck));
        Assert.Equal(0, memory.Count);

        // 9 cells fit, but not twice.
        var small = cache.GetOrCompute(network, Ids, Ids, Profiles.Truck);
        Assert.Same(small, cache.GetOrCompute(network, Ids, Ids, Profiles.Truck));
        cache.GetOrCompute(network, Ids, Ids, Profiles.Truck, PathMetric.Distance);
        Assert.True(memory.Count <= 1);
        Assert.True(memory.GetCurrentStatistics()!.CurrentEstimatedSize <= 10);
    }

    [Fact]
    public void A_cancelled_computation_caches_nothing()
    {
        using var memory = new MemoryCache(new MemoryCacheOptions());
        var cache = new MatrixCache(memory);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            cache.GetOrCompute(Line(), Ids, Ids, Profiles.Truck, cancellationToken: cts.Token));
        Assert.Equal(0, memory.Count);
    }
}
