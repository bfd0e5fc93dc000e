using System.Globalization;
using PostRoute.Engine.Routing;

namespace PostRoute.Quality;

/// <summary>Command-line options of the quality runner.</summary>
internal sealed record QualityOptions
{
    public const string Usage = """
        Usage: PostRoute.Quality --dir <folder> [options]

          --dir <folder>             Instances to run (searched recursively; format detected from content).
          --solver <names>           Solver(s), comma-separated, run side by side per instance (default: ortools).
          --time <s>                 Time limit per instance and solver, seconds (default 10).
          --time-per-customer <s>    Time limit = s × customers instead of a fixed limit.
          --max-customers <n>        Skip instances with more customers.
          --filter <globs>           Only instances whose name matches one of the comma-separated globs (* and ?), e.g. X-n1*.
          --objective <o>            distance (default) or vehicles-first.
          --seed <n>                 Solver seed (default 1).
          --out <file>               Result CSV (default results.csv).
          --bks <file>               Best-known values to compare with (default: the nearest bks.csv above each instance).
          --solutions <folder>       Also write each CVRP solution as a CVRPLIB .sol file there.
          --jobs <n>                 Instances solved at once (default 1). Each solve uses one core.
        """;

    public required string Directory { get; init; }

    public IReadOnlyList<string> Solvers { get; init; } = ["ortools"];

    public double? TimeSeconds { get; init; }

    public double? TimePerCustomerSeconds { get; init; }

    public int? MaxCustomers { get; init; }

    public IReadOnlyList<string> Filters { get; init; } = [];

    public Objective Objective { get; init; } = Objective.MinimizeCost;

    public int Seed { get; init; } = 1;

    public string OutputPath { get; init; } = "results.csv";

    public string? BestKnownPath { get; init; }

    public string? SolutionsDirectory { get; init; }

    public int Jobs { get; init; } = 1;

    /// <summary>The time limit for an instance of <paramref name="customers"/> customers.</summary>
    public TimeSpan TimeLimitFor(int customers) =>
        TimeSpan.FromSeconds(TimePerCustomerSeconds is { } perCustomer ? perCustomer * Math.Max(1, customers) : TimeSeconds ?? 10);

    /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> with a readable message on bad input.</summary>
    public static QualityOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Count; i++)
        {
            string key = args[i];
            if (!key.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"Expected '--option value' but found '{key}'{(i + 1 >= args.Count ? " without a value" : "")}.");
            }

            if (!values.TryAdd(key[2..], args[++i]))
            {
                throw new ArgumentException($"Option {key} is given twice.");
            }
        }

        string Take(string name) => values.Remove(name, out string? value) ? value : throw new ArgumentException($"--{name} is required.");
        string? Optional(string name) => values.Remove(name, out string? value) ? value : null;

        var options = new QualityOptions
        {
            Directory = Take("dir"),
            Solvers = Optional("solver") is { } solvers ? List(solvers) : ["ortools"],
            TimeSeconds = Optional("time") is { } time ? Positive("time", time) : null,
            TimePerCustomerSeconds = Optional("time-per-customer") is { } perCustomer ? Positive("time-per-customer", perCustomer) : null,
            MaxCustomers = Optional("max-customers") is { } max ? (int)Positive("max-customers", max) : null,
            Filters = Optional("filter") is { } filter ? List(filter) : [],
            Objective = Optional("objective") switch
            {
                null or "distance" => Objective.MinimizeCost,
                "vehicles-first" => Objective.MinimizeVehiclesFirst,
                var other => throw new ArgumentException($"--objective must be distance or vehicles-first, not '{other}'."),
            },
            Seed = Optional("seed") is { } seed ? Integer("seed", seed) : 1,
            OutputPath = Optional("out") ?? "results.csv",
            BestKnownPath = Optional("bks"),
            SolutionsDirectory = Optional("solutions"),
            Jobs = Optional("jobs") is { } jobs ? (int)Positive("jobs", jobs) : 1,
        };

        if (values.Count > 0)
        {
            throw new ArgumentException($"Unknown option(s): {string.Join(", ", values.Keys.Select(k => "--" + k))}.");
        }

        if (options.TimeSeconds is not null && options.TimePerCustomerSeconds is not null)
        {
            throw new ArgumentException("Give either --time or --time-per-customer, not both.");
        }

        if (!System.IO.Directory.Exists(options.Directory))
        {
            throw new ArgumentException($"--dir '{options.Directory}' is not a folder.");
        }

        return options;
    }

    private static List<string> List(string value) =>
        [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static double Positive(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && double.IsFinite(number) && number > 0
            ? number
            : throw new ArgumentException($"--{name} must be a number > 0, not '{value}'.");

    private static int Integer(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int number)
            ? number
            : throw new ArgumentException($"--{name} must be an integer, not '{value}'.");
}
