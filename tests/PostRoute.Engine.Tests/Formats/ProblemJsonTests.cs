using PostRoute.Engine.Formats;
using PostRoute.Engine.Network;
using PostRoute.Engine.Routing;
using PostRoute.Engine.Routing.Solvers.Search;

namespace PostRoute.Engine.Tests.Formats;

public sealed class ProblemJsonTests
{
    private const string Planar = """
        {
          "name": "tiny",
          "objective": "minimizeVehiclesFirst",
          "travel": { "coordinates": { "kind": "planar", "speedKmh": 36 } },
          "locations": [ { "id": "depot", "x": 0, "y": 0 }, { "id": "a", "x": 1000, "y": 0 } ],
          "vehicles": [ { "id": "van", "start": "depot" } ],
          "jobs": [ { "id": "ja", "location": "a", "serviceSeconds": 60 } ]
        }
        """;

    [Fact]
    public void Read_maps_the_request_with_the_api_names()
    {
        var mapped = ProblemJson.Read(Planar, _ => null);

        Assert.Equal("tiny", mapped.Problem.Name);
        Assert.Equal(Objective.MinimizeVehiclesFirst, mapped.Problem.Objective);
        Assert.Equal("ja", Assert.Single(mapped.Problem.Jobs).Id);
        Assert.Equal(60, mapped.Problem.Jobs[0].ServiceSeconds);
    }

    [Fact]
    public void Written_request_reads_back_the_same()
    {
        var request = ProblemJson.Deserialize(Planar);

        var again = ProblemJson.Deserialize(ProblemJson.Write(request));

        Assert.Equal(ProblemJson.Write(request), ProblemJson.Write(again));
        Assert.Equal(request.Objective, again.Objective);
        Assert.Equal(request.Jobs![0], again.Jobs![0]);
    }

    [Fact]
    public void Network_is_looked_up_by_the_travel_network_id()
    {
        string json = """{ "travel": { "network": "phu-yen" }, "vehicles": [ { "id": "t", "start": "hub-tuy-hoa" } ], "jobs": [ { "id": "j", "location": "do-555" } ] }""";
        var asked = new List<string>();

        var mapped = ProblemJson.Read(json, id =>
        {
            asked.Add(id);
            return PhuYen.Network;
        });

        Assert.Equal(["phu-yen"], asked);
        Assert.Equal("do-555", mapped.Problem.Locations[mapped.Problem.Jobs[0].Location].Id);
        Assert.NotEmpty(mapped.NetworkTravel);
    }

    [Fact]
    public void Unknown_network_is_a_validation_error_naming_the_field()
    {
        string json = """{ "travel": { "network": "atlantis" }, "vehicles": [ { "id": "t", "start": "x" } ] }""";

        var error = Assert.Throws<RoutingValidationException>(() => ProblemJson.Read(json, _ => null));

        Assert.Contains(error.Errors, e => e.Path == "travel.network");
    }

    [Theory]
    [InlineData("{\n  \"name\": \"x\",\n  \"seed\": \"one\"\n}", 3, "$.seed")]
    [InlineData("{\n  \"name\": \"x\",\n  \"colour\": \"red\"\n}", 3, "colour")]
    [InlineData("{\n  \"name\": \"x\",\n  \"objective\": 1\n}", 3, "$.objective")]
    [InlineData("{\n  \"name\": \"x\"\n  \"seed\": 1\n}", 3, "")]
    public void Malformed_json_names_the_file_line_and_path(string json, int line, string field)
    {
        var error = Assert.Throws<InstanceFormatException>(() => ProblemJson.Deserialize(json, "p.json"));

        Assert.Equal("p.json", error.FileName);
        Assert.Equal(line, error.LineNumber);
        Assert.Contains(field, error.Detail);
    }

    [Fact]
    public void Null_document_is_malformed()
    {
        Assert.Throws<InstanceFormatException>(() => ProblemJson.Deserialize("null"));
    }

    [Fact]
    public void Solution_document_round_trips()
    {
        var problem = ProblemJson.Read(Planar, _ => null).Problem;
        var result = new SearchSolver().Solve(problem, new SolveOptions { TimeLimit = TimeSpan.FromSeconds(1), Seed = 1 });

        string json = SolutionJson.Write(problem, result);
        var read = SolutionJson.Read(json);

        Assert.Equal(json, SolutionJson.Write(read));
        Assert.Equal(result.Solution.Cost.Total, read.Cost.Total);
        Assert.Equal(["start", "job", "end"], read.Routes.Single().Steps.Select(s => s.Type));
        Assert.Equal("completed", read.SolveStatus);
    }
}
