using System.Text.Json;
using PostRoute.Engine.Formats.Vroom;
using PostRoute.Engine.Routing;
using PostRoute.Engine.Routing.Solvers.OrTools;

namespace PostRoute.Engine.Tests.Formats;

public sealed class VroomJsonTests
{
    // A depot (index 0) and three customers on a line: 0 —100 s— 1 —100 s— 2 —100 s— 3, symmetric; metres = 10 × seconds.
    // A solution count, not the clock, ends the searches: robust on a loaded machine.
    private static SolveOptions Quick => new() { TimeLimit = TimeSpan.FromSeconds(1), StopWhen = [new MaxSolutions(50)] };

    private const string LineInstance = """
        {
          "vehicles": [ { "id": 7, "start_index": 0, "end_index": 0, "capacity": [10], "time_window": [0, 100000] } ],
          "jobs": [
            { "id": 1, "location_index": 1, "service": 30, "delivery": [3], "description": "one" },
            { "id": 2, "location_index": 2, "setup": 5, "service": 30, "delivery": [3], "time_windows": [[0, 5000]] },
            { "id": 3, "location_index": 3, "service": 30, "pickup": [2], "priority": 50 }
          ],
          "matrices": { "car": {
            "durations": [[0, 100, 200, 300], [100, 0, 100, 200], [200, 100, 0, 100], [300, 200, 100, 0]],
            "distances": [[0, 1000, 2000, 3000], [1000, 0, 1000, 2000], [2000, 1000, 0, 1000], [3000, 2000, 1000, 0]]
          } }
        }
        """;

    [Fact]
    public void Input_maps_onto_the_routing_model()
    {
        var vroom = VroomJson.Read(LineInstance);
        var problem = vroom.Problem;
        Assert.Equal(4, problem.Locations.Length);
        var vehicle = Assert.Single(problem.Vehicles);
        Assert.Equal(0, vehicle.Start);
        Assert.Equal(0, vehicle.End);
        Assert.Equal(new TimeWindow(0, 100_000), vehicle.Shift);
        Assert.Equal(3600, vehicle.CostPerHour); // VROOM's default per_hour
        Assert.Equal(0, vehicle.CostPerKm);
        Assert.Equal([10L], vehicle.Capacity.Values.ToArray());
        Assert.Empty(vehicle.Breaks);
        Assert.Equal(35, problem.Jobs[1].ServiceSeconds); // setup + service
        Assert.Equal([new TimeWindow(0, 5000)], problem.Jobs[1].TimeWindows.ToArray());
        Assert.Equal([2L], problem.Jobs[2].Pickup.Values.ToArray());
        Assert.Equal(50, problem.Jobs[2].Priority);
        Assert.Equal(200, problem.Travel("car").DurationSeconds(1, 3));
        Assert.Equal(2000, problem.Travel("car").DistanceMetres(3, 1));
        Assert.True(vroom.HasDistances);
    }

    private const string Break = "\"breaks\": [ { \"id\": 99, \"time_windows\": [[0, 100000]], \"service\": 60 } ]";

    [Theory]
    [InlineData(null)]
    [InlineData("")] // VROOM's default costs: per_hour 3600
    [InlineData("\"costs\": { \"per_hour\": 0, \"per_km\": 100 }, ")]
    public void Solution_is_written_in_vroom_shape_with_vroom_costs(string? breakWithCosts)
    {
        bool withBreak = breakWithCosts is not null;
        var vroom = VroomJson.Read(withBreak
            ? LineInstance.Replace("\"time_window\": [0, 100000]", $"\"time_window\": [0, 100000], {breakWithCosts}{Break}", StringComparison.Ordinal)
            : LineInstance);
        Assert.Equal(withBreak, !vroom.Problem.Vehicles[0].Breaks.IsEmpty);
        var result = new OrToolsSolver().Solve(vroom.Problem, Quick);
        Assert.True(SolutionChecker.Check(vroom.Problem, result.Solution).IsValid);
        Assert.True(result.Solution.Unassigned.IsEmpty, string.Join("; ", result.Solution.Unassigned));

        using var doc = JsonDocument.Parse(VroomJson.WriteSolution(vroom, result));
        var root = doc.RootElement;
        Assert.Equal(0, root.GetProperty("code").GetInt32());
        var summary = root.GetProperty("summary");
        Assert.Equal(1, summary.GetProperty("routes").GetInt32());
        Assert.Equal(0, summary.GetProperty("unassigned").GetInt32());
        // The best tour out along the line and back is 600 s and 6 km; cost = per_hour 3600 × travel hours = travel
        // seconds by default, 100 per km × 6 km with the per-km costs: 600 either way.
        Assert.Equal(600, summary.GetProperty("duration").GetInt64());
        Assert.Equal(6000, summary.GetProperty("distance").GetInt64());
        Assert.Equal(600, summary.GetProperty("cost").GetInt64());
        Assert.Equal(90, summary.GetProperty("service").GetInt64());
        Assert.Equal(5, summary.GetProperty("setup").GetInt64());
        Assert.Equal([6L], summary.GetProperty("delivery").EnumerateArray().Select(v => v.GetInt64()));
        Assert.Equal([2L], summary.GetProperty("pickup").EnumerateArray().Select(v => v.GetInt64()));
        Assert.Equal(50, summary.GetProperty("priority").GetInt64());

        var route = Assert.Single(root.GetProperty("routes").EnumerateArray());
        Assert.Equal(7UL, route.GetProperty("vehicle").GetUInt64());
        var steps = route.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal("start", steps[0].GetProperty("type").GetString());
        Assert.Equal("end", steps[^1].GetProperty("type").GetString());
        Assert.Equal([1UL, 2UL, 3UL], steps.Where(s => s.GetProperty("type").GetString() == "job").Select(s => s.GetProperty("id").GetUInt64()).Order());
        if (withBreak)
        {
            var brk = Assert.Single(steps, s => s.GetProperty("type").GetString() == "break");
            Assert.Equal(99UL, brk.GetProperty("id").GetUInt64());
            Assert.Equal(60, brk.GetProperty("service").GetInt64());
        }
        else
        {
            Assert.DoesNotContain(steps, s => s.GetProperty("type").GetString() == "break");
        }

        Assert.Equal(600, steps[^1].GetProperty("duration").GetInt64()); // cumulative travel time at the end
        Assert.Equal(0, steps[^1].GetProperty("location_index").GetInt32());
        var two = steps.Single(s => s.TryGetProperty("id", out var id) && s.GetProperty("type").GetString() == "job" && id.GetUInt64() == 2);
        Assert.Equal(5, two.GetProperty("setup").GetInt64());
        Assert.Equal(30, two.GetProperty("service").GetInt64());
        Assert.Equal("one", steps.Single(s => s.TryGetProperty("description", out _)).GetProperty("description").GetString());
        // Loads: 6 parcels on board at the start; the last step carries the 2 picked up.
        Assert.Equal(6, steps[0].GetProperty("load")[0].GetInt64());
        Assert.Equal(2, steps[^1].GetProperty("load")[0].GetInt64());
    }

    [Fact]
    public void Unserved_shipments_are_listed_as_pickup_and_delivery()
    {
        const string json = """
            {
              "vehicles": [ { "id": 1, "start": [109.30, 13.09], "capacity": [1] } ],
              "shipments": [
                { "pickup": { "id": 10, "location": [109.31, 13.10] }, "delivery": { "id": 11, "location": [109.32, 13.11] }, "amount": [5] }
              ],
              "jobs": [ { "id": 4, "location": [109.30, 13.10], "skills": [3] } ]
            }
            """;
        var vroom = VroomJson.Read(json, new VroomReadOptions { SpeedMetresPerSecond = 10 });
        Assert.Null(vroom.Problem.Vehicles[0].End); // no end: open route
        var result = new OrToolsSolver().Solve(vroom.Problem, Quick);
        using var doc = JsonDocument.Parse(VroomJson.WriteSolution(vroom, result));
        var unassigned = doc.RootElement.GetProperty("unassigned").EnumerateArray().ToList();
        Assert.Equal([(4UL, "job"), (10UL, "pickup"), (11UL, "delivery")],
            unassigned.Select(u => (u.GetProperty("id").GetUInt64(), u.GetProperty("type").GetString())));
        Assert.Equal("noVehicleWithSkills", unassigned[0].GetProperty("reason").GetString());
        Assert.Equal("exceedsCapacity", unassigned[1].GetProperty("reason").GetString());
        Assert.Equal([109.31, 13.10], unassigned[1].GetProperty("location").EnumerateArray().Select(c => c.GetDouble()));
        Assert.Equal(3, doc.RootElement.GetProperty("summary").GetProperty("unassigned").GetInt32());
        Assert.Equal(0, doc.RootElement.GetProperty("routes").GetArrayLength());
    }

    [Fact]
    public void Speed_factor_divides_durations()
    {
        var vroom = VroomJson.Read(LineInstance.Replace("\"id\": 7,", "\"id\": 7, \"speed_factor\": 2,", StringComparison.Ordinal));
        Assert.Equal("car@2", vroom.Problem.Vehicles[0].Profile);
        Assert.Equal(150, vroom.Problem.Travel("car@2").DurationSeconds(0, 3));
        Assert.Equal(3000, vroom.Problem.Travel("car@2").DistanceMetres(0, 3));
    }

    [Theory]
    [InlineData("""{ "vehicles": [ { "id": 1, "start_index": 0 } ], "jobs": [ { "id": 1 } ], "matrices": { "car": { "durations": [[0]] } } }""", "jobs[0].location_index")]
    [InlineData("""{ "vehicles": [ { "id": 1, "start_index": 0 } ], "jobs": [ { "id": 1, "location_index": 0 }, { "id": 1, "location_index": 0 } ], "matrix": [[0]] }""", "jobs[1].id")]
    [InlineData("""{ "vehicles": [ { "id": 1, "start_index": 0 } ], "jobs": [ { "id": 1, "location_index": 0, "time_windows": [[9, 3]] } ], "matrix": [[0]] }""", "jobs[0].time_windows[0]")]
    [InlineData("""{ "vehicles": [ { "id": 1, "start_index": 0 } ], "jobs": [ { "id": 1, "location_index": 0, "priority": 101, "service": -1 } ], "matrix": [[0]] }""", "jobs[0].priority", "jobs[0].service")]
    [InlineData("""{ "vehicles": [ { "id": 1, "start_index": 0 } ], "matrices": { "car": { "durations": [[0]], "costs": [[0]] } } }""", "matrices.car.costs")]
    [InlineData("""{ "vehicles": [ { "id": 1 } ], "matrix": [[0]] }""", "vehicles[0].start")]
    [InlineData("""{ "vehicles": [ { "id": 1, "start_index": 0, "profile": "truck" } ], "matrix": [[0]] }""", "vehicles[0].profile")]
    [InlineData("""{ "vehicles": [ { "id": 1, "start_index": 3 } ], "matrix": [[0, 1], [1]] }""", "vehicles[0].start_index", "matrices.car.durations[1]")]
    [InlineData("""{ "vehicles": [ { "id": 1, "start": [200, 13] } ] }""", "vehicles[0].start")]
    [InlineData("""{ "vehicles": [ { "id": "one" } ] }""", "vehicles[0].id")]
    [InlineData("""{ "vehicles": [ { "id": 1, """, "vehicles[0]")]
    public void Invalid_input_names_each_field_with_vroom_names(string json, params string[] paths)
    {
        var errors = Assert.Throws<RoutingValidationException>(() => VroomJson.Read(json)).Errors;
        foreach (string path in paths)
        {
            Assert.True(errors.Any(e => e.Path == path), $"no error at {path}: {string.Join("; ", errors)}");
        }
    }

    [Fact]
    public void Error_body_has_vroom_code_and_message()
    {
        using var doc = JsonDocument.Parse(VroomJson.WriteError(2, "bad input"));
        Assert.Equal(2, doc.RootElement.GetProperty("code").GetInt32());
        Assert.Equal("bad input", doc.RootElement.GetProperty("error").GetString());
    }
}
