using System.Collections.Immutable;
using System.ComponentModel;
using PostRoute.Cli.Infrastructure;
using PostRoute.Engine.Maps;
using PostRoute.Engine.Paths;
using PostRoute.Engine.Planning;
using Spectre.Console;
using Spectre.Console.Cli;
using static PostRoute.Cli.Infrastructure.RouteTable;

namespace PostRoute.Cli.Commands;

/// <summary><c>postroute site</c>: where k new service points help most (maximum coverage or p-median, CP-SAT).</summary>
public sealed class SiteCommand(CliEnvironment environment) : AsyncCommand<SiteCommand.Settings>
{
    /// <summary>Options of <c>site</c>.</summary>
    public sealed class Settings : PlanningSettings
    {
        [CommandOption("-k|--count <N>")]
        [Description("Number of new points to choose (one solve).")]
        public int? K { get; set; }

        [CommandOption("--max-k <N>")]
        [Description("Solve k = 0 … N and print the curve.")]
        public int? MaxK { get; set; }

        [CommandOption("--objective <OBJECTIVE>")]
        [Description("coverage (most communes within the threshold; default) or p-median (least total travel).")]
        [DefaultValue("coverage")]
        public string Objective { get; set; } = "coverage";

        [CommandOption("--minutes <M>")]
        [Description("Coverage threshold in minutes (default 15); trips are timed.")]
        public double? Minutes { get; set; }

        [CommandOption("--km <KM>")]
        [Description("Coverage threshold in km instead; trips are measured by road distance.")]
        public double? Km { get; set; }

        [CommandOption("--weight <WEIGHT>")]
        [Description("communes (each counts 1; default) or population (unknown population counts 0).")]
        [DefaultValue("communes")]
        public string Weight { get; set; } = "communes";

        [CommandOption("--points <SET>")]
        [Description("The existing points, which stay open: service-points (default) or offices (hub and district offices).")]
        [DefaultValue("service-points")]
        public string Points { get; set; } = "service-points";

        [CommandOption("--time <SECONDS>")]
        [Description("CP-SAT time limit per solve, seconds (default 10).")]
        public double? TimeSeconds { get; set; }

        [CommandOption("--seed <N>")]
        [Description("CP-SAT random seed (default 0).")]
        public int? Seed { get; set; }

        public SitingObjective ParsedObjective => Objective.ToLowerInvariant() is "p-median" or "pmedian" ? SitingObjective.PMedian : SitingObjective.MaximumCoverage;

        public SitingWeight ParsedWeight => Weight.ToLowerInvariant() == "population" ? SitingWeight.Population : SitingWeight.Communes;

        public override ValidationResult Validate()
        {
            if (K is null == MaxK is null)
            {
                return ValidationResult.Error("give exactly one of -k N (one solve) and --max-k N (the curve k = 0 … N)");
            }

            if (K < 0 || MaxK < 0)
            {
                return ValidationResult.Error("-k / --max-k: must be ≥ 0");
            }

            if (Objective.ToLowerInvariant() is not ("coverage" or "p-median" or "pmedian"))
            {
                return ValidationResult.Error($"--objective: unknown objective '{Objective}'; use coverage or p-median");
            }

            if (Weight.ToLowerInvariant() is not ("communes" or "population"))
            {
                return ValidationResult.Error($"--weight: unknown weight '{Weight}'; use communes or population");
            }

            if (!PlanningInputs.IsPointSet(Points))
            {
                return ValidationResult.Error($"--points: unknown point set '{Points}'; use {string.Join(" or ", PlanningInputs.PointSets)}");
            }

            if (Minutes is not null && Km is not null)
            {
                return ValidationResult.Error("give --minutes or --km, not both");
            }

            if (Minutes is { } m && (!double.IsFinite(m) || m < 0) || Km is { } km && (!double.IsFinite(km) || km < 0))
            {
                return ValidationResult.Error("--minutes / --km: must be a number ≥ 0");
            }

            return TimeSeconds is { } t && (!double.IsFinite(t) || t <= 0)
                ? ValidationResult.Error("--time: must be a number of seconds > 0")
                : ValidationResult.Success();
        }
    }

    /// <inheritdoc />
    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var network = InputFiles.Network(settings.NetworkFile);
        NetworkChecks.Profile(network, settings.Profile);
        bool byDistance = settings.Km is not null;
        var options = new SitingOptions
        {
            Objective = settings.ParsedObjective,
            Profile = settings.Profile,
            Metric = byDistance ? PathMetric.Distance : PathMetric.Time,
            Threshold = byDistance ? settings.Km!.Value * 1000 : (settings.Minutes ?? 15) * 60,
            Weight = settings.ParsedWeight,
            ExistingIds = PlanningInputs.Points(network, settings.Points),
            TimeLimit = TimeSpan.FromSeconds(settings.TimeSeconds ?? 10),
            Seed = settings.Seed ?? 0,
        };

        // CP-SAT runs on a worker thread so that Ctrl+C is seen (it stops the search and keeps the best choice).
        var results = await Task.Run(() => settings.K is { } k
            ? ImmutableArray.Create(Siting.Solve(network, options, k, cancellationToken))
            : Siting.Curve(network, options, settings.MaxK!.Value, cancellationToken), CancellationToken.None);
        bool stopped = cancellationToken.IsCancellationRequested;
        if (results.IsEmpty)
        {
            environment.WriteError("stopped by Ctrl+C before any solve finished; nothing written");
            return ExitCodes.Cancelled;
        }

        var final = results[^1];
        string unit = byDistance ? "km" : "min";
        double Display(double units) => byDistance ? units / 1000 : units / 60;
        string objectiveName = options.Objective == SitingObjective.MaximumCoverage ? "coverage" : "p-median";
        string title = Invariant($"New points on {network.Name}: {objectiveName}, within {Display(options.Threshold):0.##} {unit}, k = {final.K}");
        var output = new OutputFolder(settings.OutDirectory);
        var outputs = output.Plan("site.json", "site.svg");
        var document = Json.Serialize(new
        {
            network = network.Name,
            profile = options.Profile,
            objective = objectiveName,
            metric = options.Metric,
            threshold = Display(options.Threshold),
            unit,
            weight = options.Weight,
            points = settings.Points.ToLowerInvariant(),
            stoppedByUser = stopped,
            results = results.Select(r => new
            {
                k = r.K,
                chosen = r.ChosenIds.Select(id => new { id, name = PlanningInputs.NodeName(network, id) }),
                objective = r.ObjectiveValue,
                bound = Json.Finite(r.BestBound),
                gap = Json.Finite(r.Gap),
                status = r.Status,
                seconds = r.SolveTime.TotalSeconds,
                coveredCommunes = r.CoveredCommunes,
                coveredWeight = r.CoveredWeight,
                totalWeight = r.TotalWeight,
            }),
            assignments = final.Assignments.Select(a => new
            {
                commune = a.CommuneCode,
                point = a.PointId,
                isNew = a.IsNew,
                cost = a.Cost is { } c ? Display(c) : (double?)null,
            }),
            outputs,
        });

        output.Write("site.json", document);
        output.Write("site.svg", SvgMap.Render(network, new MapOptions { Title = title }, new MapOverlays
        {
            CommuneShading = final.Assignments.ToDictionary(a => a.CommuneCode, a => a.Cost is { } c ? Display(c) : double.PositiveInfinity),
            ShadingBands = byDistance ? [1, 3, 5, 10, 20] : CoverageCommand.MinuteBands,
            ShadingLegendTitle = byDistance ? "km to nearest point" : "Minutes to nearest point",
            HighlightedNodeIds = final.ChosenIds.ToHashSet(StringComparer.Ordinal),
        }));

        ReportOutput.Write(environment, settings, () => document, () => Print(network, title, results, final), output.Written);

        if (stopped)
        {
            environment.WriteWarning("stopped by Ctrl+C; the best choices found so far are kept");
        }

        if (final.Status == SitingStatus.NoSolution)
        {
            environment.WriteWarning(Invariant($"CP-SAT found no choice for k = {final.K} within the time limit; raise --time"));
        }

        return ExitCodes.Success;
    }

    private void Print(Engine.Network.PostalNetwork network, string title, ImmutableArray<SitingResult> results, SitingResult final)
    {
        var console = environment.Out;
        var curve = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(title))
            .AddColumn(new TableColumn("k").RightAligned()).AddColumn(new TableColumn("covered").RightAligned())
            .AddColumn(new TableColumn("objective").RightAligned()).AddColumn(new TableColumn("bound").RightAligned())
            .AddColumn(new TableColumn("gap").RightAligned()).AddColumn("status").AddColumn(new TableColumn("s").RightAligned())
            .AddColumn("new points");
        foreach (var r in results)
        {
            curve.AddRow(
                Invariant($"{r.K}"),
                Invariant($"{r.CoveredCommunes} / {r.Assignments.Length}"),
                Invariant($"{r.ObjectiveValue}"),
                double.IsFinite(r.BestBound) ? Invariant($"{r.BestBound:0.##}") : "–",
                double.IsFinite(r.Gap) ? Invariant($"{r.Gap * 100:0.##} %") : "–",
                r.Status.ToString().ToLowerInvariant(),
                Invariant($"{r.SolveTime.TotalSeconds:0.00}"),
                Markup.Escape(CoverageCommand.Trimmed(r.ChosenIds, 8)));
        }

        console.Write(curve);
        if (final.ChosenIds.IsEmpty)
        {
            console.MarkupLine("No new point improves the objective.");
            return;
        }

        var chosen = new Table().Border(TableBorder.Simple).Title(Invariant($"New points for k = {final.K}"))
            .AddColumn("node").AddColumn("name").AddColumn(new TableColumn("communes served").RightAligned());
        foreach (string id in final.ChosenIds)
        {
            chosen.AddRow(Markup.Escape(id), Markup.Escape(PlanningInputs.NodeName(network, id)),
                Invariant($"{final.Assignments.Count(a => a.IsNew && a.PointId == id)}"));
        }

        console.Write(chosen);
    }
}
