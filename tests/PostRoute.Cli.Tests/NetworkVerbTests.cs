using System.Text.Json;
using PostRoute.Engine.Formats;
using PostRoute.Engine.Network;

namespace PostRoute.Cli.Tests;

public sealed class NetworkVerbTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Path_prints_node_names_km_and_minutes()
    {
        var run = await CliHarness.RunAsync("path", PhuYen.HubId, "do-560", "--profile", "motorbike");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(PhuYen.Network.FindNode(PhuYen.HubId)!.Name, run.Out);
        Assert.Contains(PhuYen.Network.FindNode("do-560")!.Name, run.Out);
        Assert.Contains(" km", run.Out);
        Assert.Contains(" min", run.Out);
    }

    [Fact]
    public async Task Path_json_gives_the_nodes_from_start_to_end()
    {
        var run = await CliHarness.RunAsync("path", PhuYen.HubId, "do-560", "--metric", "distance", "--json");

        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        var nodes = doc.RootElement.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()).ToList();
        Assert.Equal(PhuYen.HubId, nodes[0]);
        Assert.Equal("do-560", nodes[^1]);
        Assert.True(doc.RootElement.GetProperty("distanceKm").GetDouble() > 0);
    }

    [Fact]
    public async Task Matrix_csv_has_one_row_per_pair()
    {
        var run = await CliHarness.RunAsync("matrix", "--from", $"{PhuYen.HubId},do-560", "--to", "do-555,do-559,do-563", "--format", "csv");

        Assert.Equal(0, run.ExitCode);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("from,to,duration_s,distance_m", lines[0]);
        Assert.Equal(2 * 3, lines.Length - 1);
        Assert.StartsWith($"{PhuYen.HubId},do-555,", lines[1]);
    }

    [Fact]
    public async Task Matrix_defaults_to_every_post_office()
    {
        var run = await CliHarness.RunAsync("matrix", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        int offices = PhuYen.Network.Nodes.Count(n => n.IsPostOffice);
        Assert.Equal(offices, doc.RootElement.GetProperty("sources").GetArrayLength());
        Assert.Equal(offices, doc.RootElement.GetProperty("durationsSeconds")[0].GetArrayLength());
    }

    [Fact]
    public async Task Matrix_table_is_printed()
    {
        var run = await CliHarness.RunAsync("matrix", "--from", PhuYen.HubId, "--to", "do-555");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("do-555", run.Out);
        Assert.Contains("minutes", run.Out);
    }

    [Fact]
    public async Task Network_export_json_reads_back_as_the_same_network()
    {
        string file = _temp.Combine("net.json");

        var run = await CliHarness.RunAsync("network", "export", "--out", file);

        Assert.Equal(0, run.ExitCode);
        var network = NetworkJson.Read(File.ReadAllText(file));
        Assert.Equal(PhuYen.Network.NodeCount, network.NodeCount);
        Assert.Equal(PhuYen.Network.LinkCount, network.LinkCount);
    }

    [Fact]
    public async Task Network_export_csv_writes_three_files_that_read_back()
    {
        string folder = _temp.Combine("csv");

        var run = await CliHarness.RunAsync("network", "export", "--format", "csv", "--out", folder);

        Assert.Equal(0, run.ExitCode);
        using var nodes = new StreamReader(Path.Combine(folder, "nodes.csv"));
        using var links = new StreamReader(Path.Combine(folder, "links.csv"));
        using var communes = new StreamReader(Path.Combine(folder, "communes.csv"));
        var network = NetworkCsv.Read(nodes, links, communes);
        Assert.Equal(PhuYen.Network.NodeCount, network.NodeCount);
    }

    [Fact]
    public async Task Network_export_geojson_to_stdout_parses()
    {
        var run = await CliHarness.RunAsync("network", "export", "--format", "geojson");

        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        Assert.Equal("FeatureCollection", doc.RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Network_file_is_used_and_a_missing_or_malformed_one_exits_3()
    {
        string good = _temp.File("net.json", NetworkJson.Write(PhuYen.Network));
        var ok = await CliHarness.RunAsync("path", PhuYen.HubId, "do-555", "--network", good);
        Assert.Equal(0, ok.ExitCode);

        var missing = await CliHarness.RunAsync("path", PhuYen.HubId, "do-555", "--network", _temp.Combine("none.json"));
        Assert.Equal(3, missing.ExitCode);
        Assert.Contains("none.json", missing.Error);

        string bad = _temp.File("bad.json", "{ \"formatVersion\": 1, \"name\": 5 }");
        var malformed = await CliHarness.RunAsync("path", PhuYen.HubId, "do-555", "--network", bad);
        Assert.Equal(3, malformed.ExitCode);
        Assert.Contains("bad.json", malformed.Error);
    }
}
