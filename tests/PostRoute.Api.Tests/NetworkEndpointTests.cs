using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using PostRoute.Api.Hosting;
using PostRoute.Engine.Formats;
using PostRoute.Engine.Network;

namespace PostRoute.Api.Tests;

public sealed class NetworkEndpointTests : IAsyncLifetime
{
    private readonly TestApi _api = new();

    private HttpClient Client => _api.Client;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Json_network_is_created_with_201_location_id_and_version()
    {
        var response = await Client.PostAsync("/networks", TestApi.JsonBody(OpenApiExamples.SmallNetwork));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/networks/demo", response.Headers.Location?.OriginalString);
        using var body = await TestApi.ReadJson(response);
        Assert.Equal("demo", body.RootElement.GetProperty("id").GetString());
        Assert.Equal(2, body.RootElement.GetProperty("version").GetInt64()); // the document's own version is kept
        Assert.Equal(3, body.RootElement.GetProperty("nodeCount").GetInt32());
        Assert.Equal(1, body.RootElement.GetProperty("closedLinkCount").GetInt32());

        // Reading it back gives the network that was sent.
        var sent = NetworkJson.Read(OpenApiExamples.SmallNetwork);
        var stored = NetworkJson.Read(await Client.GetStringAsync(response.Headers.Location));
        Assert.Equal(NetworkJson.Write(sent), NetworkJson.Write(stored));

        using var list = JsonDocument.Parse(await Client.GetStringAsync("/networks"));
        Assert.Equal(["demo", "phu-yen"], list.RootElement.EnumerateArray().Select(n => n.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Same_name_twice_gets_a_numbered_id()
    {
        var first = await Client.PostAsync("/networks", TestApi.JsonBody(OpenApiExamples.SmallNetwork));
        var second = await Client.PostAsync("/networks", TestApi.JsonBody(OpenApiExamples.SmallNetwork));
        Assert.Equal("/networks/demo", first.Headers.Location?.OriginalString);
        Assert.Equal("/networks/demo-2", second.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Csv_files_as_multipart_create_the_same_network()
    {
        var (nodes, links, communes) = Csv(PhuYen.Network);
        using var form = new MultipartFormDataContent
        {
            { new StringContent("Phú Yên copy"), "name" },
            { new StringContent(nodes, Encoding.UTF8, "text/csv"), "nodes", "nodes.csv" },
            { new StringContent(links, Encoding.UTF8, "text/csv"), "links", "links.csv" },
            { new StringContent(communes, Encoding.UTF8, "text/csv"), "communes", "communes.csv" },
        };
        var response = await Client.PostAsync("/networks", form);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/networks/phu-yen-copy", response.Headers.Location?.OriginalString);

        var stored = NetworkJson.Read(await Client.GetStringAsync("/networks/phu-yen-copy"));
        Assert.Equal("Phú Yên copy", stored.Name);
        Assert.Equal(1, stored.Version);
        Assert.Equal(PhuYen.Network.Nodes.Select(n => (n.Id, n.Kind, n.Location)), stored.Nodes.Select(n => (n.Id, n.Kind, n.Location)));
        Assert.Equal(PhuYen.Network.Communes.Select(c => (c.Code, c.Location)), stored.Communes.Select(c => (c.Code, c.Location)));
        Assert.Equal(PhuYen.Network.Links.Select(l => (l.Id, l.From, l.To, l.LengthMetres)),
            stored.Links.Select(l => (l.Id, l.From, l.To, l.LengthMetres)));
    }

    [Fact]
    public async Task Csv_parts_are_also_found_by_file_name()
    {
        var (nodes, links, _) = Csv(PhuYen.Network);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(nodes, Encoding.UTF8, "text/csv"), "file1", "nodes.csv" },
            { new StringContent(links, Encoding.UTF8, "text/csv"), "file2", "LINKS.CSV" },
        };
        var response = await Client.PostAsync("/networks", form);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/networks/network", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Invalid_network_json_is_a_validation_problem_with_every_field_path_and_stores_nothing()
    {
        string bad = OpenApiExamples.SmallNetwork
            .Replace("\"lengthMetres\": 21345.5", "\"lengthMetres\": -5", StringComparison.Ordinal)
            .Replace("\"to\": \"AM\"", "\"to\": \"NOWHERE\"", StringComparison.Ordinal);
        var response = await Client.PostAsync("/networks", TestApi.JsonBody(bad));

        var errors = await AssertValidationProblem(response);
        Assert.Contains(errors, e => e.Key.Contains("lengthMetres", StringComparison.Ordinal) && e.Key.Contains("HUB-TA", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Key.Contains("TA-AM", StringComparison.Ordinal) && e.Value.Any(m => m.Contains("NOWHERE", StringComparison.Ordinal)));
        await AssertOnlyPhuYenStored();
    }

    [Fact]
    public async Task Malformed_network_json_is_a_400_problem_not_a_500()
    {
        var response = await Client.PostAsync("/networks", TestApi.JsonBody("{\"profiles\": [\"truck\", "));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = await TestApi.ReadJson(response);
        Assert.Contains("invalid JSON", problem.RootElement.GetRawText(), StringComparison.Ordinal);
        await AssertOnlyPhuYenStored();
    }

    [Fact]
    public async Task Csv_errors_name_file_line_and_column()
    {
        var (nodes, links, _) = Csv(PhuYen.Network);
        string[] lines = links.Split('\n');
        string[] header = lines[0].Split(',');
        int lengthColumn = Array.IndexOf(header, "length_m");
        string[] cells = lines[2].Split(',');
        cells[lengthColumn] = "long";
        lines[2] = string.Join(',', cells);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(nodes, Encoding.UTF8, "text/csv"), "nodes", "nodes.csv" },
            { new StringContent(string.Join('\n', lines), Encoding.UTF8, "text/csv"), "links", "links.csv" },
        };
        var errors = await AssertValidationProblem(await Client.PostAsync("/networks", form));
        Assert.Contains("links.csv:3.length_m", errors.Keys);
        await AssertOnlyPhuYenStored();
    }

    [Fact]
    public async Task Multipart_without_links_is_a_validation_problem()
    {
        var (nodes, _, _) = Csv(PhuYen.Network);
        using var form = new MultipartFormDataContent { { new StringContent(nodes), "nodes", "nodes.csv" } };
        var errors = await AssertValidationProblem(await Client.PostAsync("/networks", form));
        Assert.Equal(["links"], errors.Keys);
    }

    [Fact]
    public async Task Other_media_types_are_415()
    {
        var response = await Client.PostAsync("/networks", new StringContent("nodes", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Accept_header_selects_geojson()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/networks/phu-yen");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/geo+json"));
        var response = await Client.SendAsync(request);
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        using var geo = await TestApi.ReadJson(response);
        Assert.Equal("FeatureCollection", geo.RootElement.GetProperty("type").GetString());

        var json = await Client.GetAsync("/networks/phu-yen");
        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
        Assert.Equal(PhuYen.Network.Links.Length, NetworkJson.Read(await json.Content.ReadAsStringAsync()).Links.Length);
    }

    [Fact]
    public async Task Closing_and_reopening_links_adds_versions_and_keeps_the_old_ones()
    {
        string link = PhuYen.Network.Links[0].Id;
        var closed = await Client.PostAsync("/networks/phu-yen/closures", TestApi.JsonBody(new { close = new[] { link } }));
        Assert.Equal(HttpStatusCode.Created, closed.StatusCode);
        Assert.Equal("/networks/phu-yen/versions/2", closed.Headers.Location?.OriginalString);
        using (var body = await TestApi.ReadJson(closed))
        {
            Assert.Equal(2, body.RootElement.GetProperty("version").GetInt64());
            Assert.Equal(1, body.RootElement.GetProperty("closedLinkCount").GetInt32());
        }

        var current = NetworkJson.Read(await Client.GetStringAsync("/networks/phu-yen"));
        Assert.Equal(2, current.Version);
        Assert.True(current.FindLink(link)!.Closed);
        var first = NetworkJson.Read(await Client.GetStringAsync("/networks/phu-yen/versions/1"));
        Assert.False(first.FindLink(link)!.Closed);
        Assert.False(NetworkJson.Read(await Client.GetStringAsync("/networks/phu-yen?version=1")).FindLink(link)!.Closed);

        var reopened = await Client.PostAsync("/networks/phu-yen/closures", TestApi.JsonBody(new { reopen = new[] { link } }));
        Assert.Equal(HttpStatusCode.Created, reopened.StatusCode);
        Assert.False(NetworkJson.Read(await Client.GetStringAsync("/networks/phu-yen")).FindLink(link)!.Closed);

        using var versions = JsonDocument.Parse(await Client.GetStringAsync("/networks/phu-yen/versions"));
        Assert.Equal([1L, 2L, 3L], versions.RootElement.EnumerateArray().Select(v => v.GetProperty("version").GetInt64()));
        Assert.Equal([0, 1, 0], versions.RootElement.EnumerateArray().Select(v => v.GetProperty("closedLinkCount").GetInt32()));
    }

    [Fact]
    public async Task Unknown_links_in_closures_are_listed_and_change_nothing()
    {
        string link = PhuYen.Network.Links[0].Id;
        var response = await Client.PostAsync("/networks/phu-yen/closures",
            TestApi.JsonBody(new { close = new[] { link, "no-such-link" }, reopen = new[] { "nor-this" } }));
        var errors = await AssertValidationProblem(response);
        Assert.Equal(["close[1]", "reopen[0]"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(1, NetworkJson.Read(await Client.GetStringAsync("/networks/phu-yen")).Version);

        var empty = await AssertValidationProblem(await Client.PostAsync("/networks/phu-yen/closures", TestApi.JsonBody("{}")));
        Assert.Equal(["close"], empty.Keys);
    }

    [Fact]
    public async Task Deleting_a_network_removes_every_version()
    {
        Assert.Equal(HttpStatusCode.Created, (await Client.PostAsync("/networks", TestApi.JsonBody(OpenApiExamples.SmallNetwork))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync("/networks/demo")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/networks/demo")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/networks/demo/versions")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/networks/demo/versions/2")).StatusCode);
        var again = await Client.DeleteAsync("/networks/demo");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/networks/atlantis")]
    [InlineData("/networks/atlantis/versions")]
    [InlineData("/networks/phu-yen/versions/99")]
    [InlineData("/networks/phu-yen?version=99")]
    [InlineData("/networks/phu-yen/geojson?version=0")]
    public async Task Unknown_networks_and_versions_are_404_problems(string url)
    {
        var response = await Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Closures_on_an_unknown_network_are_404()
    {
        var response = await Client.PostAsync("/networks/atlantis/closures", TestApi.JsonBody(new { close = new[] { "x" } }));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Networks_and_versions_survive_a_restart()
    {
        await Client.PostAsync("/networks", TestApi.JsonBody(OpenApiExamples.SmallNetwork));
        string link = PhuYen.Network.Links[5].Id;
        await Client.PostAsync("/networks/phu-yen/closures", TestApi.JsonBody(new { close = new[] { link } }));
        string demoBefore = await Client.GetStringAsync("/networks/demo");

        var client = await _api.Restart();
        Assert.Equal(demoBefore, await client.GetStringAsync("/networks/demo"));
        var phuYen = NetworkJson.Read(await client.GetStringAsync("/networks/phu-yen"));
        Assert.Equal(2, phuYen.Version);
        Assert.True(phuYen.FindLink(link)!.Closed);
        Assert.False(NetworkJson.Read(await client.GetStringAsync("/networks/phu-yen/versions/1")).FindLink(link)!.Closed);
    }

    [Fact]
    public async Task A_deleted_sample_stays_deleted_after_a_restart()
    {
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync("/networks/phu-yen")).StatusCode);
        var client = await _api.Restart();
        Assert.Equal("[]", await client.GetStringAsync("/networks"));
    }

    private async Task AssertOnlyPhuYenStored()
    {
        using var list = JsonDocument.Parse(await Client.GetStringAsync("/networks"));
        Assert.Equal(["phu-yen"], list.RootElement.EnumerateArray().Select(n => n.GetProperty("id").GetString()));
        Assert.Equal(1, list.RootElement[0].GetProperty("version").GetInt64());
    }

    internal static async Task<Dictionary<string, string[]>> AssertValidationProblem(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = await TestApi.ReadJson(response);
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("title").GetString()));
        return problem.RootElement.GetProperty("errors").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(m => m.GetString()!).ToArray());
    }

    private static (string Nodes, string Links, string Communes) Csv(PostalNetwork network)
    {
        using StringWriter nodes = new(), links = new(), communes = new();
        NetworkCsv.Write(network, nodes, links, communes);
        return (nodes.ToString(), links.ToString(), communes.ToString());
    }
}
