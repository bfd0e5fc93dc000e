using System.Net;
using System.Text.Json;
using PostRoute.Engine.Network;
using PostRoute.Engine.Planning;
using PostRoute.Engine.Routing;

namespace PostRoute.Api.Tests;

/// <summary>POST /plans/{id}/replan: a new plan around closed roads, warm-started from a stored plan.</summary>
public sealed class ReplanEndpointTests
{
    private const string ShortMailRun = """{ "date": "2025-03-14", "seed": 3, "solver": "search", "timeLimitSeconds": 1 }""";

    private static async Task<(string Id, JsonElement Plan)> PlanMailRun(HttpClient client)
    {
        var response = await client.PostAsync("/plans/mail-run", TestApi.JsonBody(ShortMailRun));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var body = await TestApi.ReadJson(response);
        string id = body.RootElement.GetProperty("id").GetString()!;
        var plan = await PlanTestKit.PollUntil(client, id, "done", "failed", "cancelled");
        Assert.Equal("done", plan.GetProperty("status").GetString());
        return (id, plan);
    }

    private static async Task<int> PlanCount(HttpClient client)
    {
        using var plans = JsonDocument.Parse(await client.GetStringAsync("/plans"));
        return plans.RootElement.GetArrayLength();
    }

    [Fact]
    public async Task Replan_closes_a_served_commune_off_and_reports_the_changes_also_after_a_restart()
    {
        await using var api = new TestApi();
        var (parentId, parent) = await PlanMailRun(api.Client);
        var parentResult = parent.GetProperty("result");

        // A motorbike stop at a service point; closing every link at that node cuts it off.
        var route = parentResult.GetProperty("routes").EnumerateArray()
            .First(r => r.GetProperty("steps").EnumerateArray().Any(s => s.GetProperty("id").GetString()!.StartsWith("deliver-sp-", StringComparison.Ordinal)));
        string vehicle = route.GetProperty("vehicle").GetString()!;
        string job = route.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("id").GetString()!)
            .First(s => s.StartsWith("deliver-sp-", StringComparison.Ordinal));
        string node = job["deliver-".Length..];
        string[] closed = [.. PhuYen.Network.Links.Where(l => l.From == node || l.To == node).Select(l => l.Id)];
        Assert.NotEmpty(closed);

        var response = await api.Client.PostAsync($"/plans/{parentId}/replan?wait=30",
            TestApi.JsonBody(new { closedLinkIds = closed, timeLimitSeconds = 1 }));
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Accepted, response.StatusCode.ToString());
        using var submitted = await TestApi.ReadJson(response);
        string id = submitted.RootElement.GetProperty("id").GetString()!;
        Assert.Equal($"/plans/{id}", response.Headers.Location?.OriginalString);
        var plan = await PlanTestKit.PollUntil(api.Client, id, "done", "failed", "cancelled");
        Assert.Equal("done", plan.GetProperty("status").GetString());
        Assert.Equal("replan", plan.GetProperty("kind").GetString());
        Assert.Equal("search", plan.GetProperty("solver").GetString());
        Assert.Equal(parentId, plan.GetProperty("parentPlanId").GetString());

        // The new solution is checked against the problem built independently over the closed network.
        var problem = MailRun.Build(PhuYen.Network.WithLinksClosed(closed), new MailRunOptions { Date = new DateOnly(2025, 3, 14), Seed = 3 }).Problem;
        var result = plan.GetProperty("result");
        var solution = PlanTestKit.ToSolution(result);
        var check = SolutionChecker.Check(problem, solution);
        Assert.True(check.IsValid, string.Join("; ", check.Violations));
        Assert.All(solution.Unassigned, u => Assert.False(string.IsNullOrWhiteSpace(u.Explanation)));
        var unassigned = solution.Unassigned.Single(u => u.Id == job);
        Assert.Equal(UnassignedReason.Unreachable, unassigned.Reason);

        var replan = plan.GetProperty("replan");
        Assert.Equal(parentId, replan.GetProperty("parentPlanId").GetString());
        Assert.Equal(closed, replan.GetProperty("closedLinkIds").EnumerateArray().Select(e => e.GetString()));
        var change = replan.GetProperty("routes").EnumerateArray().Single(r => r.GetProperty("vehicleId").GetString() == vehicle);
        Assert.Contains(job, change.GetProperty("removed").EnumerateArray().Select(e => e.GetString()));
        Assert.True(change.GetProperty("changed").GetBoolean());
        var gone = replan.GetProperty("newlyUnassigned").EnumerateArray().Single(u => u.GetProperty("id").GetString() == job);
        Assert.Equal("unreachable", gone.GetProperty("reason").GetString());
        Assert.Equal(result.GetProperty("cost").GetProperty("total").GetDouble() - parentResult.GetProperty("cost").GetProperty("total").GetDouble(),
            replan.GetProperty("costDifference").GetDouble(), 6);
        Assert.Equal(result.GetProperty("distanceMetres").GetDouble() - parentResult.GetProperty("distanceMetres").GetDouble(),
            replan.GetProperty("distanceDifferenceMetres").GetDouble(), 6);

        await AssertMapDrawsClosedLinks(api.Client, id, closed, result);

        // After a restart the plan is rebuilt from the store alone.
        var client = await api.Restart();
        var again = await PlanTestKit.PollUntil(client, id, "done");
        Assert.Equal(parentId, again.GetProperty("replan").GetProperty("parentPlanId").GetString());
        await AssertMapDrawsClosedLinks(client, id, closed, again.GetProperty("result"));
        using var summary = JsonDocument.Parse(await client.GetStringAsync($"/plans/{id}/summary"));
        Assert.Equal(result.GetProperty("routes").GetArrayLength(), summary.RootElement.GetProperty("routes").GetArrayLength());
    }

    private static async Task AssertMapDrawsClosedLinks(HttpClient client, string id, string[] closed, JsonElement result)
    {
        var svg = await PlanningEndpointTests.Svg(await client.GetAsync($"/plans/{id}/map.svg"));
        var dashed = PlanningEndpointTests.WithClass(svg, "line", "closed").Select(e => (string?)e.Attribute("data-link")).ToHashSet();
        Assert.All(closed, link => Assert.Contains(link, dashed));
        Assert.Equal(result.GetProperty("routes").GetArrayLength(), MailRunAndMapEndpointTests.RoutePaths(svg).Count);
    }

    [Fact]
    public async Task Replan_refuses_unknown_unfinished_and_bad_requests_and_stores_nothing()
    {
        await using var api = new TestApi();
        Assert.Equal(HttpStatusCode.NotFound,
            (await api.Client.PostAsync("/plans/nope/replan", TestApi.JsonBody("""{ "closedLinkIds": ["l-001"] }"""))).StatusCode);

        var (parentId, _) = await PlanMailRun(api.Client);
        int before = await PlanCount(api.Client);
        string link = PhuYen.Network.Links[0].Id;

        var response = await api.Client.PostAsync($"/plans/{parentId}/replan", TestApi.JsonBody(new { closedLinkIds = new[] { link, "nope" }, solver = "magic", timeLimitSeconds = -1 }));
        Assert.Equal(["closedLinkIds[1]", "solver", "timeLimitSeconds"], await PlanningEndpointTests.ErrorKeys(response));
        response = await api.Client.PostAsync($"/plans/{parentId}/replan", TestApi.JsonBody("{}"));
        Assert.Equal(["closedLinkIds"], await PlanningEndpointTests.ErrorKeys(response));
        response = await api.Client.PostAsync($"/plans/{parentId}/replan?wait=-1", TestApi.JsonBody("""{ "networkVersion": 99 }"""));
        Assert.Equal(["networkVersion", "wait"], await PlanningEndpointTests.ErrorKeys(response));
        Assert.Equal(before, await PlanCount(api.Client));

        // A plan still queued or running has nothing to re-plan from.
        var (submit, runningId) = await PlanTestKit.Submit(api.Client, PlanTestKit.SmallPhuYenPlan("ortools", 30).Replace("\"maxSolutions\": 20", "\"maxSolutions\": 100000"));
        Assert.Equal(HttpStatusCode.Accepted, submit.StatusCode);
        response = await api.Client.PostAsync($"/plans/{runningId}/replan", TestApi.JsonBody(new { closedLinkIds = new[] { link } }));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await api.Client.PostAsync($"/plans/{runningId}/cancel", null);
        Assert.Equal(before + 1, await PlanCount(api.Client));
    }
}
