using FsCheck.Xunit;
using PostRoute.Engine.Network;
using PostRoute.Engine.Paths;
using PostRoute.Engine.Planning;

namespace PostRoute.Engine.Tests.Planning;

public class CriticalRoadTests
{
    private const string Seed = "(20250303,8821)";

    /// <summary>
    /// Brute force: close each link in turn and recompute every office → commune and hub → commune time from scratch
    /// with <see cref="ShortestPaths.FromSource"/>; returns (link, commune, origin, before, after or null) for every trip
    /// hurt by more than the threshold.
    /// </summary>
    private static HashSet<(string Link, string Commune, string Origin, bool Hub, double Before, double? After)> BruteForce(
        PostalNetwork network, CriticalRoadOptions options)
    {
        var places = Coverage.Analyse(network, new CoverageOptions { Profile = options.Profile }).Communes
            .Where(c => c.Place.Placement != CommunePlacement.Unlocated).Select(c => c.Place).ToList();
        var offices = network.Nodes.Where(n => n.Kind == NodeKind.DistrictOffice && n.DistrictCode is not null)
            .GroupBy(n => n.DistrictCode!).ToDictionary(g => g.Key, g => g.First().Id);
        string? hub = network.Nodes.FirstOrDefault(n => n.Kind == NodeKind.ProvincialHub)?.Id;
        var trips = new List<(CommunePlace Place, string Origin, bool Hub)>();
        foreach (var p in places)
        {
            if (options.FromDistrictOffices && offices.TryGetValue(p.Commune.DistrictCode, out var office))
            {
                trips.Add((p, office, false));
            }

            if (options.FromHub && hub is not null)
            {
                trips.Add((p, hub, true));
            }
        }

        var origins = trips.Select(t => t.Origin).Distinct().ToList();
        Dictionary<string, ShortestPathTree> Trees(PostalNetwork n) =>
            origins.ToDictionary(o => o, o => ShortestPaths.FromSource(n, o, options.Profile));
        var before = Trees(network);
        var hurt = new HashSet<(string, string, string, bool, double, double?)>();
        foreach (var link in network.Links.Where(l => !l.Closed && l.Allows(options.Profile)))
        {
            var after = Trees(network.WithLinksClosed(link.Id));
            foreach (var (place, origin, isHub) in trips)
            {
                double b = before[origin].DurationSeconds[place.NodeIndex];
                double a = after[origin].DurationSeconds[place.NodeIndex];
                if (double.IsPositiveInfinity(b))
                {
                    continue;
                }

                if (double.IsPositiveInfinity(a) || a - b > options.ThresholdSeconds)
                {
                    hurt.Add((link.Id, place.Commune.Code, origin, isHub, b, double.IsPositiveInfinity(a) ? null : a));
                }
            }
        }

        return hurt;
    }

    private static HashSet<(string, string, string, bool, double, double?)> Flatten(CriticalRoadReport report) =>
        [.. report.Roads.SelectMany(r => r.Impacts.Select(i => (r.LinkId, i.CommuneCode, i.OriginId, i.FromHub, i.BeforeSeconds, i.AfterSeconds)))];

    [Property(Arbitrary = [typeof(PlanningArbitraries)], MaxTest = 150, Replay = Seed)]
    public void Scan_equals_closing_each_link_and_recomputing_from_scratch(PlanningCase g)
    {
        foreach (double threshold in new[] { 0.0, 7 })
        {
            var options = new CriticalRoadOptions { ThresholdSeconds = threshold };
            var report = CriticalRoads.Scan(g.Network, options);
            var expected = BruteForce(g.Network, options);
            var actual = Flatten(report);
            Assert.True(expected.SetEquals(actual),
                $"threshold {threshold}: missing {string.Join(" ", expected.Except(actual))}; extra {string.Join(" ", actual.Except(expected))}");
        }
    }

    [Fact]
    public void Phu_Yen_scan_equals_brute_force_and_is_ranked()
    {
        var options = new CriticalRoadOptions { ThresholdSeconds = 300 };
        var report = CriticalRoads.Scan(PhuYen.Network, options);
        var expected = BruteForce(PhuYen.Network, options);
        Assert.True(expected.SetEquals(Flatten(report)));
        Assert.NotEmpty(report.Roads);
        for (int i = 1; i < report.Roads.Length; i++)
        {
            Assert.True(report.Roads[i - 1].AffectedCommunes >= report.Roads[i].AffectedCommunes);
        }

        // Every link whose closure cuts a commune off is a bridge of the undirected view (no one-way links here).
        var bridges = QuikGraphAdapter.AnalyseConnectivity(PhuYen.Network, Profiles.Motorbike).Bridges;
        Assert.All(report.Roads.Where(r => r.CutOffCommunes > 0), r => Assert.Contains(r.LinkId, bridges));
        Assert.All(report.Roads, r => Assert.Equal(bridges.Contains(r.LinkId), r.IsBridge));
    }

    [Fact]
    public void Progress_reaches_one_and_cancellation_stops_the_scan()
    {
        var seen = new List<double>();
        var progress = new SynchronousProgress(seen.Add);
        CriticalRoads.Scan(PhuYen.Network, null, progress);
        Assert.Equal(1.0, seen[^1], 9);
        Assert.True(seen.Zip(seen.Skip(1)).All(p => p.First <= p.Second + 1e-12));
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => CriticalRoads.Scan(PhuYen.Network, null, null, cts.Token));
    }

    [Fact]
    public void Synthetic_road_network_scan_matches_brute_force_on_a_sample_of_links()
    {
        // A 400-node generated grid with communes on every 10th node, two districts and a hub: the scan's extra times
        // for the first links it reports are checked by closing them.
        var network = SyntheticPostalNetwork.Build(400, communeEvery: 10, districts: 2);
        var options = new CriticalRoadOptions { ThresholdSeconds = 120 };
        var report = CriticalRoads.Scan(network, options);
        Assert.NotEmpty(report.Roads);
        foreach (var road in report.Roads.Take(5))
        {
            var closed = network.WithLinksClosed(road.LinkId);
            foreach (var impact in road.Impacts)
            {
                var node = Coverage.Analyse(network).Communes.Single(c => c.Code == impact.CommuneCode).Place.NodeId!;
                var before = ShortestPaths.Find(network, impact.OriginId, node, Profiles.Motorbike);
                var after = ShortestPaths.Find(closed, impact.OriginId, node, Profiles.Motorbike);
                Assert.Equal(before.DurationSeconds, impact.BeforeSeconds, 6);
                Assert.Equal(after.Found, impact.AfterSeconds is not null);
                if (after.Found)
                {
                    Assert.Equal(after.DurationSeconds, impact.AfterSeconds!.Value, 6);
                }
            }
        }
    }

    private sealed class SynchronousProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
