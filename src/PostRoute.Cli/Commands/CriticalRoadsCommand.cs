using System.ComponentModel;
using PostRoute.Cli.Infrastructure;
using PostRoute.Engine.Maps;
using PostRoute.Engine.Network;
using PostRoute.Engine.Planning;
using Spectre.Console;
using Spectre.Console.Cli;
using static PostRoute.Cli.Infrastructure.RouteTable;

namespace PostRoute.Cli.Commands;

/// <summary><c>postroute critical-roads</c>: links whose closure cuts communes off or delays them beyond a threshold.</summary>
public sealed class CriticalRoadsCommand(CliEnvironment environment) : AsyncCommand<CriticalRoadsCommand.Settings>
{
    /// <summary>Options of <c>critical-roads</c>.</summary>
    public sealed class Settings : PlanningSettings
    {
        [CommandOption("--minutes <M>")]
        [Description("A road is critical when closing it adds more than this many minutes to a trip from the district office or the hub to a commune, or cuts the trip (default 10).")]
        [DefaultValue(10.0)]
        public double Minutes { get; set; } = 10;

        [CommandOption("--top <N>")]
        [Description("Roads in the table and on the map, most critical first (default 20; --json lists every critical road).")]
        [DefaultValue(20)]
        public int Top { get; set; } = 20;

        public override ValidationResult Validate()
        {
            if (!double.IsFinite(Minutes) || Minutes < 0)
            {
                return ValidationResult.Error("--minutes: must be a number ≥ 0");
            }

            return Top < 0 ? ValidationResult.Error("--top: must be ≥ 0") : ValidationResult.Success();
        }
    }

    /// <inheritdoc />
    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var network = InputFiles.Network(settings.NetworkFile);
        NetworkChecks.Profile(network, settings.Profile);
        var options = new CriticalRoadOptions { Profile = settings.Profile, ThresholdSeconds = settings.Minutes * 60 };
        var report = await ScanAsync(network, options, settings.ShowProgress && environment.Interactive, cancellationToken);

        var top = report.Roads.Take(settings.Top).ToList();
        string title = Invariant($"Critical roads of {network.Name} ({report.Profile}, more than {settings.Minutes:0.##} min extra or cut off)");
        var output = new OutputFolder(settings.OutDirectory);
        var outputs = output.Plan("critical-roads.json", "critical-roads.svg");
        var document = Json.Serialize(new
        {
            network = network.Name,
            profile = report.Profile,
            thresholdMinutes = report.ThresholdSeconds / 60,
            originsSearched = report.OriginsSearched,
            treeLinksExamined = report.TreeLinksExamined,
            elapsedSeconds = report.Elapsed.TotalSeconds,
            roads = report.Roads.Select((r, i) => new
            {
                rank = i + 1,
                link = r.LinkId,
                from = new { id = r.FromNodeId, name = PlanningInputs.NodeName(network, r.FromNodeId) },
                to = new { id = r.ToNodeId, name = PlanningInputs.NodeName(network, r.ToNodeId) },
                roadClass = r.RoadClass,
                isBridge = r.IsBridge,
                affectedCommunes = r.AffectedCommunes,
                cutOffCommunes = r.CutOffCommunes,
                slowedCommunes = r.AffectedCommunes - r.CutOffCommunes,
                maxExtraMinutes = r.MaxExtraSeconds / 60,
                impacts = r.Impacts.Select(x => new
                {
                    commune = x.CommuneCode,
                    origin = x.OriginId,
                    fromHub = x.FromHub,
                    beforeMinutes = x.BeforeSeconds / 60,
                    afterMinutes = x.AfterSeconds / 60,
                }),
            }),
            outputs,
        });

        output.Write("critical-roads.json", document);
        output.Write("critical-roads.svg", SvgMap.Render(network, new MapOptions { Title = title }, new MapOverlays
        {
            CriticalLinkIds = [.. top.Select(r => r.LinkId)],
        }));

        ReportOutput.Write(environment, settings, () => document, () => Print(network, title, report, top), output.Written);
        return ExitCodes.Success;
    }

    /// <summary>The scan on a worker thread; on a terminal with a progress bar. Ctrl+C throws (exit code 130).</summary>
    private async Task<CriticalRoadReport> ScanAsync(PostalNetwork network, CriticalRoadOptions options, bool showProgress,
        CancellationToken cancellationToken)
    {
        if (!showProgress)
        {
            return await Task.Run(() => CriticalRoads.Scan(network, options, null, cancellationToken), CancellationToken.None);
        }

        return await environment.Out.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask("Scanning roads (Ctrl+C cancels)", maxValue: 1);
                var report = await Task.Run(
                    () => CriticalRoads.Scan(network, options, new CallbackProgress<double>(v => task.Value = v), cancellationToken),
                    CancellationToken.None);
                task.Value = 1;
                return report;
            });
    }

    private void Print(PostalNetwork network, string title, CriticalRoadReport report, List<CriticalRoad> top)
    {
        var console = environment.Out;
        if (top.Count > 0)
        {
            var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(title))
                .AddColumn(new TableColumn("#").RightAligned()).AddColumn("link").AddColumn("from – to").AddColumn("class")
                .AddColumn(new TableColumn("cut off").RightAligned()).AddColumn(new TableColumn("slowed").RightAligned())
                .AddColumn(new TableColumn("max extra min").RightAligned());
            for (int i = 0; i < top.Count; i++)
            {
                var r = top[i];
                table.AddRow(
                    Invariant($"{i + 1}"),
                    Markup.Escape(r.LinkId) + (r.IsBridge ? " [grey](bridge)[/]" : ""),
                    Markup.Escape($"{PlanningInputs.NodeName(network, r.FromNodeId)} – {PlanningInputs.NodeName(network, r.ToNodeId)}"),
                    r.RoadClass.ToString().ToLowerInvariant(),
                    r.CutOffCommunes > 0 ? Invariant($"[red]{r.CutOffCommunes}[/]") : "0",
                    Invariant($"{r.AffectedCommunes - r.CutOffCommunes}"),
                    r.AffectedCommunes > r.CutOffCommunes ? Invariant($"{r.MaxExtraSeconds / 60:0.0}") : "–");
            }

            console.Write(table);
        }
        else
        {
            console.MarkupLine(Markup.Escape(title) + ": none");
        }

        if (report.Roads.Length > top.Count)
        {
            console.MarkupLine(Invariant($"… and {report.Roads.Length - top.Count} more critical roads (--top N, or --json for all)"));
        }

        console.MarkupLine(Invariant($"[grey]{report.Roads.Length} critical roads; {report.OriginsSearched} origins, {report.TreeLinksExamined} tree links examined in {report.Elapsed.TotalSeconds:0.00} s[/]"));
    }
}
