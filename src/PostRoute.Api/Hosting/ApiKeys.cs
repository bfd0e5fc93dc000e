using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace PostRoute.Api.Hosting;

/// <summary>
/// Checks the <c>X-Api-Key</c> header of write requests against the configured keys. Keys are compared as SHA-256
/// hashes with <see cref="CryptographicOperations.FixedTimeEquals"/>, and every key is compared, so the time taken
/// tells nothing about how much of a key was right. Thread-safe (a singleton).
/// </summary>
public sealed class ApiKeyValidator
{
    private readonly byte[][] _keyHashes;

    /// <summary>Reads the keys from <see cref="SecurityOptions.ApiKeys"/>; blank entries are ignored.</summary>
    public ApiKeyValidator(IOptions<PostRouteOptions> options) =>
        _keyHashes = [.. options.Value.Security.ApiKeys.Where(k => !string.IsNullOrWhiteSpace(k)).Select(Hash)];

    /// <summary>True when keys are configured, so write endpoints need one.</summary>
    public bool IsEnabled => _keyHashes.Length > 0;

    /// <summary>Index of the configured key equal to <paramref name="presented"/>, or −1.</summary>
    public int Match(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return -1;
        }

        byte[] hash = Hash(presented);
        int match = -1;
        for (int i = 0; i < _keyHashes.Length; i++)
        {
            // No early exit: the loop takes the same time whichever key matches.
            bool equal = CryptographicOperations.FixedTimeEquals(hash, _keyHashes[i]);
            match = equal ? i : match;
        }

        return match;
    }

    /// <summary>
    /// The rate-limit partition of a request: the matching key's index when keys are configured and one matches,
    /// otherwise the client address.
    /// </summary>
    public string PartitionOf(HttpContext context)
    {
        if (IsEnabled && Match(context.Request.Headers[SecurityOptions.ApiKeyHeader]) is var key and >= 0)
        {
            return $"key:{key}";
        }

        return $"address:{context.Connection.RemoteIpAddress}";
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}

/// <summary>Endpoint filter answering 401 (problem details) when keys are configured and the request has none that matches.</summary>
internal sealed class ApiKeyFilter(ApiKeyValidator validator) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (validator.IsEnabled && validator.Match(context.HttpContext.Request.Headers[SecurityOptions.ApiKeyHeader]) < 0)
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{SecurityOptions.ApiKeyHeader}\"";
            bool missing = string.IsNullOrEmpty(context.HttpContext.Request.Headers[SecurityOptions.ApiKeyHeader]);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: missing ? "API key required" : "API key not accepted",
                detail: $"Write endpoints need a valid key in the {SecurityOptions.ApiKeyHeader} header.");
        }

        return await next(context);
    }
}

/// <summary>Registration of API keys and the per-key rate limit of write endpoints.</summary>
public static class WriteAccess
{
    /// <summary>Name of the rate-limit policy of write endpoints.</summary>
    public const string RateLimitPolicy = "writes";

    /// <summary>Marks an endpoint or group as a write: API key required when configured, per-key rate limit.</summary>
    public static TBuilder RequireWriteAccess<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter<TBuilder, ApiKeyFilter>();
        builder.RequireRateLimiting(RateLimitPolicy);
        builder.WithMetadata(new WriteEndpointMetadata());
        return builder;
    }

    /// <summary>Registers the key validator and the <see cref="RateLimitPolicy"/> rate limiter.</summary>
    public static IServiceCollection AddWriteAccess(this IServiceCollection services)
    {
        services.AddSingleton<ApiKeyValidator>();
        services.AddSingleton<ApiKeyFilter>();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var http = context.HttpContext;
                string retry = "";
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan retryAfter))
                {
                    int seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                    http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    retry = $" Retry in {seconds} s.";
                }

                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests",
                        Detail = "The write rate limit of this API key (or client address) is used up." + retry,
                    },
                });
            };
            limiter.AddPolicy(RateLimitPolicy, http =>
            {
                var security = http.RequestServices.GetRequiredService<IOptions<PostRouteOptions>>().Value.Security;
                string partition = http.RequestServices.GetRequiredService<ApiKeyValidator>().PartitionOf(http);
                if (security.RateLimitPermits <= 0 || security.RateLimitWindowSeconds <= 0)
                {
                    return RateLimitPartition.GetNoLimiter(partition);
                }

                return RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = security.RateLimitPermits,
                    Window = TimeSpan.FromSeconds(security.RateLimitWindowSeconds),
                    QueueLimit = 0,
                });
            });
        });
        return services;
    }
}

/// <summary>Marks write endpoints (used by the OpenAPI document to show the API key requirement).</summary>
public sealed class WriteEndpointMetadata;
