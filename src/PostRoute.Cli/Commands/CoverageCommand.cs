using System.ComponentModel;
using PostRoute.Cli.Infrastructure;
using PostRoute.Engine.Maps;
using PostRoute.Engine.Paths;
using PostRoute.Engine.Planning;
using Spectre.Console;
using Spectre.Console.Cli;
using static PostRoute.Cli.Infrastructure.RouteTable;

namespace PostRoute.Cli.Commands;

/// <summary><c>postroute coverage</c>: each commune's nearest point by time and by distance, and the shares within thresholds.</summary>
public sealed class CoverageCommand(CliEnvironment environment) : Command<CoverageCommand.Settings>
{
    /// <summary>Map shading bands, minutes.</summary>
    internal static readonly double[] MinuteBands = [5, 10, 15, 30, 60];

    /// <summary>Options of <c>coverage</c>.</summary>
    public sealed class Settings : PlanningSettings
    {
        [CommandOption("--points <SET>")]
        [Description("service-points (every commune service point) or offices (the hub and the district offices).")]
        [DefaultValue("service-points")]
        public string Points { get; set; } = "service-points";

        [CommandOption("--km <LIST>")]
        [Description("Distance thresholds, km, comma-separated (default 3,5).")]
        [DefaultValue("3,5")]
        public string Km { get; set; } = "3,5";

        [CommandOption("--minutes <LIST>")]
        [Description("Time thresholds, minutes, comma-separated (default 15).")]
        [DefaultValue("15")]
        public string Minutes { get; set; } = "15";

        [CommandOption("--top <N>")]
        [Description("Rows of the commune table, farthest first (default 20; --json lists every commune).")]
        [DefaultValue(20)]
        public int Top { get; set; } = 20;

        public override ValidationResult Validate()
        {
            if (!PlanningInputs.IsPointSet(Points))
            {
                return ValidationResult.Error($"--points: unknown point set '{Points}'; use {string.Join(" or ", PlanningInputs.PointSets)}");
            }

            if (Top < 0)
            {
                return ValidationResult.Error("--top: must be ≥ 0");
            }

            var km = PlanningInputs.CheckNumbers(Km, "--km");
            return km.Successful ? PlanningInputs.CheckNumbers(Minutes, "--minutes") : km;
        }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var network = InputFiles.Network(settings.NetworkFile);
        NetworkChecks.Profile(network, settings.Profile);
        var km = PlanningInputs.Numbers(settings.Km, "--km", out _)!;
        var minutes = PlanningInputs.Numbers(settings.Minutes, "--minutes", out _)!;
        var points = PlanningInputs.Points(network, settings.Points);
        var report = Coverage.Analyse(network, new CoverageOptions
        {
            Profile = settings.Profile,
            ServicePointIds = points,
            DistanceThresholdsMetres = [.. km.Select(k => k * 1000)],
            TimeThresholdsSeconds = [.. minutes.Select(m => m * 60)],
        }, cancellationToken);

        string pointsName = settings.Points.ToLowerInvariant() == "offices" ? "offices (hub and district offices)" : "service points";
        string title = Invariant($"Coverage of {network.Name} communes by {report.ServicePointIds.Length} {pointsName}, {report.Profile}");
        var output = new OutputFolder(settings.OutDirectory);
        var outputs = output.Plan("coverage.json", "coverage.svg");
        var located = report.Communes.Where(c => c.Place.Placement != CommunePlacement.Unlocated).ToList();
        var unreachable = located.Where(c => !c.Reachable).ToList();
        var document = Json.Serialize(new
        {
            network = network.Name,
            profile = report.Profile,
            points = settings.Points.ToLowerInvariant(),
            servicePointIds = report.ServicePointIds,
            shares = report.Shares.Select(s => new
            {
                metric = s.Metric,
                threshold = s.Metric == PathMetric.Time ? s.Threshold / 60 : s.Threshold / 1000,
                unit = s.Metric == PathMetric.Time ? "min" : "km",
                covered = s.CoveredCommunes,
                located = s.LocatedCommunes,
                total = s.TotalCommunes,
                communeShare = s.CommuneShare,
                populationShare = s.PopulationShare,
                areaShare = s.AreaShare,
                uncovered = s.UncoveredCodes,
            }),
            communes = report.Communes.Select(c => new
            {
                code = c.Code,
                name = c.Place.Commune.Name,
                district = c.Place.Commune.DistrictName,
                placement = c.Place.Placement,
                node = c.Place.NodeId,
                nearestByTime = c.NearestByTimeId,
                minutes = Json.Finite(c.TimeSeconds / 60),
                timePathKm = Json.Finite(c.TimePathMetres / 1000),
                nearestByDistance = c.NearestByDistanceId,
                km = Json.Finite(c.DistanceMetres / 1000),
                distancePathMinutes = Json.Finite(c.DistancePathSeconds / 60),
            }),
            unreachable = unreachable.Select(c => c.Code),
            unlocated = report.UnlocatedCodes,
            outputs,
        });

        output.Write("coverage.json", document);
        output.Write("coverage.svg", SvgMap.Render(network, new MapOptions { Title = title }, new MapOverlays
        {
            // Minutes to the nearest point; +∞ (top band) when none can be reached. Unlocated communes are not drawn.
            CommuneShading = located.ToDictionary(c => c.Code, c => c.TimeSeconds / 60),
            ShadingBands = MinuteBands,
            ShadingLegendTitle = "Minutes to nearest point",
            HighlightedNodeIds = points is { } offices ? offices.ToHashSet(StringComparer.Ordinal) : null,
        }));

        ReportOutput.Write(environment, settings, () => document, () => Print(settings, network, title, report, located, unreachable), output.Written);
        return ExitCodes.Success;
    }

    private void Print(Settings settings, Engine.Network.PostalNetwork network, string title, CoverageReport report,
        List<CommuneCoverage> located, List<CommuneCoverage> unreachable)
    {
        var console = environment.Out;
        var shares = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(title))
            .AddColumn("within").AddColumn(new TableColumn("communes").RightAligned()).AddColumn(new TableColumn("share").RightAligned())
            .AddColumn(new TableColumn("population").RightAligned()).AddColumn("not covered");
        foreach (var share in report.Shares)
        {
            string within = share.Metric == PathMetric.Time ? Invariant($"{share.Threshold / 60:0.##} min") : Invariant($"{share.Threshold / 1000:0.##} km");
            shares.AddRow(within,
                Invariant($"{share.CoveredCommunes} / {share.LocatedCommunes}"),
                Invariant($"{share.CommuneShare * 100:0.0} %"),
                share.PopulationShare is { } p ? Invariant($"{p * 100:0.0} %") : "[grey]unknown[/]",
                Markup.Escape(Trimmed(share.UncoveredCodes.Select(c => PlanningInputs.CommuneName(network, c)).ToList(), 4)));
        }

        console.Write(shares);

        var rows = located.OrderByDescending(c => c.TimeSeconds).ThenBy(c => c.Code, StringComparer.Ordinal).Take(settings.Top).ToList();
        if (rows.Count > 0)
        {
            var table = new Table().Border(TableBorder.Simple).Title("Communes, farthest first")
                .AddColumn("code").AddColumn("commune").AddColumn("district")
                .AddColumn("nearest by time").AddColumn(new TableColumn("min").RightAligned()).AddColumn(new TableColumn("km").RightAligned())
                .AddColumn("nearest by distance").AddColumn(new TableColumn("km").RightAligned());
            foreach (var c in rows)
            {
                table.AddRow(
                    Markup.Escape(c.Code),
                    Markup.Escape(c.Place.Commune.Name),
                    Markup.Escape(c.Place.Commune.DistrictName),
                    Markup.Escape(PlanningInputs.NodeName(network, c.NearestByTimeId)),
                    c.Reachable ? Invariant($"{c.TimeSeconds / 60:0.0}") : "[red]none[/]",
                    c.Reachable ? Invariant($"{c.TimePathMetres / 1000:0.0}") : "–",
                    Markup.Escape(PlanningInputs.NodeName(network, c.NearestByDistanceId)),
                    c.Reachable ? Invariant($"{c.DistanceMetres / 1000:0.0}") : "–");
            }

            console.Write(table);
        }

        if (located.Count > rows.Count)
        {
            console.MarkupLine(Invariant($"… and {located.Count - rows.Count} more located communes (--top N, or --json for all)"));
        }

        if (unreachable.Count > 0)
        {
            console.MarkupLine(Invariant($"[red]{unreachable.Count} communes reach no point:[/] ") +
                Markup.Escape(Trimmed(unreachable.Select(c => c.Place.Commune.Name).ToList(), 10)));
        }

        if (!report.UnlocatedCodes.IsEmpty)
        {
            console.MarkupLine(Invariant($"[yellow]{report.UnlocatedCodes.Length} of {report.Communes.Length} communes are unlocated[/] (no node, no location; not counted in the shares): ") +
                Markup.Escape(Trimmed(report.UnlocatedCodes.Select(c => PlanningInputs.CommuneName(network, c)).ToList(), 8)));
        }
    }

    /// <summary>The first <paramref name="max"/> items, then "… (N more)".</summary>
    internal static string Trimmed(IReadOnlyList<string> items, int max) =>
        items.Count == 0 ? "–"
        : items.Count <= max ? string.Join(", ", items)
        : string.Join(", ", items.Take(max)) + Invariant($", … ({items.Count - max} more)");
}
