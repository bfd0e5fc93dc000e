using System.Text.Json;
using System.Xml.Linq;
using PostRoute.Engine.Formats;
using PostRoute.Engine.Network;
using PostRoute.Engine.Planning;

namespace PostRoute.Cli.Tests;

public sealed class PlanTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Plan_prints_the_route_table_and_writes_json_geojson_svg_and_html_that_agree()
    {
        string outDir = _temp.Combine("plan");

        var run = await CliHarness.RunAsync("plan", "--date", "2025-03-14", "--seed", "3", "--time", "1", "--out", outDir);

        var result = SolutionJson.Read(File.ReadAllText(Path.Combine(outDir, "plan.json")));
        Assert.Equal(result.UnservedMandatoryCount > 0 ? 1 : 0, run.ExitCode);
        Assert.NotEmpty(result.Routes);
        foreach (var route in result.Routes)
        {
            Assert.Contains(route.Vehicle, run.Out); // one table row per route
        }

        Assert.Contains("total", run.Out);
        foreach (var task in result.Unassigned)
        {
            Assert.Contains(task.Id, run.Out);
        }

        var svg = XDocument.Load(Path.Combine(outDir, "plan.svg"));
        var routePaths = svg.Descendants().Where(e => e.Name.LocalName == "path" &&
            (e.Attribute("class")?.Value.Split(' ').Contains("route") ?? false)).ToList();
        Assert.Equal(result.Routes.Count, routePaths.Count);

        using var geo = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "plan.geojson")));
        Assert.Equal("FeatureCollection", geo.RootElement.GetProperty("type").GetString());
        Assert.True(geo.RootElement.GetProperty("features").GetArrayLength() > result.Routes.Count);

        string html = File.ReadAllText(Path.Combine(outDir, "plan.html"));
        Assert.Contains("<svg", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("src=", html);
        Assert.DoesNotContain("<link", html);
        foreach (var route in result.Routes)
        {
            Assert.Contains($"<td>{route.Vehicle}</td>", html);
        }
    }

    [Fact]
    public async Task Plan_json_is_one_document_matching_plan_json()
    {
        string outDir = _temp.Combine("plan");

        var run = await CliHarness.RunAsync("plan", "--date", "2025-03-14", "--time", "1", "--out", outDir, "--json");

        using var doc = JsonDocument.Parse(run.Out);
        var root = doc.RootElement;
        var result = SolutionJson.Read(File.ReadAllText(Path.Combine(outDir, "plan.json")));
        Assert.Equal(result.Routes.Count, root.GetProperty("routes").GetArrayLength());
        Assert.Equal(result.Routes.Select(r => r.Vehicle), root.GetProperty("routes").EnumerateArray().Select(r => r.GetProperty("vehicleId").GetString()));
        Assert.Equal(result.Cost.Total, root.GetProperty("cost").GetDouble(), 6);
        Assert.Equal(result.UnservedMandatoryCount, root.GetProperty("unservedMandatory").GetInt32());
        Assert.Equal("2025-03-14", root.GetProperty("date").GetString());
        Assert.Equal(4, root.GetProperty("outputs").GetArrayLength());
        Assert.Equal(result.UnservedMandatoryCount > 0 ? 1 : 0, run.ExitCode);
    }

    [Fact]
    public async Task Plan_reads_volumes_from_a_csv_file()
    {
        var volumes = MailVolumes.Generate(PhuYen.Network, new DateOnly(2025, 3, 14), 9).Take(12).ToList();
        using (var writer = new StreamWriter(_temp.Combine("volumes.csv")))
        {
            MailVolumes.WriteCsv(volumes, writer);
        }

        var run = await CliHarness.RunAsync("plan", "--volumes", _temp.Combine("volumes.csv"), "--time", "1", "--out", _temp.Combine("plan"), "--json");

        Assert.True(run.ExitCode is 0 or 1, run.Error);
        using var doc = JsonDocument.Parse(run.Out);
        Assert.Equal(12, doc.RootElement.GetProperty("volumes").GetProperty("communes").GetInt32());
        Assert.Equal(volumes.Sum(v => v.DeliveryKg), doc.RootElement.GetProperty("volumes").GetProperty("deliveryKg").GetDouble(), 6);
    }

    [Fact]
    public async Task Missing_or_malformed_volumes_file_exits_3_naming_file_and_line()
    {
        var missing = await CliHarness.RunAsync("plan", "--volumes", _temp.Combine("none.csv"), "--out", _temp.Combine("plan"));
        Assert.Equal(3, missing.ExitCode);
        Assert.Contains("none.csv", missing.Error);

        string bad = _temp.File("volumes.csv", "commune_code,delivery_kg,pickup_kg\n22015,12.5,1\n22018,lots,2\n");
        var malformed = await CliHarness.RunAsync("plan", "--volumes", bad, "--out", _temp.Combine("plan"));
        Assert.Equal(3, malformed.ExitCode);
        Assert.Contains("volumes.csv:3", malformed.Error);
        Assert.Contains("delivery_kg", malformed.Error);
        Assert.False(Directory.Exists(_temp.Combine("plan")));
    }

    [Fact]
    public async Task Bad_date_is_a_usage_error()
    {
        var run = await CliHarness.RunAsync("plan", "--date", "14/03/2025", "--out", _temp.Combine("plan"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("yyyy-MM-dd", run.Error);
    }
}
