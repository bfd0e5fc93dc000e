using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PostRoute.Api.Hosting;
using PostRoute.Engine.Network;

namespace PostRoute.Api.Tests;

public sealed class SecurityAndErrorTests
{
    private const string Key = "k-7f3a9c";

    private static Dictionary<string, string?> WithKeys(params string[] keys) =>
        keys.Select((k, i) => ($"PostRoute:Security:ApiKeys:{i}", (string?)k)).ToDictionary(p => p.Item1, p => p.Item2);

    [Fact]
    public async Task Write_endpoints_need_a_matching_key_when_keys_are_configured()
    {
        await using var api = new TestApi(WithKeys("other-key", Key));

        var none = await api.Client.PostAsync("/networks", TestApi.JsonBody(OpenApiExamples.SmallNetwork));
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("application/problem+json", none.Content.Headers.ContentType?.MediaType);
        Assert.Contains("X-Api-Key", none.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);

        var wrong = await Send(api.Client, HttpMethod.Post, "/networks", OpenApiExamples.SmallNetwork, "k-7f3a9d");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        var prefix = await Send(api.Client, HttpMethod.Post, "/networks", OpenApiExamples.SmallNetwork, Key[..^1]);
        Assert.Equal(HttpStatusCode.Unauthorized, prefix.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(api.Client, HttpMethod.Delete, "/networks/phu-yen", null, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await Send(api.Client, HttpMethod.Post, "/networks/phu-yen/closures", "{\"close\":[\"l-001\"]}", "nope")).StatusCode);

        // Nothing was changed by the refused requests.
        Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync("/networks/phu-yen")).StatusCode);
        Assert.Single(System.Text.Json.JsonDocument.Parse(await api.Client.GetStringAsync("/networks")).RootElement.EnumerateArray());

        var right = await Send(api.Client, HttpMethod.Post, "/networks", OpenApiExamples.SmallNetwork, Key);
        Assert.Equal(HttpStatusCode.Created, right.StatusCode);
        Assert.Equal(HttpStatusCode.Created,
            (await Send(api.Client, HttpMethod.Post, "/networks", OpenApiExamples.SmallNetwork, "other-key")).StatusCode);
    }

    [Fact]
    public async Task Read_endpoints_stay_open_when_keys_are_configured()
    {
        await using var api = new TestApi(WithKeys(Key));
        foreach (string url in new[] { "/healthz", "/readyz", "/networks", "/networks/phu-yen", "/networks/phu-yen/geojson", "/networks/phu-yen/versions", "/swagger/v1/swagger.json" })
        {
            Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync(url)).StatusCode);
        }
    }

    [Fact]
    public async Task Without_configured_keys_writes_are_open()
    {
        await using var api = new TestApi();
        Assert.Equal(HttpStatusCode.Created, (await api.Client.PostAsync("/networks", TestApi.JsonBody(OpenApiExamples.SmallNetwork))).StatusCode);
    }

    [Fact]
    public async Task Writes_are_rate_limited_per_key_with_429_and_retry_after()
    {
        var settings = WithKeys("a-key", "b-key");
        settings["PostRoute:Security:RateLimitPermits"] = "2";
        settings["PostRoute:Security:RateLimitWindowSeconds"] = "3600";
        await using var api = new TestApi(settings);

        for (int i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await Send(api.Client, HttpMethod.Post, "/networks", OpenApiExamples.SmallNetwork, "a-key")).StatusCode);
        }

        var limited = await Send(api.Client, HttpMethod.Post, "/networks", OpenApiExamples.SmallNetwork, "a-key");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(limited.Headers.RetryAfter);

        // Another key has its own allowance, and reads are not limited.
        Assert.Equal(HttpStatusCode.Created, (await Send(api.Client, HttpMethod.Post, "/networks", OpenApiExamples.SmallNetwork, "b-key")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync("/networks")).StatusCode);
    }

    [Fact]
    public async Task Bodies_over_the_limit_are_413_problems_and_change_nothing()
    {
        await using var api = new TestApi(new() { ["PostRoute:Limits:MaxBodyBytes"] = "1000" });
        Assert.True(Encoding.UTF8.GetByteCount(OpenApiExamples.SmallNetwork) > 1000);
        var response = await api.Client.PostAsync("/networks", TestApi.JsonBody(OpenApiExamples.SmallNetwork));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Single(System.Text.Json.JsonDocument.Parse(await api.Client.GetStringAsync("/networks")).RootElement.EnumerateArray());
    }

    [Fact]
    public async Task Chunked_bodies_over_the_limit_are_413_too()
    {
        await using var api = new TestApi(new() { ["PostRoute:Limits:MaxBodyBytes"] = "1000" });
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(OpenApiExamples.SmallNetwork)));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/networks") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        var response = await api.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);

        // Under the limit, a chunked body is read normally.
        var small = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"close\":[\"" + PhuYen.Network.Links[0].Id + "\"]}")));
        small.Headers.ContentType = new("application/json");
        using var ok = new HttpRequestMessage(HttpMethod.Post, "/networks/phu-yen/closures") { Content = small };
        ok.Headers.TransferEncodingChunked = true;
        Assert.Equal(HttpStatusCode.Created, (await api.Client.SendAsync(ok)).StatusCode);
    }

    [Theory]
    [InlineData("{\"close\": [\"l-001\"")]
    [InlineData("{\"close\": \"l-001\"}")]
    [InlineData("{\"closed\": [\"l-001\"]}")]
    [InlineData("not json")]
    [InlineData("")]
    public async Task Malformed_json_bodies_are_400_problems(string body)
    {
        await using var api = new TestApi();
        var response = await api.Client.PostAsync("/networks/phu-yen/closures", TestApi.JsonBody(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = await TestApi.ReadJson(response);
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        string detail = problem.RootElement.GetProperty("detail").GetString()!;
        Assert.False(string.IsNullOrWhiteSpace(detail));
        Assert.DoesNotContain("PostRoute.", detail, StringComparison.Ordinal); // no internal type names
        Assert.Equal(1, PostRoute.Engine.Formats.NetworkJson.Read(await api.Client.GetStringAsync("/networks/phu-yen")).Version);
    }

    [Fact]
    public async Task Cors_is_off_by_default_and_on_for_configured_origins()
    {
        await using (var closed = new TestApi())
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/networks");
            request.Headers.Add("Origin", "https://planner.example");
            var response = await closed.Client.SendAsync(request);
            Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        }

        await using var open = new TestApi(new() { ["PostRoute:Cors:AllowedOrigins:0"] = "https://planner.example" });
        using var allowed = new HttpRequestMessage(HttpMethod.Get, "/networks");
        allowed.Headers.Add("Origin", "https://planner.example");
        var ok = await open.Client.SendAsync(allowed);
        Assert.Equal("https://planner.example", ok.Headers.GetValues("Access-Control-Allow-Origin").Single());
        using var other = new HttpRequestMessage(HttpMethod.Get, "/networks");
        other.Headers.Add("Origin", "https://elsewhere.example");
        Assert.False((await open.Client.SendAsync(other)).Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Readyz_reports_the_storage()
    {
        await using var api = new TestApi();
        var response = await api.Client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = await TestApi.ReadJson(response);
        Assert.Equal("ready", body.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Readyz_is_503_when_the_storage_does_not_answer()
    {
        await using var api = new TestApi(services: s => s.AddSingleton<PostRoute.Api.Storage.IPostRouteStore>(
            sp => new UnreachableStore(new PostRoute.Api.Storage.SqlitePostRouteStore(
                sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<PostRouteOptions>>().Value.Storage.ResolvedPath, TimeProvider.System))));
        var response = await api.Client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string url, string? json, string? key)
    {
        using var request = new HttpRequestMessage(method, url);
        if (json is not null)
        {
            request.Content = TestApi.JsonBody(json);
        }

        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        return await client.SendAsync(request);
    }
}
