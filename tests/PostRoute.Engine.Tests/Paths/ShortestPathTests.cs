using PostRoute.Engine.Network;
using PostRoute.Engine.Paths;
using QuikGraph;
using QuikGraph.Algorithms.ShortestPath;

namespace PostRoute.Engine.Tests.Paths;

public class ShortestPathTests
{
    private static Dictionary<string, double> Times(double truck, double motorbike) =>
        new() { [Profiles.Truck] = truck, [Profiles.Motorbike] = motorbike };

    /// <summary>a—b—c fast (two-way), a→d one-way, d isolated otherwise, e isolated; a—c slow direct track (motorbike only).</summary>
    private static PostalNetwork Sample()
    {
        var builder = new NetworkBuilder("sample");
        foreach (var id in new[] { "a", "b", "c", "d", "e" })
        {
            builder.AddNode(new Node(id, NodeKind.Junction, id, new GeoPoint(13, 109)));
        }

        builder.AddLink(new Link("ab", "a", "b", 1000, Times(60, 50)));
        builder.AddLink(new Link("bc", "b", "c", 1000, Times(60, 50)));
        builder.AddLink(new Link("ac", "a", "c", 1500, new Dictionary<string, double> { [Profiles.Motorbike] = 200 }, RoadClass.Track));
        builder.AddLink(new Link("ad", "a", "d", 500, Times(30, 30), OneWay: true));
        return builder.Build();
    }

    [Fact]
    public void Finds_the_fastest_path_and_reports_both_totals()
    {
        var path = ShortestPaths.Find(Sample(), "a", "c", Profiles.Truck);
        Assert.True(path.Found);
        Assert.Equal<string>(["a", "b", "c"], path.NodeIds);
        Assert.Equal<string>(["ab", "bc"], path.LinkIds);
        Assert.Equal(120, path.DurationSeconds);
        Assert.Equal(2000, path.DistanceMetres);
    }

    [Fact]
    public void Distance_metric_takes_the_shorter_track_where_the_profile_may_use_it()
    {
        var network = Sample();
        var motorbike = ShortestPaths.Find(network, "a", "c", Profiles.Motorbike, PathMetric.Distance);
        Assert.Equal<string>(["ac"], motorbike.LinkIds);
        Assert.Equal(1500, motorbike.DistanceMetres);
        Assert.Equal(200, motorbike.DurationSeconds);

        var truck = ShortestPaths.Find(network, "a", "c", Profiles.Truck, PathMetric.Distance);
        Assert.Equal<string>(["ab", "bc"], truck.LinkIds); // the track is barred to trucks
    }

    [Fact]
    public void Unreachable_targets_are_a_result_not_an_exception()
    {
        var network = Sample();
        var isolated = ShortestPaths.Find(network, "a", "e", Profiles.Truck);
        Assert.False(isolated.Found);
        Assert.Empty(isolated.NodeIds);
        Assert.Empty(isolated.LinkIds);
        Assert.Equal(double.PositiveInfinity, isolated.DurationSeconds);
        Assert.Equal(double.PositiveInfinity, isolated.DistanceMetres);
        Assert.Equal(("a", "e", Profiles.Truck), (isolated.From, isolated.To, isolated.Profile));

        Assert.True(ShortestPaths.Find(network, "a", "d", Profiles.Truck).Found);
        Assert.False(ShortestPaths.Find(network, "d", "a", Profiles.Truck).Found); // against the one-way
    }

    [Fact]
    public void A_path_to_itself_is_found_and_empty()
    {
        var path = ShortestPaths.Find(Sample(), "b", "b", Profiles.Truck);
        Assert.True(path.Found);
        Assert.Equal<string>(["b"], path.NodeIds);
        Assert.Empty(path.LinkIds);
        Assert.Equal(0, path.DurationSeconds);
    }

    [Fact]
    public void Closing_a_link_reroutes_in_the_new_version_only()
    {
        var network = Sample();
        var closed = network.WithLinksClosed("bc");
        Assert.Equal<string>(["ac"], ShortestPaths.Find(closed, "a", "c", Profiles.Motorbike).LinkIds);
        Assert.False(ShortestPaths.Find(closed, "a", "c", Profiles.Truck).Found);
        Assert.Equal<string>(["ab", "bc"], ShortestPaths.Find(network, "a", "c", Profiles.Motorbike).LinkIds);
        Assert.Same(CsrGraph.For(network, Profiles.Truck), CsrGraph.For(closed, Profiles.Truck));
    }

    [Theory]
    [InlineData("zz", "a", "fromNodeId")]
    [InlineData("a", "zz", "toNodeId")]
    public void Unknown_node_ids_throw_naming_the_id(string from, string to, string param)
    {
        var ex = Assert.Throws<ArgumentException>(() => ShortestPaths.Find(Sample(), from, to, Profiles.Truck));
        Assert.Equal(param, ex.ParamName);
        Assert.Contains("'zz'", ex.Message);
    }

    [Fact]
    public void Unknown_profiles_throw_naming_the_profile()
    {
        var ex = Assert.Throws<ArgumentException>(() => ShortestPaths.Find(Sample(), "a", "b", "bicycle"));
        Assert.Equal("profile", ex.ParamName);
        Assert.Contains("'bicycle'", ex.Message);
        Assert.Throws<ArgumentException>(() => ShortestPaths.FromSource(Sample(), "a", "bicycle"));
    }

    [Fact]
    public void Matrix_errors_name_the_id_and_its_position()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            MatrixCalculator.Compute(Sample(), ["a", "b"], ["c", "nope"], Profiles.Truck));
        Assert.Equal("targetIds", ex.ParamName);
        Assert.Contains("'nope'", ex.Message);
        Assert.Contains("targetIds[1]", ex.Message);
    }

    [Fact]
    public void Matrix_handles_duplicates_and_unreachable_cells()
    {
        var m = MatrixCalculator.Compute(Sample(), ["a", "e", "a"], ["c", "e", "c"], Profiles.Truck);
        Assert.Equal(9, m.CellCount);
        Assert.Equal(120, m.DurationSeconds(0, 0));
        Assert.Equal(120, m.DurationSeconds(2, 2));
        Assert.Equal(0, m.DurationSeconds(1, 1));
        Assert.False(m.IsReachable(0, 1));
        Assert.Equal(double.PositiveInfinity, m.DistanceMetres(0, 1));
        Assert.Equal(4, m.UnreachableCount); // a→e in two rows, e→c twice in one
        Assert.Throws<ArgumentOutOfRangeException>(() => m.DurationSeconds(3, 0));
    }

    [Fact]
    public void Cancelled_requests_throw()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var network = Sample();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            MatrixCalculator.Compute(network, ["a"], ["c"], Profiles.Truck, cancellationToken: cts.Token));
        Assert.ThrowsAny<OperationCanceledException>(() =>
            ShortestPaths.FromSource(network, "a", Profiles.Truck, cancellationToken: cts.Token));
    }

    [Fact]
    public void A_running_search_stops_when_cancelled()
    {
        // The search polls the token every 1,024 settled nodes, so a 2,500-node network is cut short.
        var network = SyntheticRoadNetwork.Generate(2_500);
        var graph = CsrGraph.For(network, Profiles.Motorbike);
        var scratch = SearchScratch.ForCurrentThread(graph.NodeCount);
        scratch.Begin();
        bool completed = Dijkstra.Run(graph, default, PathMetric.Time, [0], 0, scratch, new CancellationToken(canceled: true));
        Assert.False(completed);
        Assert.True(scratch.SettledCount < network.Nodes.Length);
    }

    [Fact]
    public void One_to_all_times_match_QuikGraph_on_a_generated_road_network()
    {
        var network = SyntheticRoadNetwork.Generate(2_500, seed: 7);
        var tree = ShortestPaths.FromSource(network, "n1234", Profiles.Truck);

        var directed = QuikGraphAdapter.ToDirectedGraph(network, Profiles.Truck);
        var dijkstra = new DijkstraShortestPathAlgorithm<string, TaggedEdge<string, Link>>(directed,
            e => e.Tag.TimeFor(Profiles.Truck)!.Value);
        dijkstra.Compute("n1234");
        int reachable = 0;
        for (int v = 0; v < network.Nodes.Length; v++)
        {
            if (dijkstra.TryGetDistance(network.Nodes[v].Id, out double expected) && expected < double.MaxValue) // QuikGraph marks unreachable with MaxValue
            {
                reachable++;
                Assert.Equal(expected, tree.DurationSeconds[v], 6);
            }
            else
            {
                Assert.False(tree.IsReachable(v));
            }
        }

        Assert.Equal(reachable, tree.ReachableCount);
        Assert.True(reachable > 2_000, $"generator should give a well-connected network, reached {reachable}");
    }

    [Fact]
    public void Parallel_matrices_on_a_larger_network_match_one_to_all_trees()
    {
        // 2,500 nodes × 150 sources is above the threshold where rows are spread over threads.
        var network = SyntheticRoadNetwork.Generate(2_500, seed: 11).WithLinksClosed("l10", "l20", "l30");
        var random = new Random(5);
        var sources = Enumerable.Range(0, 150).Select(_ => $"n{random.Next(2_500)}").ToArray();
        var targets = Enumerable.Range(0, 40).Select(_ => $"n{random.Next(2_500)}").ToArray();
        foreach (var metric in Reference.Metrics)
        {
            var matrix = MatrixCalculator.Compute(network, sources, targets, Profiles.Truck, metric);
            for (int s = 0; s < sources.Length; s++)
            {
                var tree = ShortestPaths.FromSource(network, sources[s], Profiles.Truck, metric);
                for (int t = 0; t < targets.Length; t++)
                {
                    int node = network.IndexOfNode(targets[t]);
                    Assert.Equal(tree.DurationSeconds[node], matrix.DurationSeconds(s, t));
                    Assert.Equal(tree.DistanceMetres[node], matrix.DistanceMetres(s, t));
                }
            }
        }
    }

    [Fact]
    public void Generated_networks_are_deterministic()
    {
        var a = SyntheticRoadNetwork.Generate(400, seed: 3);
        var b = SyntheticRoadNetwork.Generate(400, seed: 3);
        Assert.Equal(a.Links.Length, b.Links.Length);
        Assert.Equal(
            a.Links.Select(l => (l.From, l.To, l.LengthMetres, l.TimeFor(Profiles.Truck), l.OneWay)),
            b.Links.Select(l => (l.From, l.To, l.LengthMetres, l.TimeFor(Profiles.Truck), l.OneWay)));
        Assert.Contains(a.Links, l => l.OneWay);
        Assert.Contains(a.Links, l => !l.Allows(Profiles.Truck));
    }
}
