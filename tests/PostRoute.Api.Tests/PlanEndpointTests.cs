using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PostRoute.Api.Hosting;
using PostRoute.Api.Plans;
using PostRoute.Api.Storage;
using PostRoute.Engine.Formats;
using PostRoute.Engine.Network;
using PostRoute.Engine.Routing;

namespace PostRoute.Api.Tests;

public sealed class PlanEndpointTests
{
    private static readonly JsonSerializerOptions HostJson = CreateHostJson();

    private static JsonSerializerOptions CreateHostJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        HostingExtensions.ConfigureJson(options);
        return options;
    }

    [Fact]
    public async Task Phu_yen_plan_is_polled_to_done_and_its_result_passes_the_checker()
    {
        await using var api = new TestApi();
        string json = OpenApiExamples.Plan; // two trucks, nine district offices, one window, capacities
        var (response, id) = await PlanTestKit.Submit(api.Client, json);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/plans/{id}", response.Headers.Location?.OriginalString);

        var plan = await PlanTestKit.PollUntil(api.Client, id, "done", "failed", "cancelled");
        Assert.Equal("done", plan.GetProperty("status").GetString());
        Assert.Equal("phu-yen", plan.GetProperty("network").GetString());
        var result = plan.GetProperty("result");
        Assert.Equal("ortools", result.GetProperty("solver").GetString());
        Assert.Equal(0, result.GetProperty("unassigned").GetArrayLength());
        Assert.True(result.GetProperty("routes").GetArrayLength() >= 1);

        // The same request mapped again gives the problem; the body, value by value, must be a valid solution of it.
        var problem = PlanProblemMapper.Map(JsonSerializer.Deserialize<PlanRequest>(json, HostJson)!, PhuYen.Network, null).Problem;
        var check = SolutionChecker.Check(problem, PlanTestKit.ToSolution(result));
        Assert.True(check.IsValid, check.ToString());
        Assert.Equal(result.GetProperty("cost").GetProperty("total").GetDouble(), plan.GetProperty("progress").GetProperty("bestCost").GetDouble(), 6);

        // Routes GeoJSON: a line per route and a point per step.
        var geo = await api.Client.GetAsync($"/plans/{id}/geojson");
        Assert.Equal("application/geo+json", geo.Content.Headers.ContentType?.MediaType);
        using var geoJson = await TestApi.ReadJson(geo);
        var features = geoJson.RootElement.GetProperty("features").EnumerateArray().ToList();
        int routes = result.GetProperty("routes").GetArrayLength();
        int steps = result.GetProperty("routes").EnumerateArray().Sum(r => r.GetProperty("steps").GetArrayLength());
        Assert.Equal(routes, features.Count(f => f.GetProperty("geometry").GetProperty("type").GetString() == "LineString"));
        Assert.Equal(steps, features.Count(f => f.GetProperty("geometry").GetProperty("type").GetString() == "Point"));
    }

    [Fact]
    public async Task Search_solver_plans_the_phu_yen_example_and_its_result_passes_the_checker()
    {
        await using var api = new TestApi();
        string json = OpenApiExamples.Plan.Replace("\"ortools\"", "\"search\"", StringComparison.Ordinal);
        Assert.Contains("\"search\"", json, StringComparison.Ordinal);
        var (_, id) = await PlanTestKit.Submit(api.Client, json);
        var plan = await PlanTestKit.PollUntil(api.Client, id, "done", "failed", "cancelled");
        Assert.Equal("done", plan.GetProperty("status").GetString());
        var result = plan.GetProperty("result");
        Assert.Equal("search", result.GetProperty("solver").GetString());
        Assert.Equal(0, result.GetProperty("unassigned").GetArrayLength());
        var problem = PlanProblemMapper.Map(JsonSerializer.Deserialize<PlanRequest>(json, HostJson)!, PhuYen.Network, null).Problem;
        var check = SolutionChecker.Check(problem, PlanTestKit.ToSolution(result));
        Assert.True(check.IsValid, check.ToString());
    }

    [Fact]
    public async Task Wait_returns_the_finished_plan_with_201()
    {
        await using var api = new TestApi();
        var (response, id) = await PlanTestKit.Submit(api.Client, PlanTestKit.SmallPhuYenPlan(), "?wait=30");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/plans/{id}", response.Headers.Location?.OriginalString);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("done", body.RootElement.GetProperty("status").GetString());
        var steps = body.RootElement.GetProperty("result").GetProperty("routes")[0].GetProperty("steps");
        Assert.Equal(["start", "job", "job", "job", "end"], steps.EnumerateArray().Select(s => s.GetProperty("type").GetString()));
        Assert.Equal("hub-tuy-hoa", steps[0].GetProperty("location").GetString());
        var hub = PhuYen.Network.FindNode("hub-tuy-hoa")!.Location;
        Assert.Equal([hub.Longitude, hub.Latitude], steps[0].GetProperty("coordinates").EnumerateArray().Select(c => c.GetDouble()));
    }

    [Fact]
    public async Task Invalid_problems_list_every_field_path_and_store_nothing()
    {
        await using var api = new TestApi();
        const string json = """
            {
              "solver": "simplex",
              "timeLimitSeconds": -1,
              "stopWhen": { "maxSolutions": 0 },
              "travel": { "network": "phu-yen" },
              "vehicles": [ { "id": "t1", "profile": "truck", "start": "no-such-node" }, { "id": "t1", "profile": "bicycle", "start": "hub-tuy-hoa" } ],
              "jobs": [
                { "id": "a", "location": "do-559", "timeWindows": [{ "start": 100, "end": 50 }] },
                { "id": "b", "location": "do-557", "priority": 101, "serviceSeconds": -5 },
                { "id": "a", "location": "nowhere" }
              ]
            }
            """;
        var errors = await NetworkEndpointTests.AssertValidationProblem(await api.Client.PostAsync("/plans", TestApi.JsonBody(json)));
        foreach (string path in new[]
                 {
                     "solver", "timeLimitSeconds", "stopWhen.maxSolutions", "vehicles[0].start", "vehicles[1].id", "vehicles[1].profile",
                     "jobs[0].timeWindows[0]", "jobs[1].priority", "jobs[1].serviceSeconds", "jobs[2].id", "jobs[2].location",
                 })
        {
            Assert.True(errors.ContainsKey(path), $"no error for {path}; got: {string.Join(", ", errors.Keys)}");
        }

        Assert.Contains("no-such-node", errors["vehicles[0].start"][0], StringComparison.Ordinal);
        Assert.Equal("[]", await api.Client.GetStringAsync("/plans"));
    }

    [Fact]
    public async Task Travel_must_be_given_once_and_locations_declared_without_a_network()
    {
        await using var api = new TestApi();
        var none = await NetworkEndpointTests.AssertValidationProblem(await api.Client.PostAsync("/plans", TestApi.JsonBody("""
            { "vehicles": [ { "id": "v", "start": "a" } ] }
            """)));
        Assert.Contains("travel", none.Keys);
        Assert.Contains("vehicles[0].start", none.Keys);

        var unknownNetwork = await NetworkEndpointTests.AssertValidationProblem(await api.Client.PostAsync("/plans", TestApi.JsonBody("""
            { "travel": { "network": "atlantis" }, "vehicles": [ { "id": "v", "start": "a" } ] }
            """)));
        Assert.Contains("travel.network", unknownNetwork.Keys);

        var ragged = await NetworkEndpointTests.AssertValidationProblem(await api.Client.PostAsync("/plans", TestApi.JsonBody("""
            {
              "travel": { "matrices": { "car": { "durationsSeconds": [[0, 1], [1]] } } },
              "locations": [ { "id": "a" }, { "id": "b" } ],
              "vehicles": [ { "id": "v", "start": "a" } ],
              "jobs": [ { "id": "j", "location": "b" } ]
            }
            """)));
        Assert.Contains("travel.matrices.car.durationsSeconds[1]", ragged.Keys);
    }

    [Fact]
    public async Task Coordinate_and_matrix_plans_are_solved_and_unreachable_jobs_get_a_reason()
    {
        await using var api = new TestApi();
        var (coordinates, _) = await PlanTestKit.Submit(api.Client, """
            {
              "timeLimitSeconds": 1, "stopWhen": { "maxSolutions": 20 },
              "travel": { "coordinates": { "speedKmh": 36, "detourFactor": 1.3 } },
              "locations": [
                { "id": "depot", "latitude": 13.0955, "longitude": 109.3209 },
                { "id": "a", "latitude": 13.2571, "longitude": 109.2095 },
                { "id": "b", "latitude": 13.2801, "longitude": 109.2302 }
              ],
              "vehicles": [ { "id": "bike", "start": "depot" } ],
              "jobs": [ { "id": "a", "location": "a" }, { "id": "b", "location": "b" } ]
            }
            """, "?wait=30");
        Assert.Equal(HttpStatusCode.Created, coordinates.StatusCode);
        using (var body = await TestApi.ReadJson(coordinates))
        {
            Assert.Equal(0, body.RootElement.GetProperty("result").GetProperty("unassigned").GetArrayLength());
        }

        var (matrix, _) = await PlanTestKit.Submit(api.Client, """
            {
              "timeLimitSeconds": 1, "stopWhen": { "maxSolutions": 20 },
              "travel": { "matrices": { "car": { "durationsSeconds": [[0, 60, null], [60, 0, null], [null, null, 0]] } } },
              "locations": [ { "id": "depot" }, { "id": "near" }, { "id": "island" } ],
              "vehicles": [ { "id": "v", "start": "depot" } ],
              "jobs": [ { "id": "near", "location": "near" }, { "id": "island", "location": "island" } ]
            }
            """, "?wait=30");
        Assert.Equal(HttpStatusCode.Created, matrix.StatusCode);
        using var result = await TestApi.ReadJson(matrix);
        var unassigned = Assert.Single(result.RootElement.GetProperty("result").GetProperty("unassigned").EnumerateArray());
        Assert.Equal("island", unassigned.GetProperty("id").GetString());
        Assert.Equal("unreachable", unassigned.GetProperty("reason").GetString());
        Assert.False(string.IsNullOrWhiteSpace(unassigned.GetProperty("explanation").GetString()));
    }

    [Fact]
    public async Task Time_limits_are_capped_by_configuration()
    {
        var blocking = new BlockingSolver();
        await using var api = new TestApi(new() { ["PostRoute:Solving:MaxTimeLimitSeconds"] = "0.5" },
            s => s.AddSingleton<ISolver>(blocking));
        var (response, id) = await PlanTestKit.Submit(api.Client, PlanTestKit.SmallPhuYenPlan(BlockingSolver.SolverName, 3600));
        using var body = await TestApi.ReadJson(response);
        Assert.Equal(0.5, body.RootElement.GetProperty("timeLimitSeconds").GetDouble());
        blocking.Release();
        await PlanTestKit.PollUntil(api.Client, id, "done");
    }

    [Fact]
    public async Task A_full_queue_answers_503_with_retry_after_and_stores_nothing()
    {
        var blocking = new BlockingSolver();
        await using var api = new TestApi(new()
        {
            ["PostRoute:Solving:Workers"] = "1",
            ["PostRoute:Solving:QueueCapacity"] = "1",
            ["PostRoute:Solving:RetryAfterSeconds"] = "7",
        }, s => s.AddSingleton<ISolver>(blocking));
        string plan = PlanTestKit.SmallPhuYenPlan(BlockingSolver.SolverName);

        var (_, running) = await PlanTestKit.Submit(api.Client, plan);
        Assert.True(await blocking.Started.WaitAsync(TimeSpan.FromSeconds(30)));
        var (second, queued) = await PlanTestKit.Submit(api.Client, plan);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);

        var (third, _) = await PlanTestKit.Submit(api.Client, plan);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, third.StatusCode);
        Assert.Equal("application/problem+json", third.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(7), third.Headers.RetryAfter?.Delta);
        using (var list = JsonDocument.Parse(await api.Client.GetStringAsync("/plans")))
        {
            Assert.Equal([queued, running], list.RootElement.EnumerateArray().Select(p => p.GetProperty("id").GetString()));
        }

        blocking.Release();
        await PlanTestKit.PollUntil(api.Client, running, "done");
        await PlanTestKit.PollUntil(api.Client, queued, "done");
    }

    [Fact]
    public async Task Running_and_queued_plans_can_be_cancelled_finished_ones_not()
    {
        var blocking = new BlockingSolver();
        await using var api = new TestApi(new() { ["PostRoute:Solving:Workers"] = "1" }, s => s.AddSingleton<ISolver>(blocking));
        string plan = PlanTestKit.SmallPhuYenPlan(BlockingSolver.SolverName);
        var (_, running) = await PlanTestKit.Submit(api.Client, plan);
        Assert.True(await blocking.Started.WaitAsync(TimeSpan.FromSeconds(30)));
        var (_, queued) = await PlanTestKit.Submit(api.Client, plan);

        // Progress of the running plan is live.
        var live = await PlanTestKit.PollUntil(api.Client, running, "running");
        Assert.Equal(123.5, live.GetProperty("progress").GetProperty("bestCost").GetDouble());
        Assert.True(live.GetProperty("progress").GetProperty("elapsedSeconds").GetDouble() >= 0);
        Assert.Equal(HttpStatusCode.Conflict, (await api.Client.GetAsync($"/plans/{running}/geojson")).StatusCode);

        var deleted = await api.Client.DeleteAsync($"/plans/{queued}");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        using (var body = await TestApi.ReadJson(deleted))
        {
            Assert.Equal("cancelled", body.RootElement.GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.Null, body.RootElement.GetProperty("startedAt").ValueKind);
        }

        var cancelled = await api.Client.PostAsync($"/plans/{running}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var final = await PlanTestKit.PollUntil(api.Client, running, "cancelled");
        Assert.Contains("client", final.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("cancelled", final.GetProperty("result").GetProperty("solveStatus").GetString());

        var again = await api.Client.PostAsync($"/plans/{running}/cancel", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Client.PostAsync("/plans/nope/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Client.GetAsync("/plans/nope")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Client.GetAsync("/plans/nope/geojson")).StatusCode);

        using var list = JsonDocument.Parse(await api.Client.GetStringAsync("/plans?status=cancelled"));
        Assert.Equal(2, list.RootElement.GetArrayLength());
        Assert.Equal("[]", await api.Client.GetStringAsync("/plans?status=done"));
        Assert.Equal(["status"], (await NetworkEndpointTests.AssertValidationProblem(await api.Client.GetAsync("/plans?status=finished"))).Keys);
        Assert.Equal(["limit"], (await NetworkEndpointTests.AssertValidationProblem(await api.Client.GetAsync("/plans?limit=0"))).Keys);
        using (var one = JsonDocument.Parse(await api.Client.GetStringAsync("/plans?limit=1")))
        {
            Assert.Equal(1, one.RootElement.GetArrayLength());
        }

        Assert.Equal(["wait"], (await NetworkEndpointTests.AssertValidationProblem(
            await api.Client.PostAsync("/plans?wait=-1", TestApi.JsonBody(plan)))).Keys);
    }

    [Fact]
    public async Task Shutdown_cancels_running_plans_and_records_them()
    {
        var blocking = new BlockingSolver();
        await using var api = new TestApi(new() { ["PostRoute:Solving:Workers"] = "1" }, s => s.AddSingleton<ISolver>(blocking));
        string plan = PlanTestKit.SmallPhuYenPlan(BlockingSolver.SolverName);
        var (_, running) = await PlanTestKit.Submit(api.Client, plan);
        Assert.True(await blocking.Started.WaitAsync(TimeSpan.FromSeconds(30)));
        var (_, queued) = await PlanTestKit.Submit(api.Client, plan);

        var client = await api.Restart();
        foreach (string id in new[] { running, queued })
        {
            using var body = JsonDocument.Parse(await client.GetStringAsync($"/plans/{id}"));
            Assert.Equal("cancelled", body.RootElement.GetProperty("status").GetString());
            Assert.Contains("shut down", body.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Plans_left_unfinished_by_a_crash_are_marked_failed_interrupted_on_restart()
    {
        await using var api = new TestApi();
        // A crash leaves rows the new process never queued: write them as a dying process would have.
        var store = api.Services.GetRequiredService<IPostRouteStore>();
        var now = DateTimeOffset.UtcNow;
        await store.AddPlanAsync(new PlanRecord("crashed-running", "plan", PlanStatus.Queued, "ortools", 1, now) { RequestJson = "{}" }, default);
        await store.StartPlanAsync("crashed-running", now, default);
        await store.AddPlanAsync(new PlanRecord("crashed-queued", "plan", PlanStatus.Queued, "ortools", 1, now) { RequestJson = "{}" }, default);

        var client = await api.Restart();
        foreach (string id in new[] { "crashed-running", "crashed-queued" })
        {
            using var body = JsonDocument.Parse(await client.GetStringAsync($"/plans/{id}"));
            Assert.Equal("failed", body.RootElement.GetProperty("status").GetString());
            Assert.Equal("interrupted", body.RootElement.GetProperty("error").GetString());
        }
    }

    [Fact]
    public async Task Finished_plans_survive_a_restart()
    {
        await using var api = new TestApi();
        var (_, id) = await PlanTestKit.Submit(api.Client, PlanTestKit.SmallPhuYenPlan(), "?wait=30");
        string before = await api.Client.GetStringAsync($"/plans/{id}");
        string geoBefore = await api.Client.GetStringAsync($"/plans/{id}/geojson");
        var client = await api.Restart();
        Assert.Equal(before, await client.GetStringAsync($"/plans/{id}"));
        Assert.Equal(geoBefore, await client.GetStringAsync($"/plans/{id}/geojson"));
    }

    [Fact]
    public async Task A_solver_failure_is_recorded_as_failed()
    {
        await using var api = new TestApi(services: s => s.AddSingleton<ISolver>(new ThrowingSolver()));
        var (_, id) = await PlanTestKit.Submit(api.Client, PlanTestKit.SmallPhuYenPlan("throwing"));
        var plan = await PlanTestKit.PollUntil(api.Client, id, "failed", "done");
        Assert.Equal("failed", plan.GetProperty("status").GetString());
        Assert.Contains("solver exploded", plan.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, plan.GetProperty("result").ValueKind);
    }

    [Fact]
    public async Task Solvers_are_listed_and_plans_need_a_key_when_keys_are_configured()
    {
        await using var api = new TestApi(new() { ["PostRoute:Security:ApiKeys:0"] = "secret" }, s => s.AddSingleton<ISolver>(new ThrowingSolver()));
        Assert.Equal("[\"ortools\",\"search\",\"throwing\"]", await api.Client.GetStringAsync("/plans/solvers"));
        var (response, _) = await PlanTestKit.Submit(api.Client, PlanTestKit.SmallPhuYenPlan());
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Client.PostAsync("/plans/x/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Client.DeleteAsync("/plans/x")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync("/plans")).StatusCode);
    }

    [Theory]
    [InlineData("{\"travel\": {\"network\": \"phu-yen\"}, \"vehicles\": [")]
    [InlineData("{\"vehicles\": 5}")]
    [InlineData("{\"timeLimit\": 5}")]
    [InlineData("{\"objective\": \"fastest\"}")]
    public async Task Malformed_plan_bodies_are_400(string body)
    {
        await using var api = new TestApi();
        var response = await api.Client.PostAsync("/plans", TestApi.JsonBody(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
