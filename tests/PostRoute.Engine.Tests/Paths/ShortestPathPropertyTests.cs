using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PostRoute.Engine.Network;
using PostRoute.Engine.Paths;

namespace PostRoute.Engine.Tests.Paths;

/// <summary>Properties of shortest paths and matrices on small random networks, against brute-force references.</summary>
public class ShortestPathPropertyTests
{
    // Fixed seeds keep every run identical; change them to explore other graphs.
    private const string Seed = "(20240601,7919)";
    private const int Tests = 150;

    [Property(Arbitrary = [typeof(PathArbitraries)], MaxTest = Tests, Replay = Seed)]
    public void Find_equals_lexicographic_Floyd_Warshall_for_both_metrics_and_profiles(GraphCase g)
    {
        foreach (var profile in Reference.ProfileNames)
        {
            foreach (var metric in Reference.Metrics)
            {
                var expected = Reference.FloydWarshall(g.Network, profile, metric);
                for (int i = 0; i < g.NodeCount; i++)
                {
                    for (int j = 0; j < g.NodeCount; j++)
                    {
                        var path = ShortestPaths.Find(g.Network, $"n{i}", $"n{j}", profile, metric);
                        var (seconds, metres) = expected[i, j];
                        Assert.Equal(!double.IsPositiveInfinity(seconds), path.Found);
                        Assert.Equal(seconds, path.DurationSeconds);
                        Assert.Equal(metres, path.DistanceMetres);
                    }
                }
            }
        }
    }

    [Property(Arbitrary = [typeof(PathArbitraries)], MaxTest = Tests, Replay = Seed)]
    public void Found_paths_are_walks_over_open_allowed_links_whose_totals_are_the_sums(GraphCase g)
    {
        var network = g.Network;
        foreach (var profile in Reference.ProfileNames)
        {
            foreach (var metric in Reference.Metrics)
            {
                foreach (var from in g.NodeIds)
                {
                    foreach (var to in g.NodeIds)
                    {
                        var path = ShortestPaths.Find(network, from, to, profile, metric);
                        if (!path.Found)
                        {
                            Assert.Empty(path.NodeIds);
                            Assert.Empty(path.LinkIds);
                            Assert.Equal(double.PositiveInfinity, path.DurationSeconds);
                            continue;
                        }

                        Assert.Equal(from, path.NodeIds[0]);
                        Assert.Equal(to, path.NodeIds[^1]);
                        Assert.Equal(path.LinkIds.Length + 1, path.NodeIds.Length);
                        double seconds = 0, metres = 0;
                        for (int k = 0; k < path.LinkIds.Length; k++)
                        {
                            var link = network.FindLink(path.LinkIds[k])!;
                            Assert.False(link.Closed, $"closed link {link.Id} used");
                            Assert.True(link.Allows(profile), $"link {link.Id} barred to {profile} used");
                            bool forward = link.From == path.NodeIds[k] && link.To == path.NodeIds[k + 1];
                            bool backward = link.To == path.NodeIds[k] && link.From == path.NodeIds[k + 1];
                            Assert.True(forward || (backward && !link.OneWay), $"link {link.Id} does not join the path's nodes in travel order");
                            seconds += link.TimeFor(profile)!.Value;
                            metres += link.LengthMetres;
                        }

                        Assert.Equal(seconds, path.DurationSeconds);
                        Assert.Equal(metres, path.DistanceMetres);
                    }
                }
            }
        }
    }

    [Property(Arbitrary = [typeof(PathArbitraries)], MaxTest = Tests, Replay = Seed)]
    public void Matrix_cells_equal_Find_and_satisfy_the_triangle_inequality(GraphCase g)
    {
        var ids = g.NodeIds.ToArray();
        foreach (var profile in Reference.ProfileNames)
        {
            foreach (var metric in Reference.Metrics)
            {
                var matrix = MatrixCalculator.Compute(g.Network, ids, ids, profile, metric);
                double Cost(int i, int j) => metric == PathMetric.Time ? matrix.DurationSeconds(i, j) : matrix.DistanceMetres(i, j);
                int unreachable = 0;
                for (int i = 0; i < ids.Length; i++)
                {
                    for (int j = 0; j < ids.Length; j++)
                    {
                        var path = ShortestPaths.Find(g.Network, ids[i], ids[j], profile, metric);
                        Assert.Equal(path.Found, matrix.IsReachable(i, j));
                        Assert.Equal(path.DurationSeconds, matrix.DurationSeconds(i, j));
                        Assert.Equal(path.DistanceMetres, matrix.DistanceMetres(i, j));
                        unreachable += path.Found ? 0 : 1;
                        for (int k = 0; k < ids.Length; k++)
                        {
                            Assert.True(Cost(i, k) <= Cost(i, j) + Cost(j, k), $"triangle {i},{j},{k}");
                        }
                    }
                }

                Assert.Equal(unreachable, matrix.UnreachableCount);
            }
        }
    }

    [Property(Arbitrary = [typeof(PathArbitraries)], MaxTest = Tests, Replay = Seed)]
    public void Closing_a_link_on_the_best_path_avoids_it_and_never_makes_the_trip_shorter(GraphCase g)
    {
        foreach (var profile in Reference.ProfileNames)
        {
            foreach (var metric in Reference.Metrics)
            {
                foreach (var from in g.NodeIds)
                {
                    foreach (var to in g.NodeIds)
                    {
                        var before = ShortestPaths.Find(g.Network, from, to, profile, metric);
                        foreach (var linkId in before.LinkIds)
                        {
                            var closed = g.Network.WithLinksClosed(linkId);
                            var after = ShortestPaths.Find(closed, from, to, profile, metric);
                            Assert.DoesNotContain(linkId, after.LinkIds);
                            double costBefore = metric == PathMetric.Time ? before.DurationSeconds : before.DistanceMetres;
                            double costAfter = metric == PathMetric.Time ? after.DurationSeconds : after.DistanceMetres;
                            Assert.True(costAfter >= costBefore);
                        }
                    }
                }
            }
        }
    }

    [Property(Arbitrary = [typeof(PathArbitraries)], MaxTest = Tests, Replay = Seed)]
    public void Reopening_every_link_gives_the_Floyd_Warshall_result_of_the_open_network(GraphCase g)
    {
        // The adjacency is shared between versions, so a version must honour its own closures only.
        var reopened = g.Network.WithLinksReopened(g.Network.Links.Select(l => l.Id));
        var expected = Reference.FloydWarshall(reopened, Profiles.Motorbike, PathMetric.Time);
        for (int i = 0; i < g.NodeCount; i++)
        {
            for (int j = 0; j < g.NodeCount; j++)
            {
                Assert.Equal(expected[i, j].Seconds, ShortestPaths.Find(reopened, $"n{i}", $"n{j}", Profiles.Motorbike).DurationSeconds);
            }
        }
    }

    [Property(Arbitrary = [typeof(PathArbitraries)], MaxTest = Tests, Replay = Seed)]
    public void One_to_all_trees_agree_with_Find_and_their_paths_follow_predecessors(GraphCase g)
    {
        foreach (var profile in Reference.ProfileNames)
        {
            foreach (var metric in Reference.Metrics)
            {
                foreach (var from in g.NodeIds)
                {
                    var tree = ShortestPaths.FromSource(g.Network, from, profile, metric);
                    int reachable = 0;
                    for (int v = 0; v < g.NodeCount; v++)
                    {
                        var path = ShortestPaths.Find(g.Network, from, $"n{v}", profile, metric);
                        Assert.Equal(path.Found, tree.IsReachable(v));
                        Assert.Equal(path.DurationSeconds, tree.DurationSeconds[v]);
                        Assert.Equal(path.DistanceMetres, tree.DistanceMetres[v]);
                        Assert.Equal(path, tree.PathTo($"n{v}"), PathResultComparer.Instance);
                        reachable += path.Found ? 1 : 0;
                    }

                    Assert.Equal(reachable, tree.ReachableCount);
                }
            }
        }
    }

    [Property(Arbitrary = [typeof(PathArbitraries)], MaxTest = Tests, Replay = Seed)]
    public Property Multi_source_trees_give_each_node_its_nearest_source() =>
        Prop.ForAll(PathArbitraries.Graphs(), Gen.Choose(1, 3).ToArbitrary(), (g, sourceCount) =>
        {
            var sources = g.NodeIds.Take(Math.Min(sourceCount, g.NodeCount)).ToArray();
            var tree = ShortestPaths.FromSources(g.Network, sources, Profiles.Motorbike);
            for (int v = 0; v < g.NodeCount; v++)
            {
                var best = sources.Select(s => ShortestPaths.Find(g.Network, s, $"n{v}", Profiles.Motorbike).DurationSeconds).Min();
                Assert.Equal(best, tree.DurationSeconds[v]);
                if (tree.IsReachable(v))
                {
                    var fromNearest = ShortestPaths.Find(g.Network, sources[tree.NearestSource[v]], $"n{v}", Profiles.Motorbike);
                    Assert.Equal(best, fromNearest.DurationSeconds);
                }
                else
                {
                    Assert.Equal(-1, tree.NearestSource[v]);
                }
            }
        });

    /// <summary>Structural equality for PathResult (ImmutableArray compares by reference).</summary>
    private sealed class PathResultComparer : IEqualityComparer<PathResult>
    {
        public static readonly PathResultComparer Instance = new();

        public bool Equals(PathResult? x, PathResult? y) =>
            x is not null && y is not null && x.Found == y.Found && x.From == y.From && x.To == y.To &&
            x.Profile == y.Profile && x.Metric == y.Metric && x.NodeIds.SequenceEqual(y.NodeIds) &&
            x.LinkIds.SequenceEqual(y.LinkIds) && x.DurationSeconds.Equals(y.DurationSeconds) &&
            x.DistanceMetres.Equals(y.DistanceMetres);

        public int GetHashCode(PathResult obj) => obj.To.GetHashCode();
    }
}
