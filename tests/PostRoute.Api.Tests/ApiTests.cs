using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using PostRoute.Engine.Network;

namespace PostRoute.Api.Tests;

public sealed class ApiTests : IAsyncLifetime
{
    // Phú Yên spans about 12°42'–13°41' N and 108°40'–109°27' E; padded a little.
    private const double MinLat = 12.65, MaxLat = 13.75, MinLon = 108.60, MaxLon = 109.50;

    private readonly TestApi _api = new();

    private HttpClient Client => _api.Client;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Healthz_returns_ok()
    {
        var response = await Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ok", body.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Swagger_json_lists_the_endpoints_with_summaries()
    {
        var response = await Client.GetAsync("/swagger/v1/swagger.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = doc.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/healthz", out _));
        Assert.True(paths.TryGetProperty("/networks", out _));
        var geoJson = paths.GetProperty("/networks/{id}/geojson").GetProperty("get");
        Assert.False(string.IsNullOrWhiteSpace(geoJson.GetProperty("summary").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(geoJson.GetProperty("description").GetString()));
        Assert.True(geoJson.GetProperty("responses").GetProperty("200").GetProperty("content")
            .TryGetProperty("application/geo+json", out _));
        Assert.True(geoJson.GetProperty("responses").GetProperty("404").GetProperty("content")
            .TryGetProperty("application/problem+json", out _));
        Assert.False(string.IsNullOrWhiteSpace(paths.GetProperty("/healthz").GetProperty("get").GetProperty("summary").GetString()));
    }

    [Fact]
    public async Task Every_operation_has_a_summary_description_and_problem_responses_and_bodies_have_examples()
    {
        using var doc = JsonDocument.Parse(await Client.GetStringAsync("/swagger/v1/swagger.json"));
        var operations = doc.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Path: path.Name, Method: op.Name, Op: op.Value)))
            .ToList();
        Assert.True(operations.Count >= 20, $"only {operations.Count} operations");
        foreach (var (path, method, op) in operations)
        {
            string name = $"{method.ToUpperInvariant()} {path}";
            Assert.False(string.IsNullOrWhiteSpace(op.GetProperty("summary").GetString()), name);
            Assert.False(string.IsNullOrWhiteSpace(op.GetProperty("description").GetString()), name);
            if (op.TryGetProperty("requestBody", out var body) && body.GetProperty("content").TryGetProperty("application/json", out var json))
            {
                Assert.True(json.TryGetProperty("example", out _), $"{name} has no example body");
            }

            // POSTs that only compute (and are cheap) stay open like reads.
            bool write = method is "post" or "delete" &&
                         path is not ("/networks/{id}/matrices" or "/networks/{id}/closure-impact" or "/networks/{id}/closure-impact.svg");
            Assert.Equal(write, op.TryGetProperty("security", out _));
        }

        // The CSV upload is described as form parts.
        var form = doc.RootElement.GetProperty("paths").GetProperty("/networks").GetProperty("post").GetProperty("requestBody")
            .GetProperty("content").GetProperty("multipart/form-data").GetProperty("schema").GetProperty("properties");
        Assert.Equal(["communes", "links", "name", "nodes"], form.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));

        // Request and response schemas come with the records' documentation.
        var schemas = doc.RootElement.GetProperty("components").GetProperty("schemas");
        foreach (string schema in new[] { "PlanRequest", "PlanResponse", "PlanResult", "MatrixRequest", "PathResponse", "NetworkSummary", "NetworkDocument" })
        {
            Assert.True(schemas.TryGetProperty(schema, out var s), $"no schema {schema}");
            Assert.True(s.TryGetProperty("properties", out var properties) && properties.EnumerateObject().Any(p => p.Value.TryGetProperty("description", out _)),
                $"{schema} has no property descriptions");
        }
    }

    [Fact]
    public async Task Swagger_ui_is_served()
    {
        var response = await Client.GetAsync("/swagger/index.html");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var redirect = await _api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false })
            .GetAsync("/swagger");
        Assert.Contains(redirect.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.MovedPermanently, HttpStatusCode.Redirect });
    }

    [Fact]
    public async Task Networks_lists_phu_yen()
    {
        using var doc = JsonDocument.Parse(await Client.GetStringAsync("/networks"));
        var phuYen = Assert.Single(doc.RootElement.EnumerateArray());
        Assert.Equal("phu-yen", phuYen.GetProperty("id").GetString());
        Assert.Equal(85, phuYen.GetProperty("nodeCount").GetInt32());
        Assert.Equal(106, phuYen.GetProperty("communeCount").GetInt32());
    }

    [Fact]
    public async Task GeoJson_has_a_point_per_node_and_a_line_per_link_inside_the_province()
    {
        var response = await Client.GetAsync("/networks/phu-yen/geojson");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("FeatureCollection", doc.RootElement.GetProperty("type").GetString());
        var features = doc.RootElement.GetProperty("features").EnumerateArray().ToList();
        var points = features.Where(f => f.GetProperty("geometry").GetProperty("type").GetString() == "Point").ToList();
        var lines = features.Where(f => f.GetProperty("geometry").GetProperty("type").GetString() == "LineString").ToList();
        Assert.Equal(85, points.Count); // 1 hub + 9 district offices + 75 service points
        Assert.Equal(PhuYen.Network.Links.Length, lines.Count);
        Assert.Equal(features.Count, points.Count + lines.Count);

        Assert.All(features, f =>
        {
            Assert.Equal("Feature", f.GetProperty("type").GetString());
            var properties = f.GetProperty("properties");
            Assert.Equal(JsonValueKind.Object, properties.ValueKind);
            Assert.False(string.IsNullOrEmpty(properties.GetProperty("id").GetString()));
        });
        Assert.All(points, p => Assert.False(string.IsNullOrEmpty(p.GetProperty("properties").GetProperty("kind").GetString())));
        Assert.All(lines, l =>
        {
            var properties = l.GetProperty("properties");
            Assert.True(properties.GetProperty("lengthMetres").GetDouble() > 0);
            Assert.True(properties.GetProperty("time_motorbike_s").GetDouble() > 0);
        });
        // Some tracks bar trucks: their truck time is null.
        Assert.Contains(lines, l => l.GetProperty("properties").GetProperty("time_truck_s").ValueKind == JsonValueKind.Null);
        // The 31 communes without a location have no node, so they are listed beside the features.
        Assert.Equal(31, doc.RootElement.GetProperty("communesWithoutNode").GetArrayLength());
        Assert.All(points, p => AssertInProvince(p.GetProperty("geometry").GetProperty("coordinates")));
        Assert.All(lines, l =>
        {
            var positions = l.GetProperty("geometry").GetProperty("coordinates").EnumerateArray().ToList();
            Assert.True(positions.Count >= 2);
            Assert.All(positions, AssertInProvince);
        });

        // The hub sits at the Tuy Hòa city centroid of districts.csv: lon 109.27494, lat 13.11281.
        Assert.Contains(points, p =>
        {
            var c = p.GetProperty("geometry").GetProperty("coordinates");
            return c[0].GetDouble() == 109.27494 && c[1].GetDouble() == 13.11281;
        });
    }

    [Fact]
    public async Task GeoJson_can_be_revalidated_with_its_etag()
    {
        var first = await Client.GetAsync("/networks/phu-yen/geojson");
        Assert.NotNull(first.Headers.ETag);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/networks/phu-yen/geojson");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag);
        var second = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Fact]
    public async Task Unknown_network_is_a_404_problem()
    {
        var response = await Client.GetAsync("/networks/atlantis/geojson");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(404, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Contains("atlantis", problem.RootElement.GetProperty("detail").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task Unknown_route_is_a_404_problem()
    {
        var response = await Client.GetAsync("/no/such/route");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static void AssertInProvince(JsonElement position)
    {
        // GeoJSON order is [longitude, latitude]; swapped pairs fall far outside both ranges.
        Assert.Equal(2, position.GetArrayLength());
        Assert.InRange(position[0].GetDouble(), MinLon, MaxLon);
        Assert.InRange(position[1].GetDouble(), MinLat, MaxLat);
    }
}
