using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using PostRoute.Api.Hosting;
using PostRoute.Api.Networks;
using PostRoute.Api.Storage;
using PostRoute.Engine.Formats;
using PostRoute.Engine.Network;

namespace PostRoute.Api.Endpoints;

/// <summary>Endpoints under <c>/networks</c>: create, list, read, close or reopen links, delete.</summary>
public static class NetworkEndpoints
{
    /// <summary>Media type of GeoJSON (RFC 7946).</summary>
    public const string GeoJsonContentType = "application/geo+json";

    /// <summary>Maps the <c>/networks</c> group.</summary>
    public static IEndpointRouteBuilder MapNetworkEndpoints(this IEndpointRouteBuilder app)
    {
        var networks = app.MapGroup("/networks").WithTags("Networks");

        networks.MapGet("/", ListNetworks)
            .WithName("ListNetworks")
            .WithSummary("List the networks")
            .WithDescription("Id, name, current version and size of every stored network. A new database holds the " +
                             "sample 'phu-yen' (real commune locations, SYNTHETIC roads).");

        networks.MapPost("/", CreateNetwork)
            .RequireWriteAccess()
            .WithName("CreateNetwork")
            .WithSummary("Create a network")
            .WithDescription("Body: a network in PostRoute's network JSON (application/json; see docs/network-format.md), " +
                             "or its CSV files as multipart/form-data: parts 'nodes' and 'links' (or files named nodes.csv " +
                             "and links.csv), optional 'communes' (communes.csv) and an optional form field 'name'. The id " +
                             "is made from the name (e.g. 'Phú Yên' → 'phu-yen', then 'phu-yen-2'…). Every problem in the " +
                             "data is listed in a validation problem; nothing is stored then.")
            .Accepts<NetworkDocument>("application/json", "multipart/form-data")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithOpenApiExample(OpenApiExamples.SmallNetwork);

        networks.MapGet("/{id}", GetNetwork)
            .WithName("GetNetwork")
            .WithSummary("Get a network")
            .WithDescription("The network's current version (or ?version=N) in network JSON, or as GeoJSON when the " +
                             "Accept header prefers application/geo+json. Sends an ETag; If-None-Match gives 304.")
            .Produces<NetworkDocument>(StatusCodes.Status200OK, "application/json")
            .Produces<GeoJsonFeatureCollection>(StatusCodes.Status200OK, GeoJsonContentType)
            .ProducesProblem(StatusCodes.Status404NotFound);

        networks.MapGet("/{id}/geojson", GetNetworkGeoJson)
            .WithName("GetNetworkGeoJson")
            .WithSummary("Network as GeoJSON")
            .WithDescription("The network (current version, or ?version=N) as an RFC 7946 FeatureCollection: one Point " +
                             "per node (hub, district offices, commune service points) and one LineString per link, " +
                             "coordinates [lon, lat]. The links of the 'phu-yen' sample are synthetic, not surveyed roads.")
            .Produces<GeoJsonFeatureCollection>(StatusCodes.Status200OK, GeoJsonContentType)
            .ProducesProblem(StatusCodes.Status404NotFound);

        networks.MapGet("/{id}/versions", ListVersions)
            .WithName("ListNetworkVersions")
            .WithSummary("List a network's versions")
            .WithDescription("Every stored version, oldest first. Each change of closures adds one.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        networks.MapGet("/{id}/versions/{version:long}", GetVersion)
            .WithName("GetNetworkVersion")
            .WithSummary("Get one version of a network")
            .WithDescription("That version in network JSON (or GeoJSON by Accept header).")
            .Produces<NetworkDocument>(StatusCodes.Status200OK, "application/json")
            .Produces<GeoJsonFeatureCollection>(StatusCodes.Status200OK, GeoJsonContentType)
            .ProducesProblem(StatusCodes.Status404NotFound);

        networks.MapPost("/{id}/closures", ChangeClosures)
            .RequireWriteAccess()
            .WithName("ChangeClosures")
            .WithSummary("Close or reopen links")
            .WithDescription("Closes the links in 'close' and reopens those in 'reopen' (flood, works), storing the " +
                             "result as a new version of the network; paths, matrices and plans then use it. Links not " +
                             "named keep their state. Unknown link ids are a validation problem and change nothing.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithOpenApiExample(OpenApiExamples.Closures);

        networks.MapDelete("/{id}", DeleteNetwork)
            .RequireWriteAccess()
            .WithName("DeleteNetwork")
            .WithSummary("Delete a network")
            .WithDescription("Deletes the network and all its versions. Plans already made on it keep their results.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    private static async Task<Ok<NetworkSummary[]>> ListNetworks(IPostRouteStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ListNetworksAsync(cancellationToken)).Select(NetworkSummary.From).ToArray());

    private static async Task<Results<Created<NetworkSummary>, ValidationProblem, ProblemHttpResult>> CreateNetwork(
        HttpRequest request, NetworkCatalog catalog, CancellationToken cancellationToken)
    {
        PostalNetwork network;
        if (request.HasJsonContentType())
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, cancellationToken); // the reader is synchronous; never block on the socket
            body.Position = 0;
            network = NetworkJson.Read(body);
        }
        else if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            var nodes = FindPart(form, "nodes");
            var links = FindPart(form, "links");
            if (nodes is null || links is null)
            {
                return TypedResults.ValidationProblem(
                    new Dictionary<string, string[]>
                    {
                        [nodes is null ? "nodes" : "links"] = ["a file part 'nodes' (nodes.csv) and 'links' (links.csv) is required"],
                    },
                    title: "The network is invalid.");
            }

            var communes = FindPart(form, "communes");
            string name = form["name"] is { Count: > 0 } n && !string.IsNullOrWhiteSpace(n[0]) ? n[0]! : "network";
            using var nodesReader = new StreamReader(nodes.OpenReadStream(), Encoding.UTF8);
            using var linksReader = new StreamReader(links.OpenReadStream(), Encoding.UTF8);
            using var communesReader = communes is null ? null : new StreamReader(communes.OpenReadStream(), Encoding.UTF8);
            network = NetworkCsv.Read(nodesReader, linksReader, communesReader, name);
        }
        else
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type",
                detail: "Send the network as application/json (network JSON) or multipart/form-data (CSV files).");
        }

        string id = await catalog.AddAsync(network, cancellationToken);
        var stored = await catalog.Store.GetNetworkAsync(id, null, cancellationToken)
                     ?? throw new InvalidOperationException($"Network '{id}' vanished after it was stored.");
        return TypedResults.Created($"/networks/{Uri.EscapeDataString(id)}", NetworkSummary.From(stored.Network));
    }

    private static Task<Results<FileContentHttpResult, ProblemHttpResult>> GetNetwork(
        string id, long? version, HttpRequest request, NetworkCatalog catalog, CancellationToken cancellationToken) =>
        Render(id, version, PrefersGeoJson(request), catalog, cancellationToken);

    private static Task<Results<FileContentHttpResult, ProblemHttpResult>> GetVersion(
        string id, long version, HttpRequest request, NetworkCatalog catalog, CancellationToken cancellationToken) =>
        Render(id, version, PrefersGeoJson(request), catalog, cancellationToken);

    private static Task<Results<FileContentHttpResult, ProblemHttpResult>> GetNetworkGeoJson(
        string id, long? version, NetworkCatalog catalog, CancellationToken cancellationToken) =>
        Render(id, version, geoJson: true, catalog, cancellationToken);

    private static async Task<Results<Ok<NetworkVersionSummary[]>, ProblemHttpResult>> ListVersions(
        string id, IPostRouteStore store, CancellationToken cancellationToken) =>
        await store.ListNetworkVersionsAsync(id, cancellationToken) is { } versions
            ? TypedResults.Ok(versions.Select(NetworkVersionSummary.From).ToArray())
            : ApiProblems.NetworkNotFound(id);

    private static async Task<Results<Created<NetworkSummary>, ValidationProblem, ProblemHttpResult>> ChangeClosures(
        string id, ClosureRequest body, NetworkCatalog catalog, CancellationToken cancellationToken)
    {
        var network = await catalog.GetAsync(id, null, cancellationToken);
        if (network is null)
        {
            return ApiProblems.NetworkNotFound(id);
        }

        string[] close = body.Close ?? [];
        string[] reopen = body.Reopen ?? [];
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (close.Length == 0 && reopen.Length == 0)
        {
            errors["close"] = ["give at least one link id in 'close' or 'reopen'"];
        }

        // Checked against the current version so that the problem names every unknown id, not only the first.
        void CheckIds(string[] ids, string field)
        {
            for (int i = 0; i < ids.Length; i++)
            {
                if (string.IsNullOrEmpty(ids[i]) || network.IndexOfLink(ids[i]) < 0)
                {
                    errors[$"{field}[{i}]"] = [$"network '{id}' has no link '{ids[i]}'"];
                }
            }
        }

        CheckIds(close, "close");
        CheckIds(reopen, "reopen");
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The closure request is invalid.");
        }

        var next = await catalog.ChangeClosuresAsync(id, close, reopen, cancellationToken);
        if (next is null)
        {
            return ApiProblems.NetworkNotFound(id);
        }

        var stored = await catalog.Store.GetNetworkAsync(id, null, cancellationToken)
                     ?? throw new InvalidOperationException($"Network '{id}' vanished after it was changed.");
        return TypedResults.Created($"/networks/{Uri.EscapeDataString(id)}/versions/{next.Version}", NetworkSummary.From(stored.Network));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteNetwork(
        string id, NetworkCatalog catalog, CancellationToken cancellationToken) =>
        await catalog.DeleteAsync(id, cancellationToken) ? TypedResults.NoContent() : ApiProblems.NetworkNotFound(id);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Render(
        string id, long? version, bool geoJson, NetworkCatalog catalog, CancellationToken cancellationToken)
    {
        var network = await catalog.GetAsync(id, version, cancellationToken);
        if (network is null)
        {
            return ApiProblems.NetworkNotFound(id, version);
        }

        // The ETag changes with every network version, so clients can revalidate cheaply.
        var etag = new EntityTagHeaderValue($"\"{network.Fingerprint:N}{(geoJson ? "g" : "j")}\"");
        return geoJson
            ? TypedResults.Bytes(catalog.GeoJson(network), GeoJsonContentType, entityTag: etag)
            : TypedResults.Bytes(catalog.Json(network), "application/json", entityTag: etag);
    }

    private static bool PrefersGeoJson(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted))
        {
            return false;
        }

        double Quality(string mediaType) => accepted
            .Where(a => a.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase))
            .Select(a => a.Quality ?? 1).DefaultIfEmpty(-1).Max();

        double geo = Quality(GeoJsonContentType);
        return geo > 0 && geo >= Quality("application/json");
    }

    private static IFormFile? FindPart(IFormCollection form, string name) =>
        form.Files.GetFile(name)
        ?? form.Files.FirstOrDefault(f => string.Equals(f.FileName, name + ".csv", StringComparison.OrdinalIgnoreCase));
}

/// <summary>Size and identity of a stored network (its current version).</summary>
/// <param name="Id">URL id, e.g. <c>phu-yen</c>.</param>
/// <param name="Name">Network name.</param>
/// <param name="Version">Current version number; increases when links are closed or reopened.</param>
/// <param name="NodeCount">Number of nodes.</param>
/// <param name="LinkCount">Number of links.</param>
/// <param name="CommuneCount">Number of communes in the register, located or not.</param>
/// <param name="ClosedLinkCount">Number of links closed in the current version.</param>
/// <param name="Profiles">Vehicle profiles, e.g. <c>truck</c>, <c>motorbike</c>.</param>
/// <param name="CreatedAt">When the network was created (UTC).</param>
/// <param name="UpdatedAt">When the current version was stored (UTC).</param>
public sealed record NetworkSummary(string Id, string Name, long Version, int NodeCount, int LinkCount, int CommuneCount,
    int ClosedLinkCount, IReadOnlyList<string> Profiles, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    internal static NetworkSummary From(NetworkInfo info) =>
        new(info.Id, info.Stats.Name, info.CurrentVersion, info.Stats.NodeCount, info.Stats.LinkCount, info.Stats.CommuneCount,
            info.Stats.ClosedLinkCount, info.Stats.Profiles, info.CreatedAt, info.UpdatedAt);
}

/// <summary>One stored version of a network.</summary>
/// <param name="Version">Version number.</param>
/// <param name="ClosedLinkCount">Links closed in this version.</param>
/// <param name="NodeCount">Number of nodes.</param>
/// <param name="LinkCount">Number of links.</param>
/// <param name="CreatedAt">When this version was stored (UTC).</param>
public sealed record NetworkVersionSummary(long Version, int ClosedLinkCount, int NodeCount, int LinkCount, DateTimeOffset CreatedAt)
{
    internal static NetworkVersionSummary From(NetworkVersionInfo info) =>
        new(info.Version, info.Stats.ClosedLinkCount, info.Stats.NodeCount, info.Stats.LinkCount, info.CreatedAt);
}

/// <summary>Links to close and to reopen in a new version of a network.</summary>
/// <param name="Close">Ids of links to close.</param>
/// <param name="Reopen">Ids of links to reopen.</param>
public sealed record ClosureRequest(string[]? Close, string[]? Reopen);
