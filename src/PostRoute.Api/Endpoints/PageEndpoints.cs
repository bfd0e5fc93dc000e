using System.Collections.Frozen;
using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;

namespace PostRoute.Api.Endpoints;

/// <summary>
/// The planner's page at <c>/</c>: static HTML, vanilla JavaScript and CSS embedded in the assembly (folder
/// <c>Page/</c>), talking to the API from the browser. Nothing is loaded from other hosts.
/// </summary>
public static class PageEndpoints
{
    // Served files: URL name → (embedded resource, media type).
    private static readonly FrozenDictionary<string, (string Resource, string ContentType)> Files = new Dictionary<string, (string, string)>
    {
        ["index.html"] = ("PostRoute.Api.Page.index.html", "text/html; charset=utf-8"),
        ["planner.js"] = ("PostRoute.Api.Page.planner.js", "text/javascript; charset=utf-8"),
        ["planner.css"] = ("PostRoute.Api.Page.planner.css", "text/css; charset=utf-8"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Everything from this host only; inline style attributes are allowed because the inlined SVG maps use them.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; " +
        "base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    /// <summary>Maps <c>GET /</c> and <c>GET /page/{file}</c>; neither is part of the OpenAPI document.</summary>
    public static IEndpointRouteBuilder MapPageEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (HttpContext http) => Serve("index.html", http)).ExcludeFromDescription();
        app.MapGet("/page/{file}", (string file, HttpContext http) => Serve(file, http)).ExcludeFromDescription();
        return app;
    }

    private static Results<FileContentHttpResult, ProblemHttpResult> Serve(string file, HttpContext http)
    {
        if (!Files.TryGetValue(file, out var served))
        {
            return ApiProblems.NotFound("Not found", $"The page has no file '{file}'.");
        }

        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-cache";
        return TypedResults.File(Read(served.Resource), served.ContentType);
    }

    private static byte[] Read(string resource)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The page resource '{resource}' is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
