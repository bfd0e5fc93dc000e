using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using PostRoute.Api.Hosting;
using PostRoute.Engine.Routing;

namespace PostRoute.Api.Tests;

/// <summary>POST /plans/mail-run, the SVG maps, the route summary, and the planner's page.</summary>
public sealed class MailRunAndMapEndpointTests
{
    private const string ShortMailRun = """{ "date": "2025-03-14", "seed": 3, "solver": "search", "timeLimitSeconds": 1 }""";

    private static async Task<(HttpResponseMessage Response, string Id)> SubmitMailRun(HttpClient client, string json, string query = "")
    {
        var response = await client.PostAsync("/plans/mail-run" + query, TestApi.JsonBody(json));
        string id = "";
        if (response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.Created)
        {
            using var body = await TestApi.ReadJson(response);
            id = body.RootElement.GetProperty("id").GetString()!;
        }

        return (response, id);
    }

    private static async Task<string[]> ErrorKeys(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = await TestApi.ReadJson(response);
        return [.. body.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
    }

    private static async Task AssertNoPlans(HttpClient client)
    {
        using var plans = JsonDocument.Parse(await client.GetStringAsync("/plans"));
        Assert.Empty(plans.RootElement.EnumerateArray());
    }

    /// <summary>The route paths of an SVG map: every <c>path</c> whose class list holds <c>route</c>.</summary>
    internal static List<XElement> RoutePaths(XDocument svg) =>
        [.. svg.Descendants().Where(e => e.Name.LocalName == "path" &&
            ((string?)e.Attribute("class") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("route"))];

    [Fact]
    public async Task Bad_mail_run_bodies_name_every_offending_field_and_store_nothing()
    {
        await using var api = new TestApi();
        var response = await api.Client.PostAsync("/plans/mail-run", TestApi.JsonBody("""
            { "network": "nowhere", "date": "2025-02-30", "solver": "nope", "timeLimitSeconds": 0,
              "stopWhen": { "maxSolutions": 0 }, "volumes": [ { "communeCode": "22015", "deliveryKg": -1 } ] }
            """));
        Assert.Equal(
            ["date", "network", "solver", "stopWhen.maxSolutions", "timeLimitSeconds", "volumes[0].deliveryKg"],
            await ErrorKeys(response));

        response = await api.Client.PostAsync("/plans/mail-run?wait=-1", TestApi.JsonBody("""
            { "volumes": [ { "communeCode": "00000" }, { "pickupKg": 2 }, { "communeCode": "22015" }, { "communeCode": "22015", "pickupKg": -0.5 } ] }
            """));
        Assert.Equal(
            ["volumes[0].communeCode", "volumes[1].communeCode", "volumes[3].communeCode", "volumes[3].pickupKg", "wait"],
            await ErrorKeys(response));

        response = await api.Client.PostAsync("/plans/mail-run", TestApi.JsonBody("""{ "networkVersion": 99 }"""));
        Assert.Equal(["networkVersion"], await ErrorKeys(response));

        response = await api.Client.PostAsync("/plans/mail-run", TestApi.JsonBody("""{ "dates": "2025-03-14" }"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("$.dates", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await AssertNoPlans(api.Client);
    }

    [Fact]
    public async Task Mail_run_is_planned_and_its_map_and_summary_match_the_stored_routes_also_after_a_restart()
    {
        await using var api = new TestApi();
        var (response, id) = await SubmitMailRun(api.Client, ShortMailRun);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/plans/{id}", response.Headers.Location?.OriginalString);

        var plan = await PlanTestKit.PollUntil(api.Client, id, "done", "failed", "cancelled");
        Assert.Equal("done", plan.GetProperty("status").GetString());
        Assert.Equal("mail-run", plan.GetProperty("kind").GetString());
        Assert.Equal("phu-yen", plan.GetProperty("network").GetString());
        Assert.Equal("mail run 2025-03-14", plan.GetProperty("name").GetString());
        var routes = plan.GetProperty("result").GetProperty("routes").EnumerateArray().ToList();
        Assert.NotEmpty(routes);

        await AssertMapAndSummaryMatch(api.Client, id, plan);

        // A new process knows the plan only from the store: the map and summary are rebuilt from it.
        var client = await api.Restart();
        var again = await PlanTestKit.PollUntil(client, id, "done");
        await AssertMapAndSummaryMatch(client, id, again);
    }

    private static async Task AssertMapAndSummaryMatch(HttpClient client, string id, JsonElement plan)
    {
        var result = plan.GetProperty("result");
        var routes = result.GetProperty("routes").EnumerateArray().ToList();
        string[] vehicles = [.. routes.Select(r => r.GetProperty("vehicle").GetString()!)];

        var map = await client.GetAsync($"/plans/{id}/map.svg");
        Assert.Equal(HttpStatusCode.OK, map.StatusCode);
        Assert.Equal("image/svg+xml", map.Content.Headers.ContentType?.MediaType);
        var svg = XDocument.Parse(await map.Content.ReadAsStringAsync());
        Assert.Equal("svg", svg.Root!.Name.LocalName);
        var paths = RoutePaths(svg);
        Assert.Equal(vehicles.Order(StringComparer.Ordinal), paths.Select(p => (string)p.Attribute("data-vehicle")!).Order(StringComparer.Ordinal));

        var summaryResponse = await client.GetAsync($"/plans/{id}/summary");
        Assert.Equal(HttpStatusCode.OK, summaryResponse.StatusCode);
        using var summary = await TestApi.ReadJson(summaryResponse);
        var rows = summary.RootElement.GetProperty("routes").EnumerateArray().ToList();
        Assert.Equal(vehicles, rows.Select(r => r.GetProperty("vehicleId").GetString()!));
        for (int i = 0; i < rows.Count; i++)
        {
            Assert.Equal(routes[i].GetProperty("stopCount").GetInt32(), rows[i].GetProperty("stops").GetInt32());
            Assert.Equal(routes[i].GetProperty("distanceMetres").GetDouble() / 1000, rows[i].GetProperty("distanceKm").GetDouble(), 6);
            Assert.Equal(routes[i].GetProperty("cost").GetDouble(), rows[i].GetProperty("cost").GetDouble(), 6);
        }

        Assert.Equal(result.GetProperty("unassigned").GetArrayLength(), summary.RootElement.GetProperty("unassigned").GetArrayLength());
        Assert.Equal(result.GetProperty("cost").GetProperty("total").GetDouble(), summary.RootElement.GetProperty("totalCost").GetDouble(), 6);
    }

    [Fact]
    public async Task An_ordinary_plan_has_a_map_with_one_route_path_per_route()
    {
        await using var api = new TestApi();
        var (_, id) = await PlanTestKit.Submit(api.Client, PlanTestKit.SmallPhuYenPlan(), "?wait=30");
        var plan = await PlanTestKit.PollUntil(api.Client, id, "done");
        var svg = XDocument.Parse(await api.Client.GetStringAsync($"/plans/{id}/map.svg"));
        Assert.Equal(["t1"], RoutePaths(svg).Select(p => (string)p.Attribute("data-vehicle")!));
        Assert.Equal(1, plan.GetProperty("result").GetProperty("routes").GetArrayLength());
    }

    [Fact]
    public async Task A_plan_without_a_result_has_no_map_or_summary_yet()
    {
        var blocking = new BlockingSolver();
        await using var api = new TestApi(services: s => s.AddSingleton<ISolver>(blocking));
        var (response, id) = await SubmitMailRun(api.Client, $$"""{ "solver": "{{BlockingSolver.SolverName}}" }""");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True(await blocking.Started.WaitAsync(TimeSpan.FromSeconds(30)));

        foreach (string url in new[] { $"/plans/{id}/map.svg", $"/plans/{id}/summary" })
        {
            var early = await api.Client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
            Assert.Equal("application/problem+json", early.Content.Headers.ContentType?.MediaType);
        }

        blocking.Release();
        await PlanTestKit.PollUntil(api.Client, id, "done");
    }

    [Fact]
    public async Task Unknown_plans_and_networks_have_no_maps()
    {
        await using var api = new TestApi();
        foreach (string url in new[] { "/plans/nope/map.svg", "/plans/nope/summary", "/networks/nope/map.svg", "/networks/phu-yen/map.svg?version=999", "/page/nothing.js" })
        {
            var response = await api.Client.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Network_map_is_svg_with_the_offices_and_no_routes()
    {
        await using var api = new TestApi();
        var response = await api.Client.GetAsync("/networks/phu-yen/map.svg");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        var svg = XDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Empty(RoutePaths(svg));
        Assert.Contains(svg.Descendants(), e => ((string?)e.Attribute("class") ?? "").Split(' ').Contains("office"));
        Assert.Contains(svg.Descendants(), e => e.Name.LocalName == "g" && ((string?)e.Attribute("class") ?? "").Split(' ').Contains("legend"));
    }

    [Fact]
    public async Task The_page_is_served_with_its_script_and_style_from_this_host_only()
    {
        await using var api = new TestApi();
        var page = await api.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        string html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<script src=\"/page/planner.js\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/page/planner.css\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);

        var script = await api.Client.GetAsync("/page/planner.js");
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        string js = await script.Content.ReadAsStringAsync();
        Assert.Contains("/plans/mail-run", js, StringComparison.Ordinal);
        Assert.Contains("route-row", js, StringComparison.Ordinal);
        Assert.Equal("text/css", (await api.Client.GetAsync("/page/planner.css")).Content.Headers.ContentType?.MediaType);

        // The page is not part of the API's description.
        using var doc = JsonDocument.Parse(await api.Client.GetStringAsync("/swagger/v1/swagger.json"));
        var paths = doc.RootElement.GetProperty("paths");
        Assert.False(paths.TryGetProperty("/", out _));
        foreach (string path in new[] { "/plans/mail-run", "/plans/{id}/map.svg", "/plans/{id}/summary", "/networks/{id}/map.svg" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is not in the OpenAPI document");
        }
    }

    [Fact]
    public async Task Mail_run_needs_a_key_when_keys_are_configured()
    {
        await using var api = new TestApi(new() { ["PostRoute:Security:ApiKeys:0"] = "k-1" });
        var refused = await api.Client.PostAsync("/plans/mail-run", TestApi.JsonBody(ShortMailRun));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        await AssertNoPlans(api.Client);
        Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public void The_openapi_example_is_a_valid_mail_run_body()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        HostingExtensions.ConfigureJson(options);
        var request = JsonSerializer.Deserialize<PostRoute.Api.Plans.MailRunRequest>(OpenApiExamples.MailRun, options)!;
        Assert.Equal("phu-yen", request.Network);
        Assert.Equal("2025-03-14", request.Date);
    }
}
