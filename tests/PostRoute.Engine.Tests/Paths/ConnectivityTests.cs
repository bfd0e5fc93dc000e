using FsCheck.Xunit;
using PostRoute.Engine.Network;
using PostRoute.Engine.Paths;

namespace PostRoute.Engine.Tests.Paths;

/// <summary>QuikGraph-based connectivity against brute force on small random networks.</summary>
public class ConnectivityTests
{
    private const string Seed = "(20240602,104729)";

    private static HashSet<string> AsSets(IEnumerable<IEnumerable<string>> groups) =>
        groups.Select(g => string.Join(",", g.Order(StringComparer.Ordinal))).ToHashSet();

    [Property(Arbitrary = [typeof(PathArbitraries)], MaxTest = 200, Replay = Seed)]
    public void Components_bridges_and_articulation_points_match_brute_force(GraphCase g)
    {
        var network = g.Network;
        foreach (var profile in Reference.ProfileNames)
        {
            var report = QuikGraphAdapter.AnalyseConnectivity(network, profile);
            int components = Reference.ComponentCount(network, profile);
            Assert.Equal(components, report.Components.Length);
            Assert.Equal(g.NodeCount, report.Components.Sum(c => c.Length));
            Assert.True(report.Components.Zip(report.Components.Skip(1)).All(p => p.First.Length >= p.Second.Length));

            // Two nodes share a component exactly when a path joins them ignoring one-way flags.
            var arcs = Reference.Arcs(network, profile).ToList();
            var joined = new bool[g.NodeCount, g.NodeCount];
            for (int v = 0; v < g.NodeCount; v++)
            {
                joined[v, v] = true;
            }

            foreach (var arc in arcs)
            {
                joined[arc.From, arc.To] = joined[arc.To, arc.From] = true;
            }

            for (int k = 0; k < g.NodeCount; k++)
            {
                for (int i = 0; i < g.NodeCount; i++)
                {
                    for (int j = 0; j < g.NodeCount; j++)
                    {
                        joined[i, j] |= joined[i, k] && joined[k, j];
                    }
                }
            }

            for (int i = 0; i < g.NodeCount; i++)
            {
                for (int j = 0; j < g.NodeCount; j++)
                {
                    Assert.Equal(joined[i, j], report.ComponentOf($"n{i}") == report.ComponentOf($"n{j}"));
                }
            }

            var bridges = Enumerable.Range(0, network.Links.Length)
                .Where(l => arcs.Any(a => a.Link == l) && Reference.ComponentCount(network, profile, skipLink: l) > components)
                .Select(l => network.Links[l].Id);
            Assert.Equal(bridges, report.Bridges);

            var articulation = Enumerable.Range(0, g.NodeCount)
                .Where(v => Reference.ComponentCount(network, profile, skipNode: v) > components)
                .Select(v => $"n{v}");
            Assert.Equal(articulation, report.ArticulationPoints);
        }
    }

    [Property(Arbitrary = [typeof(PathArbitraries)], MaxTest = 200, Replay = Seed)]
    public void Strongly_connected_components_are_the_mutual_reachability_classes(GraphCase g)
    {
        foreach (var profile in Reference.ProfileNames)
        {
            var reach = Reference.Reachability(g.Network, profile);
            var expected = Enumerable.Range(0, g.NodeCount)
                .Select(i => Enumerable.Range(0, g.NodeCount).Where(j => reach[i, j] && reach[j, i]).Select(j => $"n{j}"));
            var report = QuikGraphAdapter.AnalyseConnectivity(g.Network, profile);
            Assert.Equal(AsSets(expected), AsSets(report.StronglyConnectedComponents.Select(c => c.AsEnumerable())));
            Assert.Equal(g.NodeCount, report.StronglyConnectedComponents.Sum(c => c.Length));
        }
    }

    [Fact]
    public void A_bridge_and_its_cut_node_are_reported_and_closing_the_bridge_splits_the_network()
    {
        // Triangle a-b-c, then c—d—e tail, and a parallel pair d=e (not a bridge).
        var builder = new NetworkBuilder();
        foreach (var id in new[] { "a", "b", "c", "d", "e" })
        {
            builder.AddNode(new Node(id, NodeKind.Junction, "", new GeoPoint(13, 109)));
        }

        var t = new Dictionary<string, double> { [Profiles.Motorbike] = 1 };
        builder.AddLink(new Link("ab", "a", "b", 1, t)).AddLink(new Link("bc", "b", "c", 1, t)).AddLink(new Link("ca", "c", "a", 1, t));
        builder.AddLink(new Link("cd", "c", "d", 1, t)).AddLink(new Link("de1", "d", "e", 1, t)).AddLink(new Link("de2", "e", "d", 1, t));
        var network = builder.Build();

        var report = QuikGraphAdapter.AnalyseConnectivity(network, Profiles.Motorbike);
        Assert.True(report.IsConnected);
        Assert.Equal<string>(["cd"], report.Bridges);
        Assert.Equal<string>(["c", "d"], report.ArticulationPoints);

        var split = QuikGraphAdapter.AnalyseConnectivity(network.WithLinksClosed("cd"), Profiles.Motorbike);
        Assert.False(split.IsConnected);
        Assert.Equal([["a", "b", "c"], ["d", "e"]], split.Components.Select(c => c.ToArray()).ToArray());
    }
}
