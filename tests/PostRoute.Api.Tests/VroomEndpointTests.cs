using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PostRoute.Api.Hosting;
using PostRoute.Engine.Routing;

namespace PostRoute.Api.Tests;

public sealed class VroomEndpointTests
{
    [Fact]
    public async Task Vroom_input_gets_vroom_output_and_a_stored_plan()
    {
        await using var api = new TestApi();
        var response = await api.Client.PostAsync("/vroom?timeLimit=1", TestApi.JsonBody(OpenApiExamples.Vroom));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = await TestApi.ReadJson(response);
        var root = body.RootElement;
        Assert.Equal(0, root.GetProperty("code").GetInt32());
        Assert.Equal(0, root.GetProperty("summary").GetProperty("unassigned").GetInt32());
        var route = Assert.Single(root.GetProperty("routes").EnumerateArray());
        Assert.Equal(1, route.GetProperty("vehicle").GetInt32());
        var jobs = route.GetProperty("steps").EnumerateArray().Where(s => s.GetProperty("type").GetString() == "job").ToList();
        Assert.Equal([101, 102, 103], jobs.Select(j => j.GetProperty("id").GetInt32()).Order());
        // Job 102 must start service inside its window [32400, 43200].
        var windowed = jobs.Single(j => j.GetProperty("id").GetInt32() == 102);
        long start = windowed.GetProperty("arrival").GetInt64() + windowed.GetProperty("waiting_time").GetInt64();
        Assert.InRange(start, 32400, 43200);
        // VROOM's default cost is the travel time: the summary's cost equals its duration.
        Assert.Equal(root.GetProperty("summary").GetProperty("duration").GetInt64(), root.GetProperty("summary").GetProperty("cost").GetInt64());

        string location = response.Content.Headers.ContentLocation?.OriginalString ?? response.Headers.GetValues("Content-Location").Single();
        using var plan = JsonDocument.Parse(await api.Client.GetStringAsync(location));
        Assert.Equal("vroom", plan.RootElement.GetProperty("kind").GetString());
        Assert.Equal("done", plan.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_vehicle_with_a_break_and_vrooms_default_per_hour_cost_serves_every_job()
    {
        // The example's vehicle with a half-hour lunch between 12:00 and 13:00 and no "costs" (per_hour 3600): its
        // shift (8:00–17:00) has ample room for the three jobs and the lunch.
        string input = OpenApiExamples.Vroom.Replace(
            "\"time_window\": [28800, 61200]",
            "\"time_window\": [28800, 61200], \"breaks\": [ { \"id\": 5, \"time_windows\": [[43200, 46800]], \"service\": 1800 } ]",
            StringComparison.Ordinal);
        Assert.NotEqual(OpenApiExamples.Vroom, input);
        await using var api = new TestApi();
        var response = await api.Client.PostAsync("/vroom?timeLimit=1", TestApi.JsonBody(input));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = await TestApi.ReadJson(response);
        var root = body.RootElement;
        Assert.Equal(0, root.GetProperty("code").GetInt32());
        Assert.Equal(0, root.GetProperty("summary").GetProperty("unassigned").GetInt32());
        var steps = Assert.Single(root.GetProperty("routes").EnumerateArray()).GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal([101, 102, 103], steps.Where(s => s.GetProperty("type").GetString() == "job").Select(j => j.GetProperty("id").GetInt32()).Order());
        var lunch = Assert.Single(steps, s => s.GetProperty("type").GetString() == "break");
        Assert.Equal(5, lunch.GetProperty("id").GetInt32());
        Assert.Equal(1800, lunch.GetProperty("service").GetInt64());
        long lunchStart = lunch.GetProperty("arrival").GetInt64() + lunch.GetProperty("waiting_time").GetInt64();
        Assert.InRange(lunchStart, 43200, 46800);
        // VROOM's default cost is the travel time, breaks excluded: the summary's cost equals its duration.
        Assert.Equal(root.GetProperty("summary").GetProperty("duration").GetInt64(), root.GetProperty("summary").GetProperty("cost").GetInt64());
    }

    [Fact]
    public async Task Invalid_vroom_input_is_a_validation_problem_with_vroom_code_2()
    {
        await using var api = new TestApi();
        var response = await api.Client.PostAsync("/vroom", TestApi.JsonBody("""
            { "vehicles": [ { "id": 1, "start_index": 0 } ], "jobs": [ { "id": 5, "service": 30 } ], "matrix": [[0]] }
            """));
        var errors = await NetworkEndpointTests.AssertValidationProblem(response);
        Assert.Contains("jobs[0].location_index", errors.Keys);

        var malformed = await api.Client.PostAsync("/vroom", TestApi.JsonBody("{ \"vehicles\": [ "));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        using var problem = await TestApi.ReadJson(malformed);
        Assert.Equal(2, problem.RootElement.GetProperty("code").GetInt32());
        Assert.Contains("invalid JSON", problem.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("[]", await api.Client.GetStringAsync("/plans"));
    }

    [Fact]
    public async Task A_full_queue_answers_503_to_vroom_clients()
    {
        var blocking = new BlockingSolver();
        await using var api = new TestApi(new()
        {
            ["PostRoute:Solving:Workers"] = "1",
            ["PostRoute:Solving:QueueCapacity"] = "1",
        }, s => s.AddSingleton<ISolver>(blocking));
        var (_, running) = await PlanTestKit.Submit(api.Client, PlanTestKit.SmallPhuYenPlan(BlockingSolver.SolverName));
        Assert.True(await blocking.Started.WaitAsync(TimeSpan.FromSeconds(30)));
        var (_, queued) = await PlanTestKit.Submit(api.Client, PlanTestKit.SmallPhuYenPlan(BlockingSolver.SolverName));

        var response = await api.Client.PostAsync("/vroom", TestApi.JsonBody(OpenApiExamples.Vroom));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        using var problem = await TestApi.ReadJson(response);
        Assert.Equal(1, problem.RootElement.GetProperty("code").GetInt32());
        blocking.Release();
        await PlanTestKit.PollUntil(api.Client, queued, "done");
        await PlanTestKit.PollUntil(api.Client, running, "done");
    }

    [Fact]
    public async Task Unknown_solver_is_a_validation_problem()
    {
        await using var api = new TestApi();
        var errors = await NetworkEndpointTests.AssertValidationProblem(
            await api.Client.PostAsync("/vroom?solver=magic", TestApi.JsonBody(OpenApiExamples.Vroom)));
        Assert.Equal(["solver"], errors.Keys);
    }
}
