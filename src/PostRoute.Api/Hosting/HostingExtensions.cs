using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using PostRoute.Api.Endpoints;
using PostRoute.Api.Networks;
using PostRoute.Api.Storage;
using PostRoute.Api.Plans;
using PostRoute.Engine.Formats;
using PostRoute.Engine.Paths;
using PostRoute.Engine.Routing;
using PostRoute.Engine.Routing.Solvers.OrTools;
using PostRoute.Engine.Routing.Solvers.Search;

namespace PostRoute.Api.Hosting;

/// <summary>Service registration, middleware and endpoint mapping of the PostRoute API host.</summary>
public static class HostingExtensions
{
    private const string CorsPolicy = "configured-origins";

    /// <summary>
    /// Registers configuration (<see cref="PostRouteOptions"/>), the SQLite store, the network catalog, problem
    /// details (RFC 7807 for every error), API keys with rate limiting, CORS when origins are configured, and
    /// OpenAPI generation.
    /// </summary>
    public static IHostApplicationBuilder AddPostRouteServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        // One log line per request costs more than a path search; request logs stay off unless configured.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        services.AddOptions<PostRouteOptions>().Bind(builder.Configuration.GetSection(PostRouteOptions.Section));
        var options = builder.Configuration.GetSection(PostRouteOptions.Section).Get<PostRouteOptions>() ?? new PostRouteOptions();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IPostRouteStore>(sp => new SqlitePostRouteStore(
            sp.GetRequiredService<IOptions<PostRouteOptions>>().Value.Storage.ResolvedPath, sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<StoreInitializer>();
        services.AddSingleton<NetworkCatalog>();
        // The matrix cache has its own memory cache: entry sizes are cells, bounded by configuration.
        services.AddSingleton(sp => new MatrixCache(new MemoryCache(new MemoryCacheOptions
        {
            SizeLimit = sp.GetRequiredService<IOptions<PostRouteOptions>>().Value.Limits.MatrixCacheCells,
        })));

        // Solvers are found by name; a new one plugs in with another AddSingleton<ISolver, …>().
        services.AddSingleton<ISolver>(_ => new OrToolsSolver());
        services.AddSingleton<ISolver>(_ => new SearchSolver());
        services.AddSingleton<SolverRegistry>();
        services.AddSingleton<PlanService>();
        services.AddSingleton<PlanRebuilder>();
        services.AddHostedService<PlanWorker>();

        services.AddProblemDetails();
        services.AddExceptionHandler<BadInputExceptionHandler>();
        // Bad bodies and parameters throw, so that BadInputExceptionHandler words every 400 the same way.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o => ConfigureJson(o.SerializerOptions));
        services.AddWriteAccess();
        if (options.Cors.AllowedOrigins.Length > 0)
        {
            services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy
                .WithOrigins(options.Cors.AllowedOrigins).AllowAnyHeader().AllowAnyMethod()
                .WithExposedHeaders("Location", "Retry-After", "ETag")));
        }

        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(swagger =>
        {
            swagger.SupportNonNullableReferenceTypes();
            swagger.IncludeXmlComments(typeof(HostingExtensions).Assembly); // schema descriptions from the records' docs
            swagger.IncludeXmlComments(typeof(PlanRequest).Assembly); // the plan documents live in the Engine (Formats)
            swagger.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "PostRoute API",
                Version = "v1",
                Description = "Postal networks, shortest paths, travel matrices and delivery-route optimisation. The " +
                              "sample network 'phu-yen' has real commune locations and SYNTHETIC roads. Errors are RFC 7807 " +
                              "problem details. When API keys are configured, write endpoints need the X-Api-Key header.",
            });
            swagger.AddSecurityDefinition(ApiKeyOperationFilter.SchemeName, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = SecurityOptions.ApiKeyHeader,
                Description = "Needed by write endpoints when the host has API keys configured (PostRoute:Security:ApiKeys).",
            });
            swagger.OperationFilter<ExamplesOperationFilter>();
            swagger.OperationFilter<ApiKeyOperationFilter>();
        });
        return builder;
    }

    /// <summary>JSON settings of request and response bodies: camelCase, enums as camelCase strings, unknown properties rejected.</summary>
    public static void ConfigureJson(JsonSerializerOptions json)
    {
        json.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        // A misspelt property is an error, not silently ignored.
        json.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
    }

    /// <summary>
    /// Problem details for unhandled exceptions and empty error responses (unknown route, wrong method), the body
    /// size limit, CORS (when configured), rate limiting, and the OpenAPI document at <c>/swagger/v1/swagger.json</c>
    /// with Swagger UI at <c>/swagger</c>.
    /// </summary>
    public static WebApplication UsePostRoutePipeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestBodyLimit>();
        if (app.Services.GetRequiredService<IOptions<PostRouteOptions>>().Value.Cors.AllowedOrigins.Length > 0)
        {
            app.UseCors(CorsPolicy);
        }

        app.UseRateLimiter();
        app.UseSwagger();
        app.UseSwaggerUI(options => options.SwaggerEndpoint("/swagger/v1/swagger.json", "PostRoute API v1"));
        return app;
    }

    /// <summary>Maps every endpoint group.</summary>
    public static WebApplication MapPostRouteEndpoints(this WebApplication app)
    {
        app.MapPageEndpoints();
        app.MapHealthEndpoints();
        app.MapNetworkEndpoints();
        app.MapPathEndpoints();
        app.MapPlanEndpoints();
        app.MapMailRunEndpoints();
        app.MapMapEndpoints();
        app.MapVroomEndpoints();
        app.MapPlanningEndpoints();
        app.MapReplanEndpoints();
        return app;
    }
}
