using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace PostRoute.Api.Hosting;

/// <summary>An example request body shown in the OpenAPI document.</summary>
/// <param name="Json">The example, as JSON text.</param>
public sealed record OpenApiBodyExample(string Json);

/// <summary>An example value of a route or query parameter shown in the OpenAPI document.</summary>
/// <param name="Name">Parameter name.</param>
/// <param name="Value">Example value, as JSON text (e.g. <c>"phu-yen"</c> or <c>5</c>).</param>
public sealed record OpenApiParameterExample(string Name, string Value);

/// <summary>Endpoint conventions for OpenAPI examples.</summary>
public static class OpenApiExampleConventions
{
    /// <summary>Adds an example request body (JSON text).</summary>
    public static RouteHandlerBuilder WithOpenApiExample(this RouteHandlerBuilder builder, string json) =>
        builder.WithMetadata(new OpenApiBodyExample(json));

    /// <summary>Adds an example for a route or query parameter; <paramref name="value"/> is JSON text.</summary>
    public static TBuilder WithParameterExample<TBuilder>(this TBuilder builder, string name, string value)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new OpenApiParameterExample(name, value));
}

/// <summary>Puts <see cref="OpenApiBodyExample"/> and <see cref="OpenApiParameterExample"/> metadata into the document.</summary>
internal sealed class ExamplesOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<OpenApiBodyExample>().FirstOrDefault() is { } body &&
            operation.RequestBody?.Content?.TryGetValue("application/json", out var mediaType) == true &&
            mediaType is OpenApiMediaType media)
        {
            media.Example = JsonNode.Parse(body.Json);
        }

        // The network CSV upload: describe the form parts instead of the JSON document's schema.
        if (operation.RequestBody?.Content?.TryGetValue("multipart/form-data", out var form) == true && form is OpenApiMediaType formMedia &&
            context.ApiDescription.RelativePath?.TrimEnd('/') == "networks")
        {
            formMedia.Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Required = new HashSet<string> { "nodes", "links" },
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["nodes"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "nodes.csv" },
                    ["links"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "links.csv (one time_<profile>_s column per profile)" },
                    ["communes"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "communes.csv (optional)" },
                    ["name"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Network name (default 'network'); the id is made from it." },
                },
            };
        }

        foreach (var example in metadata.OfType<OpenApiParameterExample>())
        {
            if (operation.Parameters?.FirstOrDefault(p => p.Name == example.Name) is OpenApiParameter parameter)
            {
                parameter.Example = JsonNode.Parse(example.Value);
            }
        }
    }
}

/// <summary>Marks write endpoints as needing the <c>X-Api-Key</c> header (when keys are configured).</summary>
internal sealed class ApiKeyOperationFilter : IOperationFilter
{
    public const string SchemeName = "ApiKey";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (!context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<WriteEndpointMetadata>().Any())
        {
            return;
        }

        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [],
        });
        operation.Responses ??= [];
        operation.Responses.TryAdd("401", new OpenApiResponse { Description = "API key missing or not accepted (when keys are configured)." });
        operation.Responses.TryAdd("429", new OpenApiResponse { Description = "Write rate limit of the key used up; see Retry-After." });
    }
}
