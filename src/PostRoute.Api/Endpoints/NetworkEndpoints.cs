using System.Collections.Immutable;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using PostRoute.Api.Networks;

namespace PostRoute.Api.Endpoints;

/// <summary>Endpoints under <c>/networks</c>: the postal networks this host serves.</summary>
public static class NetworkEndpoints
{
    /// <summary>Media type of GeoJSON (RFC 7946).</summary>
    public const string GeoJsonContentType = "application/geo+json";

    /// <summary>Maps <c>GET /networks</c> and <c>GET /networks/{id}/geojson</c>.</summary>
    public static IEndpointRouteBuilder MapNetworkEndpoints(this IEndpointRouteBuilder app)
    {
        var networks = app.MapGroup("/networks").WithTags("Networks");

        networks.MapGet("/", ListNetworks)
            .WithName("ListNetworks")
            .WithSummary("List the networks")
            .WithDescription("Id, name, version and size of every network this host serves.");

        networks.MapGet("/{id}/geojson", GetNetworkGeoJson)
            .WithName("GetNetworkGeoJson")
            .WithSummary("Network as GeoJSON")
            .WithDescription("The network as an RFC 7946 FeatureCollection: one Point per node (hub, district " +
                             "offices, commune service points) and one LineString per link, coordinates [lon, lat]. " +
                             "The links of the 'phu-yen' sample are synthetic, not surveyed roads.")
            .Produces<GeoJsonFeatureCollection>(StatusCodes.Status200OK, GeoJsonContentType)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    private static Ok<ImmutableArray<NetworkSummary>> ListNetworks(NetworkCatalog catalog) =>
        TypedResults.Ok(catalog.Ids.Select(id => catalog.TryGet(id, out var n)
            ? new NetworkSummary(id, n.Name, n.Version, n.Nodes.Length, n.Links.Length, n.Communes.Length, n.Profiles)
            : throw new InvalidOperationException($"Catalog lists '{id}' but cannot find it.")).ToImmutableArray());

    private static Results<FileContentHttpResult, ProblemHttpResult> GetNetworkGeoJson(string id, NetworkCatalog catalog)
    {
        if (!catalog.TryGet(id, out var network))
        {
            return NetworkNotFound(id, catalog);
        }

        // The ETag changes with every network version, so clients can revalidate cheaply.
        return TypedResults.Bytes(catalog.GeoJson(network), GeoJsonContentType,
            entityTag: new EntityTagHeaderValue($"\"{network.Fingerprint:N}\""));
    }

    private static ProblemHttpResult NetworkNotFound(string id, NetworkCatalog catalog) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "Network not found",
            detail: $"No network with id '{id}'. Known networks: {string.Join(", ", catalog.Ids)}.");
}

/// <summary>Size and identity of a served network.</summary>
/// <param name="Id">URL id, e.g. <c>phu-yen</c>.</param>
/// <param name="Name">Network name.</param>
/// <param name="Version">Version number; increases when links are closed or reopened.</param>
/// <param name="NodeCount">Number of nodes.</param>
/// <param name="LinkCount">Number of links.</param>
/// <param name="CommuneCount">Number of communes in the register, located or not.</param>
/// <param name="Profiles">Vehicle profiles, e.g. <c>truck</c>, <c>motorbike</c>.</param>
public sealed record NetworkSummary(string Id, string Name, long Version, int NodeCount, int LinkCount, int CommuneCount,
    ImmutableArray<string> Profiles);
