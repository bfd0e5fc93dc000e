using System.Collections.Immutable;
using System.Net;
using System.Text.Json;
using PostRoute.Engine.Routing;

namespace PostRoute.Api.Tests;

/// <summary>Helpers for plan tests: submit, poll, and rebuild an Engine solution from a result body.</summary>
internal static class PlanTestKit
{
    /// <summary>A small Phú Yên plan (hub, three district offices, one truck) with the given solver and limit.</summary>
    public static string SmallPhuYenPlan(string solver = "ortools", double timeLimit = 1) => $$"""
        {
          "name": "small",
          "solver": "{{solver}}",
          "timeLimitSeconds": {{timeLimit.ToString(System.Globalization.CultureInfo.InvariantCulture)}},
          "stopWhen": { "maxSolutions": 20 },
          "travel": { "network": "phu-yen" },
          "vehicles": [ { "id": "t1", "profile": "truck", "start": "hub-tuy-hoa" } ],
          "jobs": [
            { "id": "a", "location": "do-559", "serviceSeconds": 300 },
            { "id": "b", "location": "do-557", "serviceSeconds": 300 },
            { "id": "c", "location": "do-563", "serviceSeconds": 300 }
          ]
        }
        """;

    public static async Task<(HttpResponseMessage Response, string Id)> Submit(HttpClient client, string json, string query = "")
    {
        var response = await client.PostAsync("/plans" + query, TestApi.JsonBody(json));
        string id = "";
        if (response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.Created)
        {
            using var body = await TestApi.ReadJson(response);
            id = body.RootElement.GetProperty("id").GetString()!;
        }

        return (response, id);
    }

    /// <summary>Polls until the plan has one of <paramref name="statuses"/> (bounded; fails after a minute).</summary>
    public static async Task<JsonElement> PollUntil(HttpClient client, string id, params string[] statuses)
    {
        for (int i = 0; i < 600; i++)
        {
            using var body = JsonDocument.Parse(await client.GetStringAsync($"/plans/{id}"));
            if (statuses.Contains(body.RootElement.GetProperty("status").GetString()))
            {
                return body.RootElement.Clone();
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Plan {id} never reached {string.Join("/", statuses)}.");
    }

    /// <summary>Rebuilds the Engine solution a result body describes, value by value, for the independent checker.</summary>
    public static RoutingSolution ToSolution(JsonElement result)
    {
        var cost = result.GetProperty("cost");
        return new RoutingSolution
        {
            Routes = [.. result.GetProperty("routes").EnumerateArray().Select(r => new Route
            {
                VehicleIndex = r.GetProperty("vehicleIndex").GetInt32(),
                VehicleId = r.GetProperty("vehicle").GetString()!,
                StartSeconds = r.GetProperty("startSeconds").GetDouble(),
                EndSeconds = r.GetProperty("endSeconds").GetDouble(),
                DurationSeconds = r.GetProperty("durationSeconds").GetDouble(),
                TravelSeconds = r.GetProperty("travelSeconds").GetDouble(),
                ServiceSeconds = r.GetProperty("serviceSeconds").GetDouble(),
                WaitingSeconds = r.GetProperty("waitingSeconds").GetDouble(),
                BreakSeconds = r.GetProperty("breakSeconds").GetDouble(),
                DistanceMetres = r.GetProperty("distanceMetres").GetDouble(),
                StopCount = r.GetProperty("stopCount").GetInt32(),
                FixedCost = r.GetProperty("fixedCost").GetDouble(),
                DistanceCost = r.GetProperty("distanceCost").GetDouble(),
                TimeCost = r.GetProperty("timeCost").GetDouble(),
                Cost = r.GetProperty("cost").GetDouble(),
                Steps = [.. r.GetProperty("steps").EnumerateArray().Select(s => new RouteStep
                {
                    Kind = Enum.Parse<StepKind>(s.GetProperty("type").GetString()!, ignoreCase: true),
                    Id = s.GetProperty("id").GetString()!,
                    TaskIndex = s.GetProperty("taskIndex").GetInt32(),
                    Location = s.GetProperty("locationIndex").ValueKind == JsonValueKind.Null ? null : s.GetProperty("locationIndex").GetInt32(),
                    ArrivalSeconds = s.GetProperty("arrivalSeconds").GetDouble(),
                    WaitingSeconds = s.GetProperty("waitingSeconds").GetDouble(),
                    ServiceStartSeconds = s.GetProperty("serviceStartSeconds").GetDouble(),
                    ServiceSeconds = s.GetProperty("serviceSeconds").GetDouble(),
                    DepartureSeconds = s.GetProperty("departureSeconds").GetDouble(),
                    LoadAfter = new Amounts([.. s.GetProperty("load").EnumerateArray().Select(v => v.GetInt64())]),
                    CumulativeDistanceMetres = s.GetProperty("distanceMetres").GetDouble(),
                    CumulativeTravelSeconds = s.GetProperty("travelSeconds").GetDouble(),
                })],
            })],
            Unassigned = [.. result.GetProperty("unassigned").EnumerateArray().Select(u => new UnassignedTask(
                u.GetProperty("id").GetString()!,
                Enum.Parse<TaskKind>(u.GetProperty("type").GetString()!, ignoreCase: true),
                u.GetProperty("taskIndex").GetInt32(),
                Enum.Parse<UnassignedReason>(u.GetProperty("reason").GetString()!, ignoreCase: true),
                u.GetProperty("explanation").GetString()!))],
            Cost = new CostBreakdown(cost.GetProperty("fixed").GetDouble(), cost.GetProperty("distance").GetDouble(),
                cost.GetProperty("time").GetDouble(), cost.GetProperty("penalty").GetDouble()),
            DistanceMetres = result.GetProperty("distanceMetres").GetDouble(),
            DurationSeconds = result.GetProperty("durationSeconds").GetDouble(),
            UnservedMandatoryCount = result.GetProperty("unservedMandatoryCount").GetInt32(),
        };
    }
}
