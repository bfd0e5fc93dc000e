using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PostRoute.Api.Hosting;
using PostRoute.Engine.Network;
using PostRoute.Engine.Paths;

namespace PostRoute.Api.Tests;

public sealed class PathEndpointTests : IAsyncLifetime
{
    private readonly TestApi _api = new(new() { ["PostRoute:Limits:MaxMatrixCells"] = "100" });

    private HttpClient Client => _api.Client;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Theory]
    [InlineData("truck", "time")]
    [InlineData("motorbike", "distance")]
    public async Task Path_matches_the_engine_and_its_links_add_up(string profile, string metric)
    {
        using var body = JsonDocument.Parse(await Client.GetStringAsync(
            $"/networks/phu-yen/paths?from=hub-tuy-hoa&to=do-561&profile={profile}&metric={metric}"));
        var root = body.RootElement;
        var expected = ShortestPaths.Find(PhuYen.Network, "hub-tuy-hoa", "do-561", profile,
            metric == "time" ? PathMetric.Time : PathMetric.Distance);
        Assert.True(root.GetProperty("found").GetBoolean());
        Assert.Equal(expected.NodeIds, root.GetProperty("nodeIds").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(expected.LinkIds, root.GetProperty("linkIds").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(metric, root.GetProperty("metric").GetString());

        // Independent of the search: the totals are the sums over the links reported.
        var links = root.GetProperty("linkIds").EnumerateArray().Select(l => PhuYen.Network.FindLink(l.GetString()!)!).ToList();
        Assert.Equal(links.Sum(l => l.LengthMetres), root.GetProperty("distanceMetres").GetDouble(), 6);
        Assert.Equal(links.Sum(l => l.TravelTimeSeconds[profile]), root.GetProperty("durationSeconds").GetDouble(), 6);
        var coordinates = root.GetProperty("coordinates").EnumerateArray().ToList();
        Assert.Equal(links.Count + 1, coordinates.Count);
        var hub = PhuYen.Network.FindNode("hub-tuy-hoa")!.Location;
        Assert.Equal([hub.Longitude, hub.Latitude], coordinates[0].EnumerateArray().Select(c => c.GetDouble()));
    }

    [Fact]
    public async Task Default_profile_and_metric_are_the_first_profile_and_time()
    {
        using var body = JsonDocument.Parse(await Client.GetStringAsync("/networks/phu-yen/paths?from=hub-tuy-hoa&to=do-559"));
        Assert.Equal(PhuYen.Network.Profiles[0], body.RootElement.GetProperty("profile").GetString());
        Assert.Equal("time", body.RootElement.GetProperty("metric").GetString());
    }

    [Fact]
    public async Task Unreachable_is_a_normal_answer()
    {
        await Client.PostAsync("/networks", TestApi.JsonBody(OpenApiExamples.SmallNetwork));
        // TA-AM is closed (and bars trucks), so AM cannot be reached.
        using var body = JsonDocument.Parse(await Client.GetStringAsync("/networks/demo/paths?from=HUB&to=AM&profile=motorbike"));
        Assert.False(body.RootElement.GetProperty("found").GetBoolean());
        Assert.Equal(JsonValueKind.Null, body.RootElement.GetProperty("durationSeconds").ValueKind);
        Assert.Equal(0, body.RootElement.GetProperty("nodeIds").GetArrayLength());
    }

    [Fact]
    public async Task Bad_path_parameters_are_listed_in_a_validation_problem()
    {
        var errors = await NetworkEndpointTests.AssertValidationProblem(
            await Client.GetAsync("/networks/phu-yen/paths?from=nowhere&profile=bicycle&metric=fastest"));
        Assert.Equal(["from", "metric", "profile", "to"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("nowhere", errors["from"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paths_avoid_links_closed_in_the_current_version_only()
    {
        const string url = "/networks/phu-yen/paths?from=hub-tuy-hoa&to=do-561&profile=truck";
        using var before = JsonDocument.Parse(await Client.GetStringAsync(url));
        string firstLink = before.RootElement.GetProperty("linkIds")[0].GetString()!;
        await Client.PostAsync("/networks/phu-yen/closures", TestApi.JsonBody(new { close = new[] { firstLink } }));

        using var after = JsonDocument.Parse(await Client.GetStringAsync(url));
        Assert.Equal(2, after.RootElement.GetProperty("networkVersion").GetInt64());
        Assert.DoesNotContain(firstLink, after.RootElement.GetProperty("linkIds").EnumerateArray().Select(l => l.GetString()));
        using var old = JsonDocument.Parse(await Client.GetStringAsync(url + "&version=1"));
        Assert.Equal(firstLink, old.RootElement.GetProperty("linkIds")[0].GetString());
    }

    [Fact]
    public async Task Path_on_an_unknown_network_is_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/networks/atlantis/paths?from=a&to=b")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/networks/phu-yen/paths?from=a&to=b&version=5")).StatusCode);
    }

    [Fact]
    public async Task Matrix_cells_equal_the_shortest_paths()
    {
        var response = await Client.PostAsync("/networks/phu-yen/matrices", TestApi.JsonBody(OpenApiExamples.Matrix));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = await TestApi.ReadJson(response);
        string[] ids = ["hub-tuy-hoa", "do-559", "do-561"];
        Assert.Equal(ids, body.RootElement.GetProperty("targets").EnumerateArray().Select(t => t.GetString()));
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                var path = ShortestPaths.Find(PhuYen.Network, ids[i], ids[j], "truck");
                Assert.Equal(path.DurationSeconds, body.RootElement.GetProperty("durationsSeconds")[i][j].GetDouble(), 6);
                Assert.Equal(path.DistanceMetres, body.RootElement.GetProperty("distancesMetres")[i][j].GetDouble(), 6);
            }
        }
    }

    [Fact]
    public async Task Matrices_are_cached_per_network_version()
    {
        var cache = _api.Services.GetRequiredService<MatrixCache>();
        string first = await (await Client.PostAsync("/networks/phu-yen/matrices", TestApi.JsonBody(OpenApiExamples.Matrix))).Content.ReadAsStringAsync();
        string second = await (await Client.PostAsync("/networks/phu-yen/matrices", TestApi.JsonBody(OpenApiExamples.Matrix))).Content.ReadAsStringAsync();
        Assert.Equal(first, second);
        Assert.Equal((1L, 1L), (cache.Misses, cache.Hits));

        await Client.PostAsync("/networks/phu-yen/closures", TestApi.JsonBody(new { close = new[] { PhuYen.Network.Links[0].Id } }));
        await Client.PostAsync("/networks/phu-yen/matrices", TestApi.JsonBody(OpenApiExamples.Matrix));
        Assert.Equal(2L, cache.Misses);
    }

    [Fact]
    public async Task Unreachable_matrix_cells_are_null()
    {
        await Client.PostAsync("/networks", TestApi.JsonBody(OpenApiExamples.SmallNetwork));
        using var body = await TestApi.ReadJson(await Client.PostAsync("/networks/demo/matrices",
            TestApi.JsonBody(new { sources = new[] { "HUB", "AM" }, profile = "motorbike" })));
        Assert.Equal(JsonValueKind.Null, body.RootElement.GetProperty("durationsSeconds")[0][1].ValueKind);
        Assert.Equal(0, body.RootElement.GetProperty("durationsSeconds")[0][0].GetDouble());
        Assert.Equal(2, body.RootElement.GetProperty("unreachableCount").GetInt32());
    }

    [Fact]
    public async Task Bad_matrix_requests_are_listed_in_a_validation_problem()
    {
        var errors = await NetworkEndpointTests.AssertValidationProblem(await Client.PostAsync("/networks/phu-yen/matrices",
            TestApi.JsonBody(new { sources = new[] { "hub-tuy-hoa", "x" }, targets = new[] { "y" }, profile = "cart" })));
        Assert.Equal(["profile", "sources[1]", "targets[0]"], errors.Keys.Order(StringComparer.Ordinal));

        string[] eleven = [.. PhuYen.Network.Nodes.Take(11).Select(n => n.Id)];
        var tooBig = await NetworkEndpointTests.AssertValidationProblem(await Client.PostAsync("/networks/phu-yen/matrices",
            TestApi.JsonBody(new { sources = eleven })));
        Assert.Contains("121", tooBig["targets"][0], StringComparison.Ordinal);
        Assert.Equal(["sources"], (await NetworkEndpointTests.AssertValidationProblem(await Client.PostAsync(
            "/networks/phu-yen/matrices", TestApi.JsonBody("{}")))).Keys);
    }
}
