using Microsoft.OpenApi;
using PostRoute.Api.Networks;

namespace PostRoute.Api.Hosting;

/// <summary>Service registration and middleware of the PostRoute API host.</summary>
public static class HostingExtensions
{
    /// <summary>Registers problem details (RFC 7807 errors), OpenAPI generation and the network catalog.</summary>
    public static IHostApplicationBuilder AddPostRouteServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddEndpointsApiExplorer();
        builder.Services.AddSwaggerGen(options =>
        {
            options.SupportNonNullableReferenceTypes();
            options.IncludeXmlComments(typeof(HostingExtensions).Assembly); // schema descriptions from the records' docs
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "PostRoute API",
                Version = "v1",
                Description = "Postal networks and delivery-route optimisation. The sample network 'phu-yen' has " +
                              "real commune locations and SYNTHETIC roads.",
            });
        });
        builder.Services.AddSingleton<NetworkCatalog>();
        return builder;
    }

    /// <summary>
    /// Turns unhandled exceptions and empty error responses (unknown route, wrong method) into problem details,
    /// and serves the OpenAPI document at <c>/swagger/v1/swagger.json</c> and Swagger UI at <c>/swagger</c>.
    /// </summary>
    public static WebApplication UsePostRoutePipeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSwagger();
        app.UseSwaggerUI(options => options.SwaggerEndpoint("/swagger/v1/swagger.json", "PostRoute API v1"));
        return app;
    }
}
