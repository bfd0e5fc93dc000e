using System.Text.Json;
using PostRoute.Engine.Formats;

namespace PostRoute.Cli.Tests;

public sealed class SolveTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Solomon_file_is_solved_checked_and_compared_with_the_best_known_value_beside_it()
    {
        string file = _temp.File("T1.txt", Instances.Solomon);
        _temp.File("bks.csv", "instance,vehicles,distance,source\nT1,2,100,made up\n");

        var run = await CliHarness.RunAsync("solve", file, "--time", "1");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("valid", run.Out);
        Assert.Contains("best known", run.Out);
        Assert.Contains("made up", run.Out);
        Assert.Contains("gap", run.Out);
    }

    [Fact]
    public async Task Json_output_is_one_document_that_matches_the_solution()
    {
        string file = _temp.File("T1.txt", Instances.Solomon);
        _temp.File("bks.csv", "instance,vehicles,distance,source\nT1,2,100,made up\n");

        var run = await CliHarness.RunAsync("solve", file, "--time", "1", "--json");

        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        var root = doc.RootElement;
        Assert.Equal("solomon", root.GetProperty("format").GetString());
        Assert.True(root.GetProperty("check").GetProperty("valid").GetBoolean());
        var result = SolutionJson.Read(root.GetProperty("result").GetRawText());
        Assert.Equal(root.GetProperty("vehiclesUsed").GetInt32(), result.Routes.Count);
        Assert.Equal(root.GetProperty("cost").GetDouble(), result.Cost.Total, 6);
        Assert.Equal(6, result.Routes.Sum(r => r.StopCount));
        double distance = root.GetProperty("distance").GetDouble();
        Assert.Equal((distance - 100) / 100 * 100, root.GetProperty("gapPercent").GetDouble(), 6);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task Cvrplib_file_writes_a_sol_file_and_the_solution_json()
    {
        string file = _temp.File("T-n6-k2.vrp", Instances.Cvrp);
        string outDir = _temp.Combine("out");

        var run = await CliHarness.RunAsync("solve", file, "--time", "1", "--out", outDir, "--quiet");

        Assert.Equal(0, run.ExitCode);
        var sol = CvrpSolutionFormat.Read(Path.Combine(outDir, "T-n6-k2.sol"));
        Assert.Equal([1, 2, 3, 4, 5], sol.Routes.SelectMany(r => r).Order());
        Assert.True(sol.Routes.All(r => r.Length > 0));
        var result = SolutionJson.Read(File.ReadAllText(Path.Combine(outDir, "T-n6-k2.solution.json")));
        Assert.Equal(sol.Routes.Length, result.VehiclesUsed);
        Assert.Empty(result.Unassigned);
        var svg = System.Xml.Linq.XDocument.Load(Path.Combine(outDir, "T-n6-k2.svg"));
        Assert.Equal(sol.Routes.Length, svg.Descendants().Count(e => e.Name.LocalName == "path" &&
            (e.Attribute("class")?.Value.Split(' ').Contains("route") ?? false)));
    }

    [Fact]
    public async Task Vroom_file_writes_vroom_output()
    {
        string file = _temp.File("tiny.json", Instances.Vroom);
        string outDir = _temp.Combine("out");

        var run = await CliHarness.RunAsync("solve", file, "--time", "1", "--out", outDir);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("VROOM", run.Out);
        using var vroom = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "tiny.vroom-solution.json")));
        Assert.Equal(0, vroom.RootElement.GetProperty("code").GetInt32());
        Assert.Equal(3, vroom.RootElement.GetProperty("routes")[0].GetProperty("steps").EnumerateArray()
            .Count(s => s.GetProperty("type").GetString() == "job"));
    }

    [Fact]
    public async Task Plan_request_file_is_solved_offline()
    {
        string file = _temp.File("plan.json", Instances.PlanRequest());

        var run = await CliHarness.RunAsync("solve", file, "--time", "1", "--json");

        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        Assert.Equal("planRequest", doc.RootElement.GetProperty("format").GetString());
        Assert.Equal(3, doc.RootElement.GetProperty("result").GetProperty("routes")[0].GetProperty("stopCount").GetInt32());
    }

    [Fact]
    public async Task Plan_request_on_the_embedded_network_also_writes_geojson()
    {
        string file = _temp.File("phu-yen.json", Instances.PhuYenPlanRequest);
        string outDir = _temp.Combine("out");

        var run = await CliHarness.RunAsync("solve", file, "--time", "1", "--solver", "ortools", "--out", outDir);

        Assert.Equal(0, run.ExitCode);
        using var geo = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "phu-yen.geojson")));
        Assert.Equal("FeatureCollection", geo.RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Unserved_mandatory_stop_exits_1()
    {
        string file = _temp.File("plan.json", Instances.PlanRequest(demand: 50)); // more than the van holds

        var run = await CliHarness.RunAsync("solve", file, "--time", "1");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("jc", run.Out);
    }

    [Fact]
    public async Task Missing_file_exits_3_naming_it()
    {
        string file = _temp.Combine("absent.txt");

        var run = await CliHarness.RunAsync("solve", file);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("absent.txt", run.Error);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task Malformed_benchmark_file_exits_3_naming_file_and_line()
    {
        string file = _temp.File("T1.txt", Instances.SolomonMalformed);

        var run = await CliHarness.RunAsync("solve", file, "--time", "1");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("T1.txt, line 12", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Fact]
    public async Task Malformed_json_exits_3_naming_file_line_and_field()
    {
        string file = _temp.File("plan.json", "{\n  \"name\": \"x\",\n  \"travel\": { \"coordinates\": { \"speedKmh\": \"fast\" } }\n}\n");

        var run = await CliHarness.RunAsync("solve", file, "--time", "1");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("plan.json, line 3", run.Error);
        Assert.Contains("speedKmh", run.Error);
    }

    [Fact]
    public async Task Invalid_plan_request_exits_3_naming_the_field()
    {
        string file = _temp.File("plan.json", Instances.PlanRequest().Replace("\"location\": \"c\"", "\"location\": \"nowhere\"", StringComparison.Ordinal));

        var run = await CliHarness.RunAsync("solve", file, "--time", "1");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("jobs[2].location", run.Error);
    }

    [Fact]
    public async Task Unrecognised_content_exits_3()
    {
        string file = _temp.File("notes.txt", "hello\nworld\n");

        var run = await CliHarness.RunAsync("solve", file);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("--format", run.Error);
    }
}
