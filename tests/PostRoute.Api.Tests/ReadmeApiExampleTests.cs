using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace PostRoute.Api.Tests;

/// <summary>
/// README.md's web API example, sent to the host as written: the request lines and the JSON body are read from the
/// README's <c>http</c> block between the <c>api-example</c> markers, so the README cannot drift from the API.
/// </summary>
public sealed partial class ReadmeApiExampleTests
{
    [Fact]
    public async Task Readme_api_example_plans_the_day_and_serves_its_summary_and_map()
    {
        var example = ReadExample();
        var post = example.Requests[0];
        Assert.Equal("POST", post.Method);
        await using var api = new TestApi();

        var response = await api.Client.PostAsync(post.Path, TestApi.JsonBody(example.Body));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var plan = await TestApi.ReadJson(response);
        string id = plan.RootElement.GetProperty("id").GetString()!;
        Assert.Equal("done", plan.RootElement.GetProperty("status").GetString());
        int routes = plan.RootElement.GetProperty("result").GetProperty("routes").GetArrayLength();
        Assert.True(routes > 0);

        foreach (var get in example.Requests.Skip(1))
        {
            Assert.Equal("GET", get.Method);
            var reply = await api.Client.GetAsync(get.Path.Replace("{id}", id, StringComparison.Ordinal));
            Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
            string text = await reply.Content.ReadAsStringAsync();
            if (get.Path.EndsWith(".svg", StringComparison.Ordinal))
            {
                var svg = XDocument.Parse(text);
                Assert.Equal(routes, svg.Descendants().Count(e => e.Name.LocalName == "path" && ((string?)e.Attribute("class"))?.Split(' ').Contains("route") == true));
            }
            else
            {
                using var summary = JsonDocument.Parse(text);
                Assert.Equal(routes, summary.RootElement.GetProperty("routes").GetArrayLength());
            }
        }
    }

    private static (List<(string Method, string Path)> Requests, string Body) ReadExample()
    {
        string readme = File.ReadAllText(FindReadme());
        var block = ExampleBlock().Match(readme);
        Assert.True(block.Success, "README.md has no ```http block between <!-- api-example:begin --> and <!-- api-example:end -->");
        var requests = new List<(string, string)>();
        var body = new System.Text.StringBuilder();
        foreach (string line in block.Groups["http"].Value.Split('\n'))
        {
            var request = RequestLine().Match(line.Trim());
            if (request.Success)
            {
                requests.Add((request.Groups[1].Value, request.Groups[2].Value));
            }
            else if (requests.Count == 1 && !line.StartsWith("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                body.AppendLine(line);
            }
        }

        return (requests, body.ToString().Trim());
    }

    private static string FindReadme()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "README.md");
            if (File.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "PostRoute.sln")))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("README.md next to PostRoute.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"<!-- api-example:begin -->\s*```http\n(?<http>.*?)```\s*<!-- api-example:end -->", RegexOptions.Singleline)]
    private static partial Regex ExampleBlock();

    [GeneratedRegex(@"^(GET|POST|PUT|DELETE) (/\S*)$")]
    private static partial Regex RequestLine();
}
