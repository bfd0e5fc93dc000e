using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using PostRoute.Engine.Network;
using PostRoute.Engine.Paths;
using PostRoute.Engine.Planning;

namespace PostRoute.Api.Tests;

/// <summary>One host for the read-only planning endpoints (they store nothing).</summary>
public sealed class PlanningApiFixture : IAsyncLifetime
{
    public TestApi Api { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Api = new TestApi();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Api.DisposeAsync();
}

/// <summary>Coverage, siting, closure impact and critical roads, checked against the Engine called directly.</summary>
public sealed class PlanningEndpointTests(PlanningApiFixture fixture) : IClassFixture<PlanningApiFixture>
{
    private HttpClient Client => fixture.Api.Client;

    private static PostalNetwork Network => PhuYen.Network;

    internal static async Task<string[]> ErrorKeys(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = await TestApi.ReadJson(response);
        return [.. body.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
    }

    internal static async Task<XDocument> Svg(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        var svg = XDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("svg", svg.Root!.Name.LocalName);
        return svg;
    }

    internal static List<XElement> WithClass(XDocument svg, string element, string cssClass) =>
        [.. svg.Descendants().Where(e => e.Name.LocalName == element &&
            ((string?)e.Attribute("class") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(cssClass))];

    private static double? Nullable(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetDouble();

    private static string[] Strings(JsonElement e) => [.. e.EnumerateArray().Select(x => x.GetString()!)];

    [Fact]
    public async Task Coverage_matches_the_engine_for_service_points_and_for_offices()
    {
        using var body = JsonDocument.Parse(await Client.GetStringAsync("/networks/phu-yen/coverage?distanceKm=3,5&minutes=15,30"));
        var root = body.RootElement;
        var expected = Coverage.Analyse(Network, new CoverageOptions { DistanceThresholdsMetres = [3000, 5000], TimeThresholdsSeconds = [900, 1800] });

        Assert.Equal(Network.Version, root.GetProperty("networkVersion").GetInt64());
        Assert.Equal(expected.ServicePointIds, Strings(root.GetProperty("servicePointIds")));
        Assert.Equal(expected.UnlocatedCodes, Strings(root.GetProperty("unlocatedCodes")));
        var shares = root.GetProperty("shares").EnumerateArray().ToList();
        Assert.Equal(expected.Shares.Length, shares.Count);
        for (int i = 0; i < shares.Count; i++)
        {
            var want = expected.Shares[i];
            Assert.Equal(want.Metric == PathMetric.Time ? "time" : "distance", shares[i].GetProperty("metric").GetString());
            Assert.Equal(want.Threshold, shares[i].GetProperty("threshold").GetDouble());
            Assert.Equal(want.CoveredCommunes, shares[i].GetProperty("coveredCommunes").GetInt32());
            Assert.Equal(want.LocatedCommunes, shares[i].GetProperty("locatedCommunes").GetInt32());
            Assert.Equal(want.CommuneShare, shares[i].GetProperty("communeShare").GetDouble(), 12);
            Assert.Equal(want.PopulationShare, Nullable(shares[i].GetProperty("populationShare")));
            Assert.Equal(want.UncoveredCodes, Strings(shares[i].GetProperty("uncoveredCodes")));
        }

        var communes = root.GetProperty("communes").EnumerateArray().ToList();
        Assert.Equal(expected.Communes.Length, communes.Count);
        for (int i = 0; i < communes.Count; i++)
        {
            var want = expected.Communes[i];
            Assert.Equal(want.Code, communes[i].GetProperty("code").GetString());
            Assert.Equal(want.NearestByTimeId, communes[i].GetProperty("nearestByTimeId").GetString());
            Assert.Equal(want.NearestByDistanceId, communes[i].GetProperty("nearestByDistanceId").GetString());
            Assert.Equal(double.IsFinite(want.TimeSeconds) ? want.TimeSeconds : null, Nullable(communes[i].GetProperty("timeSeconds")));
            Assert.Equal(double.IsFinite(want.DistanceMetres) ? want.DistanceMetres : null, Nullable(communes[i].GetProperty("distanceMetres")));
        }

        Assert.Equal(expected.Communes.Where(c => c.Place.Placement != CommunePlacement.Unlocated && !c.Reachable).Select(c => c.Code),
            Strings(root.GetProperty("unreachableCodes")));

        // Offices: hub and district offices are the points.
        using var offices = JsonDocument.Parse(await Client.GetStringAsync("/networks/phu-yen/coverage?points=offices&minutes=20"));
        string[] officeIds = [.. Network.Nodes.Where(n => n.Kind is NodeKind.ProvincialHub or NodeKind.DistrictOffice).Select(n => n.Id)];
        var byOffice = Coverage.Analyse(Network, new CoverageOptions { ServicePointIds = officeIds, TimeThresholdsSeconds = [1200] });
        Assert.Equal(officeIds, Strings(offices.RootElement.GetProperty("servicePointIds")));
        var timeShare = offices.RootElement.GetProperty("shares").EnumerateArray().Last();
        Assert.Equal(byOffice.ShareAt(PathMetric.Time, 1200)!.CoveredCommunes, timeShare.GetProperty("coveredCommunes").GetInt32());
        Assert.Equal(byOffice.ShareAt(PathMetric.Time, 1200)!.UncoveredCodes, Strings(timeShare.GetProperty("uncoveredCodes")));
    }

    [Fact]
    public async Task Coverage_map_shades_communes_by_minutes_and_marks_the_uncovered_and_added_points()
    {
        string added = Network.Nodes.First(n => n.Kind == NodeKind.DistrictOffice).Id;
        var svg = await Svg(await Client.GetAsync($"/networks/phu-yen/coverage.svg?minutes=10&add={added}"));
        var points = Coverage.Analyse(Network).ServicePointIds.Append(added).ToList();
        var expected = Coverage.Analyse(Network, new CoverageOptions { ServicePointIds = points, TimeThresholdsSeconds = [600] });

        var shaded = WithClass(svg, "circle", "commune").Where(c => c.Attribute("data-value") is not null).ToList();
        var located = expected.Communes.Where(c => c.Place.Placement != CommunePlacement.Unlocated && c.Reachable).ToList();
        Assert.NotEmpty(shaded);
        foreach (var c in located)
        {
            var circle = shaded.Single(e => (string?)e.Attribute("data-commune") == c.Code);
            Assert.Equal(c.TimeSeconds / 60, double.Parse((string)circle.Attribute("data-value")!, System.Globalization.CultureInfo.InvariantCulture), 1);
        }

        var marked = expected.ShareAt(PathMetric.Time, 600)!.UncoveredCodes;
        Assert.Equal(marked.Order(StringComparer.Ordinal),
            WithClass(svg, "circle", "cut-off").Select(e => (string)e.Attribute("data-commune")!).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains(WithClass(svg, "circle", "highlighted"), e => (string?)e.Attribute("data-node") == added);
    }

    [Fact]
    public async Task Coverage_rejects_bad_parameters_naming_each_and_unknown_networks()
    {
        var response = await Client.GetAsync("/networks/phu-yen/coverage?distanceKm=3,x&minutes=-1&points=shops&add=sp-nowhere&profile=plane");
        Assert.Equal(["add[0]", "distanceKm[1]", "minutes[0]", "points", "profile"], await ErrorKeys(response));
        response = await Client.GetAsync("/networks/phu-yen/coverage.svg?minutes=abc");
        Assert.Equal(["minutes[0]"], await ErrorKeys(response));
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/networks/nowhere/coverage")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/networks/phu-yen/coverage.svg?version=999")).StatusCode);
    }

    [Fact]
    public async Task Siting_matches_the_engine_for_one_k_and_for_a_curve()
    {
        var response = await Client.PostAsync("/networks/phu-yen/siting", TestApi.JsonBody(
            """{ "objective": "maximum-coverage", "k": 2, "thresholdMinutes": 10, "timeLimitSeconds": 2, "seed": 1 }"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = await TestApi.ReadJson(response);
        var options = new SitingOptions { Threshold = 600, TimeLimit = TimeSpan.FromSeconds(2), Seed = 1 };
        var expected = Siting.Solve(Network, options, 2);
        var result = body.RootElement.GetProperty("result");
        Assert.Equal(JsonValueKind.Null, body.RootElement.GetProperty("curve").ValueKind);
        Assert.Equal(expected.ChosenIds, Strings(result.GetProperty("chosenIds")));
        Assert.Equal(expected.ObjectiveValue, result.GetProperty("objectiveValue").GetInt64());
        Assert.Equal(expected.CoveredCommunes, result.GetProperty("coveredCommunes").GetInt32());
        Assert.Equal(JsonNamingPolicy.CamelCase.ConvertName(expected.Status.ToString()), result.GetProperty("status").GetString());
        Assert.Equal(600, body.RootElement.GetProperty("threshold").GetDouble());

        // p-median curve k = 0 … 2 over given candidates: the budget is shared among the three solves.
        string[] candidates = [.. Network.Nodes.Where(n => n.Kind is NodeKind.DistrictOffice or NodeKind.Junction).Select(n => n.Id).Take(12)];
        response = await Client.PostAsync("/networks/phu-yen/siting", TestApi.JsonBody(new
        {
            objective = "p-median", maxK = 2, candidates, timeLimitSeconds = 3, seed = 0,
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var curveBody = await TestApi.ReadJson(response);
        var curve = Siting.Curve(Network, new SitingOptions
        {
            Objective = SitingObjective.PMedian, CandidateIds = candidates, TimeLimit = TimeSpan.FromSeconds(1), Seed = 0,
        }, 2);
        var points = curveBody.RootElement.GetProperty("curve").EnumerateArray().ToList();
        Assert.Equal(curve.Select(r => r.ObjectiveValue), points.Select(p => p.GetProperty("objectiveValue").GetInt64()));
        Assert.Equal(curve.Select(r => r.K), points.Select(p => p.GetProperty("k").GetInt32()));
        Assert.Equal(curve[^1].ChosenIds, Strings(curveBody.RootElement.GetProperty("result").GetProperty("chosenIds")));
    }

    [Fact]
    public async Task Siting_rejects_bad_bodies_naming_each_field()
    {
        var response = await Client.PostAsync("/networks/phu-yen/siting", TestApi.JsonBody(
            """{ "objective": "best", "k": -1, "weight": "people", "thresholdKm": 3, "candidates": ["hub-tuy-hoa", "nope"], "timeLimitSeconds": 0, "profile": "plane" }"""));
        Assert.Equal(["candidates[1]", "k", "objective", "profile", "thresholdKm", "timeLimitSeconds", "weight"], await ErrorKeys(response));

        response = await Client.PostAsync("/networks/phu-yen/siting", TestApi.JsonBody("""{ "k": 1, "maxK": 3, "version": 99 }"""));
        Assert.Equal(["maxK", "version"], await ErrorKeys(response));

        response = await Client.PostAsync("/networks/phu-yen/siting", TestApi.JsonBody("""{ "kk": 1 }"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.PostAsync("/networks/nowhere/siting", TestApi.JsonBody("{}"))).StatusCode);
    }

    /// <summary>A link whose closure cuts at least one commune off (the first such critical road of the sample).</summary>
    private static string CuttingLink() =>
        CriticalRoads.Scan(Network).Roads.First(r => r.CutOffCommunes > 0).LinkId;

    [Fact]
    public async Task Closure_impact_matches_the_engine_and_its_map_marks_closed_links_and_cut_off_communes()
    {
        string link = CuttingLink();
        var expected = Closures.Analyse(Network, [link]);
        var response = await Client.PostAsync("/networks/phu-yen/closure-impact", TestApi.JsonBody(new { closedLinkIds = new[] { link } }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = await TestApi.ReadJson(response);
        var root = body.RootElement;
        Assert.NotEmpty(expected.CutOffFromOffice.Concat(expected.CutOffFromHub));
        Assert.Equal(expected.CutOffFromOffice, Strings(root.GetProperty("cutOffFromOffice")));
        Assert.Equal(expected.CutOffFromHub, Strings(root.GetProperty("cutOffFromHub")));
        Assert.Equal(expected.OfficesCutOffFromHub, Strings(root.GetProperty("officesCutOffFromHub")));
        var communes = root.GetProperty("communes").EnumerateArray().ToList();
        Assert.Equal(expected.Communes.Length, communes.Count);
        for (int i = 0; i < communes.Count; i++)
        {
            Assert.Equal(expected.Communes[i].Code, communes[i].GetProperty("code").GetString());
            Assert.Equal(expected.Communes[i].ExtraOfficeSeconds, Nullable(communes[i].GetProperty("extraOfficeSeconds")));
            Assert.Equal(expected.Communes[i].ExtraHubSeconds, Nullable(communes[i].GetProperty("extraHubSeconds")));
            Assert.Equal(expected.Communes[i].CutOffFromOffice, communes[i].GetProperty("cutOffFromOffice").GetBoolean());
        }

        var svg = await Svg(await Client.PostAsync("/networks/phu-yen/closure-impact.svg", TestApi.JsonBody(new { closedLinkIds = new[] { link } })));
        Assert.Contains(WithClass(svg, "line", "closed"), e => (string?)e.Attribute("data-link") == link);
        Assert.Equal(expected.CutOffFromOffice.Concat(expected.CutOffFromHub).Distinct().Order(StringComparer.Ordinal),
            WithClass(svg, "circle", "cut-off").Select(e => (string)e.Attribute("data-commune")!).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains(WithClass(svg, "circle", "commune"), e => e.Attribute("data-value") is not null);
    }

    [Fact]
    public async Task Closure_impact_names_unknown_links_and_missing_lists()
    {
        string link = Network.Links[0].Id;
        var response = await Client.PostAsync("/networks/phu-yen/closure-impact", TestApi.JsonBody(new { closedLinkIds = new[] { "nope", link, "" } }));
        Assert.Equal(["closedLinkIds[0]", "closedLinkIds[2]"], await ErrorKeys(response));
        response = await Client.PostAsync("/networks/phu-yen/closure-impact.svg", TestApi.JsonBody("""{ "closedLinkIds": [] }"""));
        Assert.Equal(["closedLinkIds"], await ErrorKeys(response));
        Assert.Equal(HttpStatusCode.NotFound, (await Client.PostAsync("/networks/nowhere/closure-impact",
            TestApi.JsonBody(new { closedLinkIds = new[] { link } }))).StatusCode);
    }

    [Fact]
    public async Task Critical_roads_match_the_engine_ranking_and_the_map_highlights_them()
    {
        using var body = JsonDocument.Parse(await Client.GetStringAsync("/networks/phu-yen/critical-roads?thresholdMinutes=5&top=4"));
        var expected = CriticalRoads.Scan(Network, new CriticalRoadOptions { ThresholdSeconds = 300 });
        var roads = body.RootElement.GetProperty("roads").EnumerateArray().ToList();
        Assert.Equal(expected.Roads.Length, body.RootElement.GetProperty("criticalRoadCount").GetInt32());
        Assert.Equal(expected.Roads.Take(4).Select(r => r.LinkId), roads.Select(r => r.GetProperty("linkId").GetString()));
        Assert.Equal(Enumerable.Range(1, roads.Count), roads.Select(r => r.GetProperty("rank").GetInt32()));
        for (int i = 0; i < roads.Count; i++)
        {
            var want = expected.Roads[i];
            Assert.Equal(want.AffectedCommunes, roads[i].GetProperty("affectedCommunes").GetInt32());
            Assert.Equal(want.CutOffCommunes, roads[i].GetProperty("cutOffCommunes").GetArrayLength());
            Assert.Equal(want.AffectedCommunes, roads[i].GetProperty("cutOffCommunes").GetArrayLength() + roads[i].GetProperty("slowedCommunes").GetArrayLength());
            Assert.Equal(want.MaxExtraSeconds, roads[i].GetProperty("maxExtraSeconds").GetDouble(), 6);
        }

        var svg = await Svg(await Client.GetAsync("/networks/phu-yen/critical-roads.svg?thresholdMinutes=5&top=4"));
        Assert.Equal(expected.Roads.Take(4).Select(r => r.LinkId).Order(StringComparer.Ordinal),
            WithClass(svg, "line", "critical").Select(e => (string)e.Attribute("data-link")!).Distinct().Order(StringComparer.Ordinal));

        var response = await Client.GetAsync("/networks/phu-yen/critical-roads?thresholdMinutes=-3&top=0&profile=plane");
        Assert.Equal(["profile", "thresholdMinutes", "top"], await ErrorKeys(response));
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/networks/phu-yen/critical-roads.svg?version=999")).StatusCode);
    }

    [Fact]
    public async Task Planning_endpoints_are_documented_under_the_planning_tag()
    {
        using var doc = JsonDocument.Parse(await Client.GetStringAsync("/swagger/v1/swagger.json"));
        var paths = doc.RootElement.GetProperty("paths");
        foreach (var (path, verb) in new[]
                 {
                     ("/networks/{id}/coverage", "get"), ("/networks/{id}/coverage.svg", "get"), ("/networks/{id}/siting", "post"),
                     ("/networks/{id}/closure-impact", "post"), ("/networks/{id}/closure-impact.svg", "post"),
                     ("/networks/{id}/critical-roads", "get"), ("/networks/{id}/critical-roads.svg", "get"), ("/plans/{id}/replan", "post"),
                 })
        {
            var operation = paths.GetProperty(path).GetProperty(verb);
            Assert.Contains("Planning", operation.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("description").GetString()));
        }
    }
}
