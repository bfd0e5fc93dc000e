using FsCheck.Xunit;
using PostRoute.Engine.Network;
using PostRoute.Engine.Paths;
using PostRoute.Engine.Planning;

namespace PostRoute.Engine.Tests.Planning;

public class SitingTests
{
    private const string Seed = "(20250302,1123)";
    private const long Penalty = 1000;

    private static long Round(double x) => (long)Math.Round(x, MidpointRounding.AwayFromZero);

    /// <summary>The best objective over every subset of exactly min(k, |candidates|) candidates, from a direct matrix.</summary>
    private static long BruteForce(PostalNetwork network, SitingOptions options, int k, out Func<IEnumerable<string>, long> evaluate)
    {
        var existing = Coverage.DefaultServicePoints(network).ToArray();
        var candidates = network.Nodes.Select(n => n.Id).Where(id => !existing.Contains(id)).ToArray();
        var communes = Coverage.Analyse(network).Communes.Where(c => c.Place.Placement != CommunePlacement.Unlocated).ToArray();
        var all = network.Nodes.Select(n => n.Id).ToArray();
        var matrix = MatrixCalculator.Compute(network, [.. communes.Select(c => c.Place.NodeId!)], all, options.Profile, options.Metric);
        long Cost(int i, string node)
        {
            int j = Array.IndexOf(all, node);
            double v = options.Metric == PathMetric.Time ? matrix.DurationSeconds(i, j) : matrix.DistanceMetres(i, j);
            return double.IsPositiveInfinity(v) ? long.MaxValue : Round(v);
        }

        long Weight(int i) => options.Weight == SitingWeight.Communes ? 1 : communes[i].Place.Commune.Population ?? 0;
        evaluate = open =>
        {
            var points = existing.Concat(open).ToArray();
            long total = 0;
            for (int i = 0; i < communes.Length; i++)
            {
                long best = points.Select(p => Cost(i, p)).DefaultIfEmpty(long.MaxValue).Min();
                total += options.Objective == SitingObjective.MaximumCoverage
                    ? (best <= (long)Math.Floor(options.Threshold) ? Weight(i) : 0)
                    : Weight(i) * (best == long.MaxValue ? Penalty : best);
            }

            return total;
        };

        int size = Math.Min(k, candidates.Length);
        var eval = evaluate;
        var values = Subsets(candidates, size).Select(s => eval(s));
        return options.Objective == SitingObjective.MaximumCoverage ? values.Max() : values.Min();
    }

    private static IEnumerable<string[]> Subsets(string[] items, int size, int start = 0)
    {
        if (size == 0)
        {
            yield return [];
            yield break;
        }

        for (int i = start; i <= items.Length - size; i++)
        {
            foreach (var rest in Subsets(items, size - 1, i + 1))
            {
                yield return [items[i], .. rest];
            }
        }
    }

    [Property(Arbitrary = [typeof(PlanningArbitraries)], MaxTest = 40, Replay = Seed)]
    public void Cp_sat_choice_is_optimal_against_enumeration_of_all_k_subsets(PlanningCase g)
    {
        foreach (var objective in new[] { SitingObjective.MaximumCoverage, SitingObjective.PMedian })
        {
            foreach (var (weight, metric, threshold) in new[] { (SitingWeight.Communes, PathMetric.Time, 20.0), (SitingWeight.Population, PathMetric.Distance, 12.5) })
            {
                var options = new SitingOptions
                {
                    Objective = objective, Weight = weight, Metric = metric, Threshold = threshold,
                    UnservedPenalty = Penalty, TimeLimit = TimeSpan.FromSeconds(5),
                };
                var curve = Siting.Curve(g.Network, options, 3);
                Assert.Equal(4, curve.Length);
                for (int k = 0; k <= 3; k++)
                {
                    var result = curve[k];
                    Assert.Equal(SitingStatus.Optimal, result.Status);
                    Assert.Equal(0, result.Gap);
                    Assert.Equal(result.ObjectiveValue, result.BestBound, 6);
                    long expected = BruteForce(g.Network, options, k, out var evaluate);
                    Assert.Equal(expected, result.ObjectiveValue);
                    Assert.True(result.ChosenIds.Length <= k);
                    Assert.Equal(expected, evaluate(result.ChosenIds));
                }

                // The single solve agrees with the curve.
                Assert.Equal(curve[2].ObjectiveValue, Siting.Solve(g.Network, options, 2).ObjectiveValue);
            }
        }
    }

    [Fact]
    public void Phu_Yen_new_points_beside_the_offices_raise_coverage_monotonically()
    {
        var offices = PhuYen.DistrictOfficeIds.Prepend(PhuYen.HubId).ToArray();
        var options = new SitingOptions { ExistingIds = offices, Threshold = 900, TimeLimit = TimeSpan.FromSeconds(5) };
        var curve = Siting.Curve(PhuYen.Network, options, 3);
        Assert.All(curve, r => Assert.Equal(SitingStatus.Optimal, r.Status));
        for (int k = 1; k < curve.Length; k++)
        {
            Assert.True(curve[k].ObjectiveValue >= curve[k - 1].ObjectiveValue);
            Assert.True(curve[k].ObjectiveValue > curve[k - 1].ObjectiveValue, "on Phú Yên every extra point covers more communes");
            Assert.All(curve[k].ChosenIds, id => Assert.DoesNotContain(id, offices));
        }

        // Coverage count reported matches the shares a coverage analysis gives with the chosen points added.
        var withChosen = Coverage.Analyse(PhuYen.Network, new CoverageOptions { ServicePointIds = [.. offices, .. curve[3].ChosenIds], TimeThresholdsSeconds = [900], DistanceThresholdsMetres = [] });
        Assert.Equal(withChosen.Shares[0].CoveredCommunes, curve[3].CoveredCommunes);
    }

    [Fact]
    public void Bad_options_name_the_field()
    {
        var e = Assert.Throws<ArgumentException>(() => Siting.Solve(PhuYen.Network, new SitingOptions { CandidateIds = ["nope"] }, 1));
        Assert.Contains("CandidateIds[0]", e.Message);
        Assert.Throws<ArgumentException>(() => Siting.Solve(PhuYen.Network, new SitingOptions { Threshold = -1 }, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Siting.Solve(PhuYen.Network, new SitingOptions(), -1));
    }
}
