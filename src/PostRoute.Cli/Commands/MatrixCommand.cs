using System.ComponentModel;
using System.Globalization;
using System.Text;
using PostRoute.Cli.Infrastructure;
using PostRoute.Engine.Paths;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PostRoute.Cli.Commands;

/// <summary><c>postroute matrix</c>: travel times and distances between nodes.</summary>
public sealed class MatrixCommand(CliEnvironment environment) : Command<MatrixCommand.Settings>
{
    /// <summary>Options of <c>matrix</c>.</summary>
    public sealed class Settings : PathSettings
    {
        [CommandOption("--from <IDS>")]
        [Description("Comma-separated row node ids (default: every post office).")]
        public string? From { get; set; }

        [CommandOption("--to <IDS>")]
        [Description("Comma-separated column node ids (default: every post office).")]
        public string? To { get; set; }

        [CommandOption("--format <FORMAT>")]
        [Description("table (minutes or km per the metric), csv (from,to,duration_s,distance_m) or json.")]
        [DefaultValue("table")]
        public string Format { get; set; } = "table";

        public override ValidationResult Validate()
        {
            var common = base.Validate();
            if (!common.Successful)
            {
                return common;
            }

            return Format.ToLowerInvariant() is "table" or "csv" or "json"
                ? ValidationResult.Success()
                : ValidationResult.Error($"--format: unknown format '{Format}'; use table, csv or json");
        }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var network = InputFiles.Network(settings.NetworkFile);
        NetworkChecks.Profile(network, settings.Profile);
        var offices = network.Nodes.Where(n => n.IsPostOffice).Select(n => n.Id).ToArray();
        var from = Ids(settings.From, "--from") ?? offices;
        var to = Ids(settings.To, "--to") ?? offices;
        foreach (string id in from.Concat(to))
        {
            NetworkChecks.Node(network, id, "--from/--to");
        }

        var matrix = MatrixCalculator.Compute(network, from, to, settings.Profile, settings.PathMetric, cancellationToken);
        switch (settings.Format.ToLowerInvariant())
        {
            case "csv":
                var csv = new StringBuilder("from,to,duration_s,distance_m\n");
                for (int i = 0; i < from.Length; i++)
                {
                    for (int j = 0; j < to.Length; j++)
                    {
                        csv.Append(CultureInfo.InvariantCulture, $"{from[i]},{to[j]},{Cell(matrix.DurationSeconds(i, j))},{Cell(matrix.DistanceMetres(i, j))}\n");
                    }
                }

                environment.WriteRaw(csv.ToString());
                break;
            case "json":
                environment.WriteRaw(Json.Serialize(new
                {
                    profile = settings.Profile,
                    metric = settings.PathMetric,
                    sources = from,
                    targets = to,
                    durationsSeconds = Rows(from.Length, to.Length, (i, j) => Json.Finite(matrix.DurationSeconds(i, j))),
                    distancesMetres = Rows(from.Length, to.Length, (i, j) => Json.Finite(matrix.DistanceMetres(i, j))),
                }));
                break;
            default:
                bool time = settings.PathMetric == PathMetric.Time;
                var table = new Table().Border(TableBorder.Rounded)
                    .Title(time ? "Travel time, minutes" : "Distance, km")
                    .AddColumn(new TableColumn("from \\ to"));
                foreach (string id in to)
                {
                    table.AddColumn(new TableColumn(Markup.Escape(id)).RightAligned());
                }

                for (int i = 0; i < from.Length; i++)
                {
                    var row = new List<string> { Markup.Escape(from[i]) };
                    for (int j = 0; j < to.Length; j++)
                    {
                        double value = time ? matrix.DurationSeconds(i, j) / 60 : matrix.DistanceMetres(i, j) / 1000;
                        row.Add(double.IsFinite(value) ? value.ToString("0.0", CultureInfo.InvariantCulture) : "[red]–[/]");
                    }

                    table.AddRow(row.ToArray());
                }

                environment.Out.Write(table);
                break;
        }

        return ExitCodes.Success;
    }

    private static string[]? Ids(string? list, string option)
    {
        if (list is null)
        {
            return null;
        }

        var ids = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return ids.Length > 0 ? ids : throw new UsageException($"{option}: give at least one node id");
    }

    private static string Cell(double value) => double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : "";

    private static double?[][] Rows(int rows, int cols, Func<int, int, double?> cell) =>
        [.. Enumerable.Range(0, rows).Select(i => Enumerable.Range(0, cols).Select(j => cell(i, j)).ToArray())];
}
