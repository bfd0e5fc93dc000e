namespace PostRoute.Api.Hosting;

/// <summary>Settings of the host, bound from the configuration section <c>PostRoute</c>.</summary>
public sealed class PostRouteOptions
{
    /// <summary>Name of the configuration section.</summary>
    public const string Section = "PostRoute";

    /// <summary>Where data is stored.</summary>
    public StorageOptions Storage { get; set; } = new();

    /// <summary>Background solving.</summary>
    public SolvingOptions Solving { get; set; } = new();

    /// <summary>Request limits.</summary>
    public LimitOptions Limits { get; set; } = new();

    /// <summary>API keys and rate limiting.</summary>
    public SecurityOptions Security { get; set; } = new();

    /// <summary>Cross-origin requests (off unless origins are listed).</summary>
    public CorsSettings Cors { get; set; } = new();

    /// <summary>The VROOM-compatible endpoint.</summary>
    public VroomSettings Vroom { get; set; } = new();
}

/// <summary>Settings of <c>POST /vroom</c> (<c>PostRoute:Vroom</c>).</summary>
public sealed class VroomSettings
{
    /// <summary>Time limit when the request gives no <c>?timeLimit=</c>, seconds. Default 5.</summary>
    public double TimeLimitSeconds { get; set; } = 5;

    /// <summary>Speed for inputs with coordinates but no matrices, km/h (great-circle travel). Default 40.</summary>
    public double SpeedKmh { get; set; } = 40;

    /// <summary>Great-circle distance multiplier for inputs without matrices (≥ 1). Default 1.3.</summary>
    public double DetourFactor { get; set; } = 1.3;
}

/// <summary>Storage settings (<c>PostRoute:Storage</c>).</summary>
public sealed class StorageOptions
{
    /// <summary>
    /// Path of the SQLite file. Default: <c>postroute.db</c> in the app's data folder
    /// (<c>$XDG_DATA_HOME/PostRoute</c> or <c>~/.local/share/PostRoute</c> on Linux, <c>%LOCALAPPDATA%\PostRoute</c> on Windows).
    /// </summary>
    public string? Path { get; set; }

    /// <summary>The configured path, or the default one.</summary>
    public string ResolvedPath => string.IsNullOrWhiteSpace(Path)
        ? System.IO.Path.Combine(
            Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify),
            "PostRoute", "postroute.db")
        : Path;
}

/// <summary>Background solving settings (<c>PostRoute:Solving</c>).</summary>
public sealed class SolvingOptions
{
    /// <summary>Plans solved at once; 0 (default) means one per processor core.</summary>
    public int Workers { get; set; }

    /// <summary>Plans that may wait for a worker; when full, submissions get 503 with Retry-After. Default 64.</summary>
    public int QueueCapacity { get; set; } = 64;

    /// <summary>Time limit of a plan that gives none, seconds. Default 10.</summary>
    public double DefaultTimeLimitSeconds { get; set; } = 10;

    /// <summary>Largest time limit a plan may have, seconds; longer ones are cut to it. Default 300.</summary>
    public double MaxTimeLimitSeconds { get; set; } = 300;

    /// <summary>Longest <c>?wait=</c> a submission may ask for, seconds. Default 30.</summary>
    public double MaxWaitSeconds { get; set; } = 30;

    /// <summary>Retry-After sent with 503 when the queue is full, seconds. Default 5.</summary>
    public int RetryAfterSeconds { get; set; } = 5;

    /// <summary>Worker count after applying the default.</summary>
    public int ResolvedWorkers => Workers > 0 ? Workers : Environment.ProcessorCount;
}

/// <summary>Request limits (<c>PostRoute:Limits</c>).</summary>
public sealed class LimitOptions
{
    /// <summary>Largest request body, bytes; larger ones get 413. Default 16 MiB.</summary>
    public long MaxBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Largest matrix a request may ask for, in cells (sources × targets). Default 250 000.</summary>
    public int MaxMatrixCells { get; set; } = 250_000;

    /// <summary>Matrix cells kept in the matrix cache. Default 20 000 000 (about 320 MB at worst).</summary>
    public long MatrixCacheCells { get; set; } = 20_000_000;

    /// <summary>Largest number of plans one list request returns. Default 500.</summary>
    public int MaxListedPlans { get; set; } = 500;
}

/// <summary>Security settings (<c>PostRoute:Security</c>).</summary>
public sealed class SecurityOptions
{
    /// <summary>Name of the header that carries the API key.</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>Accepted API keys. When empty (default) write endpoints are open; otherwise they need one of these in <c>X-Api-Key</c>.</summary>
    public string[] ApiKeys { get; set; } = [];

    /// <summary>Write requests allowed per key (or per client address without keys) in each window; 0 turns rate limiting off. Default 120.</summary>
    public int RateLimitPermits { get; set; } = 120;

    /// <summary>Length of the rate-limit window, seconds. Default 60.</summary>
    public double RateLimitWindowSeconds { get; set; } = 60;
}

/// <summary>CORS settings (<c>PostRoute:Cors</c>).</summary>
public sealed class CorsSettings
{
    /// <summary>Origins allowed to call the API from a browser; empty (default) leaves CORS off.</summary>
    public string[] AllowedOrigins { get; set; } = [];
}
