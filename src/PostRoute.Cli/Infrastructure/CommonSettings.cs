using System.ComponentModel;
using System.Collections.Immutable;
using PostRoute.Engine.Paths;
using PostRoute.Engine.Routing;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PostRoute.Cli.Infrastructure;

/// <summary>Options of verbs that work on a network.</summary>
public class NetworkSettings : CommandSettings
{
    [CommandOption("--network <FILE>")]
    [Description("Network file in PostRoute's JSON network format (default: the embedded Phú Yên network).")]
    public string? NetworkFile { get; set; }
}

/// <summary>Options of verbs that report on a network: output folder, quiet and JSON modes.</summary>
public class ReportSettings : NetworkSettings
{
    [CommandOption("--out <DIR>")]
    [Description("Folder for the output files (created when missing).")]
    public string? OutDirectory { get; set; }

    [CommandOption("-q|--quiet")]
    [Description("Print no table and no progress; only errors and the output file names.")]
    public bool Quiet { get; set; }

    [CommandOption("--json")]
    [Description("Print one JSON document to standard output and nothing else.")]
    public bool Json { get; set; }

    /// <summary>True when the live progress display may be shown.</summary>
    public bool ShowProgress => !Quiet && !Json;
}

/// <summary>Options of verbs that search with a solver. Null options take the defaults (or, for <c>solve</c>, a plan request's own values).</summary>
public class SolverSettings : ReportSettings
{
    [CommandOption("--solver <NAME>")]
    [Description("search (PostRoute's hybrid genetic search; default) or ortools.")]
    public string? Solver { get; set; }

    [CommandOption("--time <SECONDS>")]
    [Description("Search time limit in seconds, > 0 (default 10).")]
    public double? TimeSeconds { get; set; }

    [CommandOption("--seed <N>")]
    [Description("Random seed of the solver (default 1).")]
    public int? Seed { get; set; }

    public override ValidationResult Validate()
    {
        if (Solver is not null && !Solvers.IsKnown(Solver))
        {
            return ValidationResult.Error($"--solver: unknown solver '{Solver}'; use {string.Join(" or ", Solvers.Names)}");
        }

        if (TimeSeconds is { } seconds && (!double.IsFinite(seconds) || seconds <= 0))
        {
            return ValidationResult.Error("--time: must be a number of seconds > 0");
        }

        return ValidationResult.Success();
    }

    /// <summary>The solve options: command line first, then <paramref name="fileTimeSeconds"/> / <paramref name="fileSeed"/>, then the defaults.</summary>
    public SolveOptions SolveOptions(double? fileTimeSeconds = null, int? fileSeed = null, ImmutableArray<StoppingCriterion> stopWhen = default) => new()
    {
        TimeLimit = TimeSpan.FromSeconds(TimeSeconds ?? fileTimeSeconds ?? DefaultTimeSeconds),
        Seed = Seed ?? fileSeed ?? DefaultSeed,
        StopWhen = stopWhen.IsDefault ? [] : stopWhen,
    };

    /// <summary>Default time limit, seconds.</summary>
    public const double DefaultTimeSeconds = 10;

    /// <summary>Default seed.</summary>
    public const int DefaultSeed = 1;

    /// <summary>Default solver.</summary>
    public const string DefaultSolver = "search";

}

/// <summary>Options of verbs that compute paths.</summary>
public class PathSettings : NetworkSettings
{
    [CommandOption("--profile <PROFILE>")]
    [Description("Vehicle profile of the network, e.g. truck or motorbike.")]
    [DefaultValue("truck")]
    public string Profile { get; set; } = "truck";

    [CommandOption("--metric <METRIC>")]
    [Description("time (fastest paths) or distance (shortest paths).")]
    [DefaultValue("time")]
    public string Metric { get; set; } = "time";

    /// <summary>The parsed metric.</summary>
    public PathMetric PathMetric => Metric.Equals("distance", StringComparison.OrdinalIgnoreCase) ? PathMetric.Distance : PathMetric.Time;

    public override ValidationResult Validate() =>
        Metric.Equals("time", StringComparison.OrdinalIgnoreCase) || Metric.Equals("distance", StringComparison.OrdinalIgnoreCase)
            ? ValidationResult.Success()
            : ValidationResult.Error($"--metric: unknown metric '{Metric}'; use time or distance");
}
