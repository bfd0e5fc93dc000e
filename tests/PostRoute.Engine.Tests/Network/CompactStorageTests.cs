using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PostRoute.Engine.Network;
using PostRoute.Engine.Paths;

namespace PostRoute.Engine.Tests.Network;

/// <summary>Arbitrary of <see cref="RandomNetworks.Builders"/>: a builder holding the original records, and a version.</summary>
public static class RandomBuilders
{
    public static Arbitrary<(NetworkBuilder Builder, long Version)> Builders() => Arb.From(RandomNetworks.Builders());
}

/// <summary>
/// The network keeps its data in arrays and makes <see cref="Node"/>/<see cref="Link"/> records on demand: those records
/// must equal the ones the network was built from, whether made one at a time or all at once, on any thread.
/// </summary>
public class CompactStorageTests
{
    [Property(Arbitrary = [typeof(RandomBuilders)], MaxTest = 150, Replay = "(1234567,43)")]
    public void Records_made_from_the_arrays_equal_the_originals((NetworkBuilder Builder, long Version) input)
    {
        var (builder, version) = input;
        var network = builder.Build(version);

        // One at a time, as large networks make them, before the arrays of records exist.
        var topology = network.Topology;
        for (int i = 0; i < builder.Nodes.Count; i++)
        {
            Assert.Equal(builder.Nodes[i], topology.CreateNode(i));
        }

        for (int i = 0; i < builder.Links.Count; i++)
        {
            AssertSameLink(builder.Links[i] with { Closed = false }, topology.CreateLink(i));
        }

        Assert.False(topology.NodesMaterialised);
        Assert.False(topology.LinksMaterialised);

        // All at once.
        Assert.Equal<Node>(builder.Nodes, network.Nodes);
        Assert.Equal(builder.Links.Count, network.Links.Length);
        for (int i = 0; i < builder.Links.Count; i++)
        {
            AssertSameLink(builder.Links[i], network.Links[i]);
            Assert.Equal(builder.Links[i].Closed, network.IsClosed(i));
            Assert.Same(network.Links[i], network.FindLink(builder.Links[i].Id));
            Assert.Same(network.Nodes[network.IndexOfNode(builder.Links[i].From)].Id, network.Links[i].From);
        }

        for (int i = 0; i < builder.Nodes.Count; i++)
        {
            Assert.Same(network.Nodes[i], network.FindNode(builder.Nodes[i].Id));
        }
    }

    [Property(Arbitrary = [typeof(RandomBuilders)], MaxTest = 100, Replay = "(7654321,47)")]
    public void A_record_made_alone_equals_the_cached_one_and_closures_patch_only_the_closed_state(
        (NetworkBuilder Builder, long Version) input)
    {
        var network = input.Builder.Build(input.Version);
        var alone = Enumerable.Range(0, network.Topology.LinkCount)
            .Select(i => network.Topology.CreateLink(i) with { Closed = network.IsClosed(i) }).ToArray();
        string[] toggle = [.. input.Builder.Links.Where((_, i) => i % 3 == 0).Select(l => l.Id)];
        var changed = network.WithClosures(close: toggle.Where((_, i) => i % 2 == 0), reopen: toggle.Where((_, i) => i % 2 == 1));

        Assert.Equal<Link>(alone, network.Links); // record equality: the time views of one link compare equal
        for (int i = 0; i < network.Links.Length; i++)
        {
            var expected = network.Links[i] with { Closed = changed.IsClosed(i) };
            Assert.Equal(expected, changed.Links[i]);
            Assert.Equal(expected, changed.FindLink(expected.Id));
            if (!changed.IsClosed(i) && !network.IsClosed(i))
            {
                Assert.Same(network.Links[i], changed.Links[i]);
            }
        }
    }

    [Fact]
    public void Concurrent_first_reads_make_the_records_once()
    {
        for (int round = 0; round < 20; round++)
        {
            var fresh = SyntheticRoadNetwork.Generate(400, seed: round);
            var network = round % 2 == 0 ? fresh : fresh.WithLinksClosed("l3", "l7");
            const int threads = 8;
            var nodes = new Node[threads][];
            var links = new Link[threads][];
            using var barrier = new Barrier(threads);
            var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
            {
                barrier.SignalAndWait();
                // Half the threads start with Links (which also makes Nodes), half with Nodes.
                if (t % 2 == 0)
                {
                    links[t] = [.. network.Links];
                    nodes[t] = [.. network.Nodes];
                }
                else
                {
                    nodes[t] = [.. network.Nodes];
                    links[t] = [.. network.Links];
                }
            })).ToList();
            workers.ForEach(w => w.Start());
            workers.ForEach(w => w.Join());

            for (int t = 1; t < threads; t++)
            {
                Assert.True(nodes[0].Zip(nodes[t]).All(p => ReferenceEquals(p.First, p.Second)), $"round {round}: node records differ");
                Assert.True(links[0].Zip(links[t]).All(p => ReferenceEquals(p.First, p.Second)), $"round {round}: link records differ");
            }

            Assert.Equal(network.Topology.NodeCount, nodes[0].Length);
            Assert.Equal(network.Topology.LinkCount, links[0].Length);
            Assert.Equal(round % 2 == 1, links[0][3].Closed);
        }
    }

    [Fact]
    public void Generated_networks_pass_the_builder_validation_and_keep_their_content()
    {
        var generated = SyntheticRoadNetwork.Generate(2_500);
        var builder = new NetworkBuilder(generated.Name);
        foreach (string profile in generated.Profiles)
        {
            builder.AddProfile(profile);
        }

        foreach (var node in generated.Nodes)
        {
            builder.AddNode(node);
        }

        foreach (var link in generated.Links)
        {
            builder.AddLink(link with { TravelTimeSeconds = link.TravelTimeSeconds.ToDictionary() });
        }

        Assert.Empty(builder.Validate());
        NetworkAssert.SameContent(generated, builder.Build());
        Assert.Equal("n2499", generated.Nodes[^1].Id);
        Assert.Equal("l0", generated.Links[0].Id);
    }

    [Fact]
    public void On_a_large_network_path_searches_and_lookups_do_not_make_the_records()
    {
        int n = NetworkTopology.EagerRecordLimit + 1;
        var network = SyntheticRoadNetwork.Generate(n);
        string last = $"n{n - 1}";
        var path = ShortestPaths.Find(network, "n0", last, Profiles.Motorbike);
        var tree = ShortestPaths.FromSource(network, "n5", Profiles.Truck);
        var matrix = MatrixCalculator.Compute(network, ["n0", "n1"], [last], Profiles.Motorbike);
        var closed = network.WithLinksClosed(path.LinkIds[0]);
        var detour = ShortestPaths.Find(closed, "n0", last, Profiles.Motorbike);
        var node = network.FindNode("n7")!;
        var link = closed.FindLink(path.LinkIds[0])!;

        Assert.True(path.Found);
        Assert.True(tree.PathTo("n600").Found);
        Assert.Equal(0, matrix.UnreachableCount);
        Assert.DoesNotContain(path.LinkIds[0], detour.LinkIds);
        Assert.Equal(network.Topology.NodeLocations[7], node.Location);
        Assert.True(link.Closed);
        Assert.NotSame(node, network.FindNode("n7"));
        Assert.Equal(n, network.NodeCount);
        Assert.Equal(network.Topology.LinkCount, closed.LinkCount);
        Assert.False(network.Topology.NodesMaterialised);
        Assert.False(network.Topology.LinksMaterialised);

        // Once made, lookups return the cached records.
        Assert.Equal(node, network.Nodes[7]);
        Assert.Same(network.Nodes[7], network.FindNode("n7"));
        Assert.Equal(link, closed.Links[closed.IndexOfLink(link.Id)]);
        Assert.Same(closed.Links[closed.IndexOfLink(link.Id)], closed.FindLink(link.Id));
    }

    [Fact]
    public void On_a_small_network_lookups_return_the_shared_records()
    {
        var network = TestNetworks.Small();
        var closed = network.WithLinksClosed("HD");

        Assert.Same(network.FindNode("D"), network.FindNode("D"));
        Assert.Same(network.Nodes[1], network.FindNode("D"));
        Assert.Same(network.Links[0], network.FindLink("HD"));
        Assert.Same(closed.Links[0], closed.FindLink("HD"));
        Assert.True(closed.FindLink("HD")!.Closed);
        Assert.Same(network.Links[1], closed.FindLink("DS"));
        var path = ShortestPaths.Find(network, "H", "S", Profiles.Motorbike);
        Assert.Same(network.Nodes[0].Id, path.NodeIds[0]);
        Assert.Same(network.Links[0].Id, path.LinkIds[0]);
    }

    [Fact]
    public void The_closed_mask_has_one_entry_per_link_in_every_version()
    {
        var open = TestNetworks.Small().WithLinksReopened("SJ");
        var closed = open.WithLinksClosed("DS");

        Assert.Equal(0, open.ClosedLinkCount);
        Assert.Equal(3, open.ClosedMask.Length);
        Assert.DoesNotContain(true, open.ClosedMask.ToArray());
        Assert.Equal([false, true, false], closed.ClosedMask.ToArray());
        Assert.Throws<IndexOutOfRangeException>(() => open.IsClosed(3));
        Assert.Throws<IndexOutOfRangeException>(() => closed.IsClosed(-1));
    }

    [Fact]
    public void Link_travel_times_read_the_arrays_in_profile_order_and_hide_barred_profiles()
    {
        var network = TestNetworks.Small();
        var ds = network.FindLink("DS")!.TravelTimeSeconds;
        var hd = network.FindLink("HD")!.TravelTimeSeconds;

        Assert.Single(ds);
        Assert.False(ds.ContainsKey(Profiles.Truck));
        Assert.False(ds.TryGetValue(Profiles.Truck, out _));
        Assert.False(ds.TryGetValue("unknown", out _));
        Assert.Throws<KeyNotFoundException>(() => ds[Profiles.Truck]);
        Assert.Equal(300.5, ds[Profiles.Motorbike]);
        Assert.Equal([Profiles.Truck, Profiles.Motorbike], hd.Keys);
        Assert.Equal([1_260.25, 1_100], hd.Values);
        // Views are equal when they show the same link of the same network topology.
        Assert.True(hd.Equals(network.Links[network.IndexOfLink("HD")].TravelTimeSeconds));
        Assert.Equal(hd.GetHashCode(), network.WithLinksClosed("HD").FindLink("HD")!.TravelTimeSeconds.GetHashCode());
        Assert.False(hd.Equals(ds));
        Assert.False(hd.Equals(TestNetworks.Small().FindLink("HD")!.TravelTimeSeconds));
    }

    [Fact]
    public void The_internal_fast_path_rejects_bad_items_naming_them()
    {
        CompactNetworkBuilder Two()
        {
            var b = new CompactNetworkBuilder("t", [Profiles.Truck]);
            b.AddNode("a", NodeKind.Junction, new GeoPoint(1, 2));
            b.AddNode("b", NodeKind.Junction, new GeoPoint(1, 3));
            return b;
        }

        Assert.Throws<ArgumentException>(() => new CompactNetworkBuilder("t", [Profiles.Truck, Profiles.Truck]));
        Assert.Throws<ArgumentException>(() => Two().AddNode(" ", NodeKind.Junction, new GeoPoint(0, 0)));
        Assert.Throws<ArgumentException>(() => Two().AddNode("c", NodeKind.Junction, new GeoPoint(91, 0)));
        Assert.Throws<ArgumentException>(() => Two().AddNode("c", (NodeKind)99, new GeoPoint(0, 0)));
        Assert.Throws<ArgumentException>(() => Two().AddLink("x", 0, 0, 1, [1]));
        Assert.Throws<ArgumentException>(() => Two().AddLink("x", 0, 2, 1, [1]));
        Assert.Throws<ArgumentException>(() => Two().AddLink("x", 0, 1, double.NaN, [1]));
        Assert.Throws<ArgumentException>(() => Two().AddLink("x", 0, 1, 1, [-1]));
        Assert.Throws<ArgumentException>(() => Two().AddLink("x", 0, 1, 1, [double.PositiveInfinity]));
        Assert.Throws<ArgumentException>(() => Two().AddLink("x", 0, 1, 1, [1, 2]));
        Assert.Throws<ArgumentException>(() => Two().AddLink("x", 0, 1, 1, [1], (RoadClass)7));

        var duplicateNode = Two();
        duplicateNode.AddNode("a", NodeKind.Junction, new GeoPoint(0, 0));
        Assert.Contains("node id 'a'", Assert.Throws<ArgumentException>(() => duplicateNode.Build()).Message);

        var duplicateLink = Two();
        duplicateLink.AddLink("x", 0, 1, 1, [double.NaN]);
        duplicateLink.AddLink("x", 1, 0, 1, [2]);
        Assert.Contains("link id 'x'", Assert.Throws<ArgumentException>(() => duplicateLink.Build()).Message);

        var good = Two();
        good.AddLink("x", 0, 1, 1, [double.NaN], closed: true);
        var network = good.Build();
        Assert.False(network.Links[0].Allows(Profiles.Truck));
        Assert.True(network.IsClosed(0));
        Assert.Equal(1, network.ClosedLinkCount);
    }

    private static void AssertSameLink(Link expected, Link actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.From, actual.From);
        Assert.Equal(expected.To, actual.To);
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected.LengthMetres), BitConverter.DoubleToInt64Bits(actual.LengthMetres));
        Assert.Equal(expected.RoadClass, actual.RoadClass);
        Assert.Equal(expected.OneWay, actual.OneWay);
        Assert.Equal(expected.Closed, actual.Closed);
        Assert.Equal(expected.TravelTimeSeconds.Count, actual.TravelTimeSeconds.Count);
        foreach (var (profile, seconds) in expected.TravelTimeSeconds)
        {
            Assert.True(actual.TravelTimeSeconds.TryGetValue(profile, out double got), $"{expected.Id}: {profile} missing");
            Assert.Equal(BitConverter.DoubleToInt64Bits(seconds), BitConverter.DoubleToInt64Bits(got));
        }
    }
}
