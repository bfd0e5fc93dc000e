using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using PostRoute.Engine.Formats;
using PostRoute.Engine.Network;
using PostRoute.Engine.Planning;

namespace PostRoute.Cli.Tests;

/// <summary>The network-planning verbs, checked against the Engine called directly.</summary>
public sealed class PlanningVerbTests : IDisposable
{
    private static readonly PostalNetwork Network = PhuYen.Network;
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string[] Offices => [.. Network.Nodes.Where(n => n.Kind is NodeKind.ProvincialHub or NodeKind.DistrictOffice).Select(n => n.Id)];

    // ---- coverage ----

    [Fact]
    public async Task Coverage_json_and_map_match_the_engine()
    {
        string outDir = _temp.Combine("coverage");

        var run = await CliHarness.RunAsync("coverage", "--points", "offices", "--km", "3,5", "--minutes", "15,30", "--json", "--out", outDir);

        Assert.Equal(0, run.ExitCode);
        var expected = Coverage.Analyse(Network, new CoverageOptions
        {
            ServicePointIds = Offices,
            DistanceThresholdsMetres = [3000, 5000],
            TimeThresholdsSeconds = [900, 1800],
        });
        using var doc = JsonDocument.Parse(run.Out);
        var root = doc.RootElement;
        var shares = root.GetProperty("shares").EnumerateArray().ToList();
        Assert.Equal(expected.Shares.Length, shares.Count);
        for (int i = 0; i < shares.Count; i++)
        {
            Assert.Equal(expected.Shares[i].CoveredCommunes, shares[i].GetProperty("covered").GetInt32());
            Assert.Equal(expected.Shares[i].LocatedCommunes, shares[i].GetProperty("located").GetInt32());
            Assert.Equal(expected.Shares[i].UncoveredCodes, shares[i].GetProperty("uncovered").EnumerateArray().Select(e => e.GetString()!));
        }

        var communes = root.GetProperty("communes").EnumerateArray().ToList();
        Assert.Equal(expected.Communes.Length, communes.Count); // every commune, not trimmed
        foreach (var (json, c) in communes.Zip(expected.Communes))
        {
            Assert.Equal(c.Code, json.GetProperty("code").GetString());
            Assert.Equal(c.NearestByTimeId, json.GetProperty("nearestByTime").GetString());
            if (c.Reachable)
            {
                Assert.Equal(c.TimeSeconds / 60, json.GetProperty("minutes").GetDouble(), 9);
                Assert.Equal(c.DistanceMetres / 1000, json.GetProperty("km").GetDouble(), 9);
            }
            else
            {
                Assert.Equal(JsonValueKind.Null, json.GetProperty("minutes").ValueKind);
            }
        }

        Assert.Equal(expected.UnlocatedCodes, root.GetProperty("unlocated").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal(2, root.GetProperty("outputs").GetArrayLength());
        Assert.Equal(run.Out, File.ReadAllText(Path.Combine(outDir, "coverage.json")));

        var svg = Svg(Path.Combine(outDir, "coverage.svg"));
        var shaded = WithClass(svg, "commune").Where(e => e.Attribute("data-value") is not null)
            .ToDictionary(e => e.Attribute("data-commune")!.Value, e => e.Attribute("data-value")!.Value);
        var located = expected.Communes.Where(c => c.Place.Placement != CommunePlacement.Unlocated && c.Place.Commune.Location is not null).ToList();
        Assert.NotEmpty(shaded);
        foreach (var c in located)
        {
            Assert.Equal(c.TimeSeconds / 60, double.Parse(shaded[c.Code], CultureInfo.InvariantCulture), 6);
        }

        Assert.Equal(Offices.Order(), WithClass(svg, "highlighted").Select(e => e.Attribute("data-node")!.Value).Order());
    }

    [Fact]
    public async Task Coverage_table_gives_the_shares_trims_the_communes_and_counts_the_unlocated()
    {
        var run = await CliHarness.RunAsync("coverage", "--points", "offices", "--top", "5");

        Assert.Equal(0, run.ExitCode);
        var expected = Coverage.Analyse(Network, new CoverageOptions { ServicePointIds = Offices });
        foreach (var share in expected.Shares)
        {
            Assert.Contains($"{share.CoveredCommunes} / {share.LocatedCommunes}", run.Out);
        }

        var located = expected.Communes.Where(c => c.Place.Placement != CommunePlacement.Unlocated).ToList();
        var farthest = located.MaxBy(c => c.TimeSeconds)!;
        Assert.Contains(farthest.Place.Commune.Name, run.Out);
        Assert.Contains($"… and {located.Count - 5} more located communes", run.Out);
        Assert.Contains($"{expected.UnlocatedCodes.Length} of {expected.Communes.Length} communes are unlocated", run.Out);
    }

    [Theory]
    [InlineData("--points", "kiosks")]
    [InlineData("--km", "3,far")]
    [InlineData("--minutes", "-5")]
    [InlineData("--profile", "bicycle")]
    public async Task Coverage_bad_options_are_usage_errors(string option, string value)
    {
        var run = await CliHarness.RunAsync("coverage", option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(option, run.Error);
        Assert.Equal("", run.Out);
    }

    // ---- site ----

    [Fact]
    public async Task Site_k_matches_the_engine_and_highlights_the_chosen_points()
    {
        string outDir = _temp.Combine("site");

        var run = await CliHarness.RunAsync("site", "--points", "offices", "--k", "2", "--minutes", "20", "--time", "1", "--json", "--out", outDir);

        Assert.Equal(0, run.ExitCode);
        var expected = Siting.Solve(Network, new SitingOptions { ExistingIds = Offices, Threshold = 1200, TimeLimit = TimeSpan.FromSeconds(1) }, 2);
        using var doc = JsonDocument.Parse(run.Out);
        var result = Assert.Single(doc.RootElement.GetProperty("results").EnumerateArray());
        Assert.Equal(2, result.GetProperty("k").GetInt32());
        Assert.Equal(expected.ObjectiveValue, result.GetProperty("objective").GetInt64());
        Assert.Equal(expected.CoveredCommunes, result.GetProperty("coveredCommunes").GetInt32());
        var chosen = result.GetProperty("chosen").EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToList();
        Assert.Equal(expected.ChosenIds, chosen);

        var svg = Svg(Path.Combine(outDir, "site.svg"));
        Assert.Equal(chosen.Order(), WithClass(svg, "highlighted").Select(e => e.Attribute("data-node")!.Value).Order());
        Assert.Contains(WithClass(svg, "commune"), e => e.Attribute("data-value") is not null);
    }

    [Fact]
    public async Task Site_max_k_prints_the_curve()
    {
        var run = await CliHarness.RunAsync("site", "--points", "offices", "--max-k", "2", "--objective", "p-median", "--time", "1");

        Assert.Equal(0, run.ExitCode);
        var curve = Siting.Curve(Network, new SitingOptions { ExistingIds = Offices, Objective = SitingObjective.PMedian, TimeLimit = TimeSpan.FromSeconds(1) }, 2);
        Assert.Equal(3, curve.Length);
        foreach (var r in curve)
        {
            Assert.Contains(r.ObjectiveValue.ToString(CultureInfo.InvariantCulture), run.Out);
        }

        foreach (string id in curve[^1].ChosenIds)
        {
            Assert.Contains(id, run.Out);
            Assert.Contains(Network.FindNode(id)!.Name, run.Out);
        }
    }

    [Theory]
    [InlineData("site")] // neither -k nor --max-k
    [InlineData("site", "-k", "1", "--max-k", "2")]
    [InlineData("site", "-k", "1", "--objective", "cheapest")]
    [InlineData("site", "-k", "1", "--minutes", "10", "--km", "3")]
    [InlineData("site", "-k", "1", "--weight", "votes")]
    [InlineData("site", "-k", "-1")]
    public async Task Site_bad_options_are_usage_errors(params string[] args)
    {
        var run = await CliHarness.RunAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error:", run.Error);
    }

    // ---- closure ----

    [Fact]
    public async Task Closure_reports_the_cut_off_communes_and_replans_around_them()
    {
        string outDir = _temp.Combine("closure");
        const string flooded = "sp-22180"; // closing every link at a service point cuts its commune off
        string[] linksAtNode = [.. Network.Links.Where(l => l.From == flooded || l.To == flooded).Select(l => l.Id)];
        var extra = Network.Links.First(l => l.RoadClass == RoadClass.District && !linksAtNode.Contains(l.Id)).Id;

        var run = await CliHarness.RunAsync("closure", "--close", extra, "--close-node", flooded, "--date", "2025-03-14", "--time", "1", "--json", "--out", outDir);

        using var doc = JsonDocument.Parse(run.Out);
        var root = doc.RootElement;
        var closed = root.GetProperty("closedLinks").EnumerateArray().Select(l => l.GetProperty("id").GetString()!).ToHashSet();
        Assert.True(closed.SetEquals(linksAtNode.Append(extra)));
        var impact = Closures.Analyse(Network, closed);
        Assert.Equal(impact.CutOffFromOffice, Codes(root.GetProperty("cutOffFromOffice")));
        Assert.Equal(impact.CutOffFromHub, Codes(root.GetProperty("cutOffFromHub")));
        Assert.Contains(Network.FindNode(flooded)!.CommuneCode!, impact.CutOffFromOffice);
        Assert.Equal(impact.Communes.Count(c => c.ExtraOfficeSeconds > 0.5 || c.ExtraHubSeconds > 0.5), root.GetProperty("slower").GetArrayLength());

        // The re-plan, read back from replan.json, no longer visits the flooded point and passes the checker on the closed network.
        var replan = root.GetProperty("replan");
        var written = SolutionJson.Read(File.ReadAllText(Path.Combine(outDir, "replan.json")));
        string job = MailRun.LocalJobId(flooded);
        Assert.DoesNotContain(written.Routes.SelectMany(r => r.Steps), s => s.Id == job);
        Assert.Equal(written.Cost.Total, replan.GetProperty("cost").GetDouble(), 6);
        Assert.Equal(written.Cost.Total - root.GetProperty("previous").GetProperty("cost").GetDouble(), replan.GetProperty("costDifference").GetDouble(), 6);
        Assert.True(root.GetProperty("check").GetProperty("valid").GetBoolean());
        var run2 = MailRun.Build(Network.WithLinksClosed(closed), new MailRunOptions { Date = new DateOnly(2025, 3, 14), Seed = 1 });
        if (run2.Problem.IndexOfJob(job) >= 0)
        {
            Assert.Contains(written.Unassigned, u => u.Id == job);
        }

        Assert.Equal(written.UnservedMandatoryCount > 0 ? 1 : 0, run.ExitCode);

        var svg = Svg(Path.Combine(outDir, "closure.svg"));
        Assert.True(closed.SetEquals(WithClass(svg, "closed").Select(e => e.Attribute("data-link")!.Value)));
        Assert.Equal(impact.CutOffFromOffice.Union(impact.CutOffFromHub).Order(),
            WithClass(svg, "cut-off").Select(e => e.Attribute("data-commune")!.Value).Order());
        Assert.Equal(written.Routes.Count, svg.Descendants().Count(e => e.Name.LocalName == "path" && Classes(e).Contains("route")));
    }

    [Fact]
    public async Task Closure_table_names_the_cut_off_commune_and_the_changed_routes_and_flood_is_an_alias()
    {
        var run = await CliHarness.RunAsync("flood", "--close-node", "sp-22180", "--date", "2025-03-14", "--time", "1");

        Assert.True(run.ExitCode is 0 or 1, run.Error);
        Assert.Contains("communes cut off", run.Out);
        Assert.Contains(Network.FindCommune(Network.FindNode("sp-22180")!.CommuneCode!)!.Name, run.Out);
        Assert.Contains("cost ", run.Out);
        Assert.True(run.Out.Contains("routes changed") || run.Out.Contains("No route changed"));
    }

    [Fact]
    public async Task Closure_replans_a_plan_folder_written_by_plan()
    {
        string planDir = _temp.Combine("plan");
        var plan = await CliHarness.RunAsync("plan", "--date", "2025-03-14", "--time", "1", "--out", planDir, "--quiet");
        Assert.True(plan.ExitCode is 0 or 1, plan.Error);
        var stored = SolutionJson.Read(File.ReadAllText(Path.Combine(planDir, "plan.json")));

        var run = await CliHarness.RunAsync("closure", "--close-node", "sp-22180", "--plan", planDir, "--date", "2025-03-14", "--time", "1", "--json");

        using var doc = JsonDocument.Parse(run.Out);
        var previous = doc.RootElement.GetProperty("previous");
        Assert.EndsWith("plan.json", previous.GetProperty("source").GetString());
        Assert.Equal(stored.Cost.Total, previous.GetProperty("cost").GetDouble(), 3);
        Assert.Equal(stored.Routes.Count, previous.GetProperty("vehiclesUsed").GetInt32());
    }

    [Fact]
    public async Task Closure_plan_of_another_day_is_a_bad_input()
    {
        string planDir = _temp.Combine("plan");
        Directory.CreateDirectory(planDir);
        await File.WriteAllTextAsync(Path.Combine(planDir, "plan.json"), """{"solver":"x","solveStatus":"timeLimit","elapsedSeconds":1,"timeToBestSeconds":1,"improvements":0,"cost":{"total":1,"fixed":0,"distance":0,"time":0,"penalty":0},"vehiclesUsed":1,"distanceMetres":0,"durationSeconds":0,"unservedMandatoryCount":0,"routes":[{"vehicle":"bus-9","vehicleIndex":0,"startSeconds":0,"endSeconds":0,"durationSeconds":0,"travelSeconds":0,"serviceSeconds":0,"waitingSeconds":0,"breakSeconds":0,"distanceMetres":0,"stopCount":0,"fixedCost":0,"distanceCost":0,"timeCost":0,"cost":0,"steps":[]}],"unassigned":[]}""");

        var run = await CliHarness.RunAsync("closure", "--close-node", "sp-22180", "--plan", planDir, "--date", "2025-03-14", "--time", "1");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("bus-9", run.Error);
    }

    [Theory]
    [InlineData("--close", "no-such-link", "no-such-link")]
    [InlineData("--close-node", "no-such-node", "no-such-node")]
    [InlineData("--date", "14/03/2025", "yyyy-MM-dd")]
    public async Task Closure_unknown_ids_and_bad_options_are_usage_errors(string option, string value, string named)
    {
        string[] args = option == "--date" ? ["closure", "--close-node", "sp-22180", option, value] : ["closure", option, value];

        var run = await CliHarness.RunAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(named, run.Error);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task Closure_without_roads_to_close_is_a_usage_error()
    {
        var run = await CliHarness.RunAsync("closure", "--time", "1");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--close", run.Error);
    }

    // ---- critical roads ----

    [Fact]
    public async Task Critical_roads_json_and_map_match_the_engine()
    {
        string outDir = _temp.Combine("critical");

        var run = await CliHarness.RunAsync("critical-roads", "--minutes", "10", "--top", "5", "--json", "--out", outDir);

        Assert.Equal(0, run.ExitCode);
        var expected = CriticalRoads.Scan(Network, new CriticalRoadOptions { ThresholdSeconds = 600 });
        using var doc = JsonDocument.Parse(run.Out);
        var roads = doc.RootElement.GetProperty("roads").EnumerateArray().ToList();
        Assert.Equal(expected.Roads.Select(r => r.LinkId), roads.Select(r => r.GetProperty("link").GetString()!)); // all, ranked
        foreach (var (json, road) in roads.Zip(expected.Roads))
        {
            Assert.Equal(road.CutOffCommunes, json.GetProperty("cutOffCommunes").GetInt32());
            Assert.Equal(road.AffectedCommunes - road.CutOffCommunes, json.GetProperty("slowedCommunes").GetInt32());
            Assert.Equal(road.MaxExtraSeconds / 60, json.GetProperty("maxExtraMinutes").GetDouble(), 9);
        }

        var svg = Svg(Path.Combine(outDir, "critical-roads.svg"));
        var critical = WithClass(svg, "critical").Select(e => e.Attribute("data-link")!.Value).ToHashSet();
        Assert.True(critical.SetEquals(expected.Roads.Take(5).Select(r => r.LinkId)));
        var ranks = WithClass(svg, "label-rank").Select(e => e.Value).ToHashSet();
        Assert.Contains("1", ranks);
    }

    [Fact]
    public async Task Critical_roads_table_lists_the_top_roads_with_names()
    {
        var run = await CliHarness.RunAsync("critical-roads", "--minutes", "5", "--top", "3");

        Assert.Equal(0, run.ExitCode);
        var expected = CriticalRoads.Scan(Network, new CriticalRoadOptions { ThresholdSeconds = 300 });
        foreach (var road in expected.Roads.Take(3))
        {
            Assert.Contains(road.LinkId, run.Out);
            Assert.Contains(Network.FindNode(road.FromNodeId)!.Name, run.Out);
        }

        Assert.DoesNotContain($" {expected.Roads[3].LinkId} ", run.Out);
        Assert.Contains($"… and {expected.Roads.Length - 3} more critical roads", run.Out);
    }

    [Fact]
    public async Task Critical_roads_on_a_terminal_shows_progress_and_still_prints_the_table()
    {
        var run = await CliHarness.RunAsync(["critical-roads", "--top", "2"], CancellationToken.None, interactive: true);

        Assert.Equal(0, run.ExitCode);
        var expected = CriticalRoads.Scan(Network, new CriticalRoadOptions());
        Assert.Contains(expected.Roads[0].LinkId, run.Out);
    }

    [Fact]
    public async Task Critical_roads_cancelled_exits_130()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var run = await CliHarness.RunAsync(["critical-roads", "--out", _temp.Combine("critical")], cancelled.Token);

        Assert.Equal(130, run.ExitCode);
        Assert.False(Directory.Exists(_temp.Combine("critical")));
    }

    [Theory]
    [InlineData("--minutes", "-1")]
    [InlineData("--top", "-2")]
    [InlineData("--profile", "bicycle")]
    public async Task Critical_roads_bad_options_are_usage_errors(string option, string value)
    {
        var run = await CliHarness.RunAsync("critical-roads", option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(option, run.Error);
    }

    private static IEnumerable<string> Codes(JsonElement array) => array.EnumerateArray().Select(e => e.GetProperty("code").GetString()!);

    private static XDocument Svg(string path) => XDocument.Load(path);

    private static string[] Classes(XElement e) => e.Attribute("class")?.Value.Split(' ') ?? [];

    private static IEnumerable<XElement> WithClass(XDocument svg, string name) => svg.Descendants().Where(e => Classes(e).Contains(name));
}
