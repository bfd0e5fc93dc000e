using System.Collections.Immutable;
using System.ComponentModel;
using System.Globalization;
using PostRoute.Engine.Network;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PostRoute.Cli.Infrastructure;

/// <summary>Options of the network-planning verbs (<c>coverage</c>, <c>site</c>, <c>critical-roads</c>).</summary>
public class PlanningSettings : ReportSettings
{
    [CommandOption("--profile <PROFILE>")]
    [Description("Vehicle profile of the trips between communes and offices (default motorbike).")]
    [DefaultValue("motorbike")]
    public string Profile { get; set; } = Profiles.Motorbike;
}

/// <summary>Parsing of planning options: number lists, id lists, point sets and links to close.</summary>
internal static class PlanningInputs
{
    /// <summary>The point-set names of <c>--points</c>.</summary>
    public static readonly string[] PointSets = ["service-points", "offices"];

    /// <summary>Comma-separated numbers, each finite and ≥ 0; null when <paramref name="text"/> is null.</summary>
    public static double[]? Numbers(string? text, string option, out string? error)
    {
        error = null;
        if (text is null)
        {
            return null;
        }

        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var values = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]) || values[i] < 0)
            {
                error = $"{option}: '{parts[i]}' is not a number ≥ 0";
                return null;
            }
        }

        return values;
    }

    /// <summary>A validation error for a comma-separated list of numbers ≥ 0, or success.</summary>
    public static ValidationResult CheckNumbers(string? text, string option)
    {
        Numbers(text, option, out string? error);
        return error is null ? ValidationResult.Success() : ValidationResult.Error(error);
    }

    /// <summary>Comma-separated ids (empty entries dropped); empty when <paramref name="text"/> is null.</summary>
    public static string[] Ids(string? text) =>
        text is null ? [] : text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public static bool IsPointSet(string name) => PointSets.Contains(name.ToLowerInvariant());

    /// <summary>
    /// The ids of a point set: null for <c>service-points</c> (the Engine's default, every commune service point), the
    /// hub and the district offices for <c>offices</c>.
    /// </summary>
    public static ImmutableArray<string>? Points(PostalNetwork network, string set) => set.ToLowerInvariant() switch
    {
        "offices" => [.. network.Nodes.Where(n => n.Kind is NodeKind.ProvincialHub or NodeKind.DistrictOffice).Select(n => n.Id)],
        _ => null,
    };

    /// <summary>
    /// The links to close: <paramref name="linkIds"/> and every link at one of <paramref name="nodeIds"/>, without
    /// duplicates, in network order. Unknown ids are usage errors naming the option.
    /// </summary>
    public static ImmutableArray<string> LinksToClose(PostalNetwork network, IReadOnlyList<string> linkIds, IReadOnlyList<string> nodeIds)
    {
        var chosen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string id in linkIds)
        {
            if (network.IndexOfLink(id) < 0)
            {
                throw new UsageException($"--close: the network has no link '{id}'");
            }

            chosen.Add(id);
        }

        foreach (string id in nodeIds)
        {
            NetworkChecks.Node(network, id, "--close-node");
            foreach (var link in network.Links.Where(l => l.From == id || l.To == id))
            {
                chosen.Add(link.Id);
            }
        }

        return [.. network.Links.Where(l => chosen.Contains(l.Id)).Select(l => l.Id)];
    }

    /// <summary>The name of node <paramref name="id"/>, or the id when it has none.</summary>
    public static string NodeName(PostalNetwork network, string? id) =>
        id is null ? "–" : network.FindNode(id) is { Name.Length: > 0 } node ? node.Name : id;

    /// <summary>The name of commune <paramref name="code"/>, or the code.</summary>
    public static string CommuneName(PostalNetwork network, string code) => network.FindCommune(code)?.Name ?? code;
}

/// <summary>Reports progress synchronously on the reporting thread (unlike <see cref="Progress{T}"/>, which posts).</summary>
internal sealed class CallbackProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}

/// <summary>Writes a verb's output files into <c>--out</c> and remembers their paths.</summary>
internal sealed class OutputFolder(string? folder)
{
    private readonly List<string> _written = [];

    /// <summary>The paths of the files the verb will write (known before writing, so the JSON document can list them).</summary>
    public List<string> Plan(params string[] names) => folder is null ? [] : [.. names.Select(n => Path.Combine(folder, n))];

    public bool Enabled => folder is not null;

    public IReadOnlyList<string> Written => _written;

    public void Write(string name, string text)
    {
        if (folder is null)
        {
            return;
        }

        string path = Path.Combine(folder, name);
        OutputFiles.Write(path, text);
        _written.Add(path);
    }
}
