using FsCheck.Xunit;
using PostRoute.Engine.Network;
using PostRoute.Engine.Paths;
using PostRoute.Engine.Planning;

namespace PostRoute.Engine.Tests.Planning;

public class CoverageTests
{
    private const string Seed = "(20250301,4409)";

    /// <summary>Checks every commune of a report against a matrix from the commune's node to every service point.</summary>
    private static void AssertMatchesMatrix(PostalNetwork network, CoverageReport report)
    {
        var points = report.ServicePointIds;
        foreach (var c in report.Communes)
        {
            if (c.Place.Placement == CommunePlacement.Unlocated)
            {
                Assert.Null(c.NearestByTimeId);
                Assert.Contains(c.Code, report.UnlocatedCodes);
                continue;
            }

            double bestTime = double.PositiveInfinity, bestDistance = double.PositiveInfinity;
            if (points.Length > 0)
            {
                var time = MatrixCalculator.Compute(network, [c.Place.NodeId!], points, report.Profile, PathMetric.Time);
                var distance = MatrixCalculator.Compute(network, [c.Place.NodeId!], points, report.Profile, PathMetric.Distance);
                for (int j = 0; j < points.Length; j++)
                {
                    bestTime = Math.Min(bestTime, time.DurationSeconds(0, j));
                    bestDistance = Math.Min(bestDistance, distance.DistanceMetres(0, j));
                }
            }

            Assert.Equal(bestTime, c.TimeSeconds, 6);
            Assert.Equal(bestDistance, c.DistanceMetres, 6);
            if (c.NearestByTimeId is { } id)
            {
                // The named point is one of the nearest (ties may name any of them).
                var m = MatrixCalculator.Compute(network, [c.Place.NodeId!], [id, c.NearestByDistanceId!], report.Profile, PathMetric.Time);
                Assert.Equal(bestTime, m.DurationSeconds(0, 0), 6);
                var d = MatrixCalculator.Compute(network, [c.Place.NodeId!], [c.NearestByDistanceId!], report.Profile, PathMetric.Distance);
                Assert.Equal(bestDistance, d.DistanceMetres(0, 0), 6);
            }
            else
            {
                Assert.True(double.IsPositiveInfinity(bestTime));
            }
        }

        foreach (var share in report.Shares)
        {
            var located = report.Communes.Where(c => c.Place.Placement != CommunePlacement.Unlocated).ToList();
            var covered = located.Where(c => (share.Metric == PathMetric.Time ? c.TimeSeconds : c.DistanceMetres) <= share.Threshold).ToList();
            Assert.Equal(covered.Count, share.CoveredCommunes);
            Assert.Equal(located.Count, share.LocatedCommunes);
            Assert.Equal(report.Communes.Length, share.TotalCommunes);
            Assert.Equal(covered.Sum(c => (long)(c.Place.Commune.Population ?? 0)), share.PopulationCovered);
            Assert.Equal(located.Except(covered).Select(c => c.Code), share.UncoveredCodes);
        }
    }

    [Fact]
    public void Phu_Yen_service_points_cover_every_located_commune_at_zero_and_31_are_unlocated()
    {
        var network = PhuYen.Network;
        var report = Coverage.Analyse(network);
        Assert.Equal(PhuYen.ServicePointIds.ToArray(), report.ServicePointIds.ToArray());
        Assert.Equal(31, report.UnlocatedCodes.Length);
        var located = report.Communes.Where(c => c.Place.Placement != CommunePlacement.Unlocated).ToList();
        Assert.Equal(75, located.Count);
        Assert.All(located, c => Assert.Equal(CommunePlacement.Node, c.Place.Placement));
        Assert.All(located, c => Assert.Equal(0, c.TimeSeconds));
        Assert.All(report.Shares, s => Assert.Equal(1.0, s.CommuneShare));
        Assert.All(report.Shares, s => Assert.Null(s.PopulationShare)); // Phú Yên's register has no population
        AssertMatchesMatrix(network, report);
    }

    [Fact]
    public void Phu_Yen_coverage_by_the_offices_matches_a_direct_matrix()
    {
        var network = PhuYen.Network;
        var offices = PhuYen.DistrictOfficeIds.Prepend(PhuYen.HubId).ToArray();
        var report = Coverage.Analyse(network, new CoverageOptions { ServicePointIds = offices });
        Assert.Contains(report.Shares, s => s.CommuneShare is > 0 and < 1);
        AssertMatchesMatrix(network, report);
    }

    [Property(Arbitrary = [typeof(PlanningArbitraries)], MaxTest = 100, Replay = Seed)]
    public void Random_networks_match_a_direct_matrix_with_one_way_and_closed_links(PlanningCase g)
    {
        var report = Coverage.Analyse(g.Network, new CoverageOptions { DistanceThresholdsMetres = [10, 25], TimeThresholdsSeconds = [15, 40] });
        AssertMatchesMatrix(g.Network, report);
        Assert.Equal(new[] { "nowhere" }, report.UnlocatedCodes.ToArray());

        // The snapped commune lies on the nearest node that has a usable link.
        var snapped = report.Communes.Single(c => c.Code == "snapped").Place;
        if (snapped.Placement == CommunePlacement.Snapped)
        {
            var at = g.Network.FindCommune("snapped")!.Location!.Value;
            var usable = g.Network.Links.Where(l => !l.Closed && l.Allows(Profiles.Motorbike)).SelectMany(l => new[] { l.From, l.To }).ToHashSet();
            double best = g.Network.Nodes.Where(n => usable.Contains(n.Id)).Min(n => n.Location.DistanceTo(at));
            Assert.Equal(best, snapped.SnapDistanceMetres!.Value, 6);
        }
    }

    [Fact]
    public void Direction_is_from_the_commune_to_the_point()
    {
        // Commune C → point P one-way 100 s; P → C only by a 900 s detour through J.
        var b = new NetworkBuilder("oneway").AddProfile(Profiles.Motorbike)
            .AddNode(new Node("C", NodeKind.Commune, "", new GeoPoint(13, 109), "c1"))
            .AddNode(new Node("P", NodeKind.CommuneServicePoint, "", new GeoPoint(13.01, 109), "c2"))
            .AddNode(new Node("J", NodeKind.Junction, "", new GeoPoint(13.02, 109)))
            .AddLink(new Link("CP", "C", "P", 1000, new Dictionary<string, double> { [Profiles.Motorbike] = 100 }, OneWay: true))
            .AddLink(new Link("PJ", "P", "J", 4000, new Dictionary<string, double> { [Profiles.Motorbike] = 450 }))
            .AddLink(new Link("JC", "J", "C", 4000, new Dictionary<string, double> { [Profiles.Motorbike] = 450 }))
            .AddCommune(new Commune("c1", "C", CommuneType.Xa, "d", "d"))
            .AddCommune(new Commune("c2", "P", CommuneType.Xa, "d", "d"));
        var report = Coverage.Analyse(b.Build());
        var c1 = report.Communes.Single(c => c.Code == "c1");
        Assert.Equal(100, c1.TimeSeconds);
        Assert.Equal(1000, c1.DistanceMetres);
        Assert.Equal("P", c1.NearestByTimeId);
    }
}
