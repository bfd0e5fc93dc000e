using System.Text.Json;
using PostRoute.Engine.Formats;
using PostRoute.Engine.Formats.Vroom;
using PostRoute.Engine.Network;
using PostRoute.Engine.Routing;

namespace PostRoute.Cli.Infrastructure;

/// <summary>The file formats <c>solve</c> reads.</summary>
internal enum ProblemFormat
{
    Solomon,
    Cvrplib,
    LiLim,
    Vroom,
    PlanRequest,
}

/// <summary>A problem read from a file, with what its format needs for the outputs.</summary>
internal sealed record LoadedProblem(string Path, ProblemFormat Format, RoutingProblem Problem)
{
    public BenchmarkInstance? Instance { get; init; }

    public VroomProblem? Vroom { get; init; }

    public PlanRequest? Request { get; init; }

    public IReadOnlyDictionary<string, NetworkTravel>? NetworkTravel { get; init; }

    public PostalNetwork? Network { get; init; }
}

/// <summary>Detects a problem file's format and reads it with the Engine's readers.</summary>
internal static class ProblemFiles
{
    public static readonly string[] FormatNames = ["solomon", "gh", "cvrplib", "lilim", "vroom", "json"];

    public static ProblemFormat? ParseFormat(string? name) => name?.ToLowerInvariant() switch
    {
        null or "auto" => null,
        "solomon" or "gh" => ProblemFormat.Solomon,
        "cvrplib" or "cvrp" => ProblemFormat.Cvrplib,
        "lilim" => ProblemFormat.LiLim,
        "vroom" => ProblemFormat.Vroom,
        "json" or "plan" => ProblemFormat.PlanRequest,
        _ => throw new UsageException($"--format: unknown format '{name}'; use {string.Join(", ", FormatNames)}"),
    };

    public static LoadedProblem Load(string path, ProblemFormat? format, Objective? objective, string? networkFile)
    {
        if (!File.Exists(path))
        {
            throw new InputException($"problem file '{path}' not found");
        }

        try
        {
            return Read(path, format ?? Detect(path), objective, networkFile);
        }
        catch (RoutingValidationException ex)
        {
            throw new InputException($"{path}: {ex.Message}", ex);
        }
    }

    private static LoadedProblem Read(string path, ProblemFormat detected, Objective? objective, string? networkFile)
    {
        var options = new BenchmarkProblemOptions { Objective = objective ?? Objective.MinimizeCost };
        switch (detected)
        {
            case ProblemFormat.Solomon:
            case ProblemFormat.Cvrplib:
            case ProblemFormat.LiLim:
                BenchmarkInstance instance = detected switch
                {
                    ProblemFormat.Solomon => SolomonReader.Read(path),
                    ProblemFormat.LiLim => LiLimReader.Read(path),
                    _ => CvrplibReader.Read(path),
                };
                return new LoadedProblem(path, detected, instance.ToProblem(options)) { Instance = instance };
            case ProblemFormat.Vroom:
                if (objective is not null)
                {
                    throw new UsageException("--objective: a VROOM problem has no objective choice (VROOM minimises cost)");
                }

                var vroom = VroomJson.Read(File.ReadAllText(path), new VroomReadOptions { Name = System.IO.Path.GetFileNameWithoutExtension(path) });
                return new LoadedProblem(path, detected, vroom.Problem) { Vroom = vroom };
            default:
                var request = ProblemJson.Deserialize(File.ReadAllText(path), path);
                if (objective is { } chosen)
                {
                    request = request with { Objective = chosen };
                }

                PostalNetwork? network = null;
                var mapped = ProblemJson.Map(request, id =>
                {
                    // --network FILE serves the plan's network; otherwise the embedded Phú Yên network by its name.
                    network = networkFile is not null ? InputFiles.Network(networkFile)
                        : id == PhuYen.NetworkName ? PhuYen.Network : null;
                    return network;
                });
                return new LoadedProblem(path, detected, mapped.Problem) { Request = request, NetworkTravel = mapped.NetworkTravel, Network = network };
        }
    }

    private static ProblemFormat Detect(string path)
    {
        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || FirstChar(path) is '{')
        {
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllText(path));
                // A plan request always says where travel comes from; VROOM has no 'travel'.
                return document.RootElement.ValueKind == JsonValueKind.Object && !document.RootElement.TryGetProperty("travel", out _)
                    ? ProblemFormat.Vroom
                    : ProblemFormat.PlanRequest;
            }
            catch (JsonException)
            {
                return ProblemFormat.PlanRequest; // its reader names the line of the syntax error
            }
        }

        return BenchmarkFiles.Detect(path) switch
        {
            BenchmarkFormat.Solomon => ProblemFormat.Solomon,
            BenchmarkFormat.LiLim => ProblemFormat.LiLim,
            BenchmarkFormat.Cvrplib => ProblemFormat.Cvrplib,
            _ => throw new InputException(
                $"{path}: not a recognised problem file (Solomon / Gehring–Homberger, CVRPLIB, Li & Lim, VROOM JSON or a plan request); give --format"),
        };
    }

    private static char? FirstChar(string path)
    {
        using var reader = new StreamReader(path);
        int c;
        while ((c = reader.Read()) >= 0)
        {
            if (!char.IsWhiteSpace((char)c))
            {
                return (char)c;
            }
        }

        return null;
    }
}
