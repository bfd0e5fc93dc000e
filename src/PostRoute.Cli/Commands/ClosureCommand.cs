using System.Collections.Immutable;
using System.ComponentModel;
using PostRoute.Cli.Infrastructure;
using PostRoute.Engine.Formats;
using PostRoute.Engine.Maps;
using PostRoute.Engine.Network;
using PostRoute.Engine.Planning;
using PostRoute.Engine.Routing;
using Spectre.Console;
using Spectre.Console.Cli;
using static PostRoute.Cli.Infrastructure.RouteTable;

namespace PostRoute.Cli.Commands;

/// <summary>
/// <c>postroute closure</c> (alias <c>flood</c>): who a road closure cuts off, how much longer trips get, and the day's
/// mail run re-planned on the closed network, warm-started from the plan on the open network.
/// </summary>
public sealed class ClosureCommand(CliEnvironment environment) : AsyncCommand<ClosureCommand.Settings>
{
    /// <summary>Options of <c>closure</c>.</summary>
    public sealed class Settings : MailRunSettings
    {
        [CommandOption("--close <LINKS>")]
        [Description("Ids of the links to close, comma-separated.")]
        public string? Close { get; set; }

        [CommandOption("--close-node <NODES>")]
        [Description("Close every link at these nodes (comma-separated), e.g. a flooded bridge or junction.")]
        public string? CloseNode { get; set; }

        [CommandOption("--plan <DIR>")]
        [Description("Folder of an earlier 'plan' run whose plan.json is the plan to re-plan (same --date, --seed and --volumes); default: plan the day on the open network first.")]
        public string? PlanDirectory { get; set; }

        [CommandOption("--top <N>")]
        [Description("Rows of the table of slowed communes, most delayed first (default 15; --json lists all).")]
        [DefaultValue(15)]
        public int Top { get; set; } = 15;

        public override ValidationResult Validate()
        {
            var common = base.Validate();
            if (!common.Successful)
            {
                return common;
            }

            if (PlanningInputs.Ids(Close).Length == 0 && PlanningInputs.Ids(CloseNode).Length == 0)
            {
                return ValidationResult.Error("give the roads to close with --close LINK[,LINK…] or --close-node NODE[,NODE…]");
            }

            return Top < 0 ? ValidationResult.Error("--top: must be ≥ 0") : ValidationResult.Success();
        }
    }

    /// <inheritdoc />
    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var network = InputFiles.Network(settings.NetworkFile);
        var closed = PlanningInputs.LinksToClose(network, PlanningInputs.Ids(settings.Close), PlanningInputs.Ids(settings.CloseNode));
        if (closed.IsEmpty)
        {
            throw new UsageException("--close-node: the nodes have no links, nothing to close");
        }

        var impact = Closures.Analyse(network, closed, cancellationToken: cancellationToken);
        var runOptions = MailRuns.Options(settings, network);
        var before = MailRuns.Build(network, runOptions, cancellationToken);
        var solver = Solvers.Create(settings.Solver ?? SolverSettings.DefaultSolver);
        var solveOptions = settings.SolveOptions();

        RoutingSolution previous;
        string previousSource;
        if (settings.PlanDirectory is { } folder)
        {
            previous = ReadPlan(Path.Combine(folder, "plan.json"), before.Problem);
            previousSource = Path.Combine(folder, "plan.json");
        }
        else
        {
            var planned = await SolveRunner.RunAsync(environment, solver, before.Problem, solveOptions, settings.ShowProgress, cancellationToken);
            if (planned.Status == SolveStatus.Cancelled)
            {
                environment.WriteError("stopped by Ctrl+C while planning the open network; nothing written");
                return ExitCodes.Cancelled;
            }

            previous = planned.Solution;
            previousSource = "planned on the open network";
        }

        // Same options on the closed network: same job and vehicle ids, so the routes carry over.
        var after = MailRuns.Build(impact.After, runOptions, cancellationToken);
        var replan = await Task.Run(() => Closures.Replan(after.Problem, previous, solver, solveOptions, cancellationToken), CancellationToken.None);
        bool stopped = cancellationToken.IsCancellationRequested;
        var solution = replan.Solution;
        var check = SolutionChecker.Check(after.Problem, solution);

        var changes = RouteRows(before.Problem, previous, solution, replan);
        var slower = impact.Communes
            .Where(c => c.ExtraOfficeSeconds > 0.5 || c.ExtraHubSeconds > 0.5)
            .OrderByDescending(c => Math.Max(c.ExtraOfficeSeconds ?? 0, c.ExtraHubSeconds ?? 0))
            .ThenBy(c => c.Code, StringComparer.Ordinal)
            .ToList();
        var cutOff = impact.CutOffFromOffice.Union(impact.CutOffFromHub, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
        string title = Invariant($"Closure of {closed.Length} links on {network.Name}, {runOptions.Date:yyyy-MM-dd}");

        var output = new OutputFolder(settings.OutDirectory);
        var outputs = output.Plan("closure.json", "replan.json", "closure.svg");
        var document = Json.Serialize(new
        {
            network = network.Name,
            date = runOptions.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            seed = runOptions.Seed,
            closedLinks = closed.Select(id => network.FindLink(id)!).Select(l => new
            {
                id = l.Id,
                from = l.From,
                to = l.To,
                fromName = PlanningInputs.NodeName(network, l.From),
                toName = PlanningInputs.NodeName(network, l.To),
            }),
            cutOffFromOffice = impact.CutOffFromOffice.Select(code => Commune(network, code)),
            cutOffFromHub = impact.CutOffFromHub.Select(code => Commune(network, code)),
            officesCutOffFromHub = impact.OfficesCutOffFromHub,
            slower = slower.Select(c => new
            {
                code = c.Code,
                name = c.Place.Commune.Name,
                office = c.OfficeId,
                officeMinutesBefore = c.OfficeSecondsBefore / 60,
                officeMinutesAfter = c.OfficeSecondsAfter / 60,
                extraOfficeMinutes = c.ExtraOfficeSeconds / 60,
                hubMinutesBefore = c.HubSecondsBefore / 60,
                hubMinutesAfter = c.HubSecondsAfter / 60,
                extraHubMinutes = c.ExtraHubSeconds / 60,
            }),
            unlocated = impact.UnlocatedCodes,
            previous = new { source = previousSource, cost = previous.Cost.Total, vehiclesUsed = previous.VehiclesUsed, unservedMandatory = previous.UnservedMandatoryCount },
            replan = new
            {
                solver = replan.Solve.SolverName,
                status = replan.Solve.Status,
                stoppedByUser = stopped,
                keptRepairedPlan = replan.KeptRepairedPlan,
                cost = solution.Cost.Total,
                costDifference = replan.CostDifference,
                distanceDifferenceKm = replan.DistanceDifferenceMetres / 1000,
                durationDifferenceHours = replan.DurationDifferenceSeconds / 3600,
                vehiclesUsed = solution.VehiclesUsed,
                unservedMandatory = solution.UnservedMandatoryCount,
                changedRoutes = changes,
                newlyUnassigned = replan.NewlyUnassigned.Select(u => new { u.Id, kind = u.Kind, reason = u.Reason, u.Explanation }),
                droppedFromPlan = replan.DroppedFromPlan,
            },
            check = new { valid = check.IsValid, violations = check.Violations.Select(v => v.ToString()) },
            outputs,
        });

        output.Write("closure.json", document);
        output.Write("replan.json", SolutionJson.Write(after.Problem, replan.Solve with { Solution = solution }));
        output.Write("closure.svg", SvgMap.Render(impact.After, after.Problem, solution, new MapOptions { Title = title }, new MapOverlays
        {
            CutOffCommunes = cutOff,
        }));

        ReportOutput.Write(environment, settings, () => document,
            () => Print(settings, network, title, closed, impact, slower, previous, replan, changes), output.Written);
        return SolveRunner.Finish(environment, stopped, check, solution, "re-plan");
    }

    /// <summary>One row per vehicle whose stops or distance changed.</summary>
    internal sealed record RouteRow(string Vehicle, ImmutableArray<string> Added, ImmutableArray<string> Removed, bool Reordered,
        double KmBefore, double KmAfter, double HoursBefore, double HoursAfter);

    private static List<RouteRow> RouteRows(RoutingProblem problem, RoutingSolution previous, RoutingSolution current, ReplanResult replan)
    {
        var old = previous.Routes.ToDictionary(r => r.VehicleId, StringComparer.Ordinal);
        var now = current.Routes.ToDictionary(r => r.VehicleId, StringComparer.Ordinal);
        var rows = new List<RouteRow>();
        foreach (var change in replan.Routes)
        {
            var o = old.GetValueOrDefault(change.VehicleId);
            var n = now.GetValueOrDefault(change.VehicleId);
            var row = new RouteRow(change.VehicleId, change.Added, change.Removed, change.Reordered,
                (o?.DistanceMetres ?? 0) / 1000, (n?.DistanceMetres ?? 0) / 1000, (o?.DurationSeconds ?? 0) / 3600, (n?.DurationSeconds ?? 0) / 3600);
            // A route with the same stops may still drive a detour: it changed too.
            if (change.Changed || Math.Abs(row.KmAfter - row.KmBefore) >= 0.05)
            {
                rows.Add(row);
            }
        }

        return rows;
    }

    private static object Commune(PostalNetwork network, string code) => new { code, name = PlanningInputs.CommuneName(network, code) };

    /// <summary>The plan in <paramref name="path"/> (a <c>plan</c> output) as a solution of <paramref name="problem"/>.</summary>
    private static RoutingSolution ReadPlan(string path, RoutingProblem problem)
    {
        var result = SolutionJson.Read(InputFiles.ReadText(path, "plan file"), path);
        var plans = new List<RoutePlan>();
        foreach (var route in result.Routes)
        {
            int vehicle = problem.IndexOfVehicle(route.Vehicle);
            if (vehicle < 0)
            {
                throw new InputException($"{path}: vehicle '{route.Vehicle}' is not in the day's mail run; give the plan's --date, --seed and --volumes");
            }

            var visits = ImmutableArray.CreateBuilder<Visit>();
            foreach (var step in route.Steps)
            {
                Visit? visit = step.Type switch
                {
                    "job" => new Visit(StepKind.Job, problem.IndexOfJob(step.Id)),
                    "pickup" => new Visit(StepKind.Pickup, problem.IndexOfShipment(step.Id)),
                    "delivery" => new Visit(StepKind.Delivery, problem.IndexOfShipment(step.Id)),
                    "break" => new Visit(StepKind.Break, step.TaskIndex),
                    _ => null,
                };
                if (visit is { TaskIndex: < 0 })
                {
                    throw new InputException($"{path}: task '{step.Id}' of vehicle '{route.Vehicle}' is not in the day's mail run; give the plan's --date, --seed and --volumes");
                }

                if (visit is { } v)
                {
                    visits.Add(v);
                }
            }

            plans.Add(new RoutePlan(vehicle, visits.ToImmutable()));
        }

        try
        {
            return SolutionFactory.Create(problem, plans);
        }
        catch (ArgumentException ex)
        {
            throw new InputException($"{path}: {ex.Message}", ex);
        }
    }

    private void Print(Settings settings, PostalNetwork network, string title, ImmutableArray<string> closed, ClosureImpact impact,
        List<CommuneClosureImpact> slower, RoutingSolution previous, ReplanResult replan, List<RouteRow> changes)
    {
        var console = environment.Out;
        console.Write(new Rule(Markup.Escape(title)).LeftJustified());
        console.MarkupLine("[bold]Closed:[/] " + Markup.Escape(CoverageCommand.Trimmed(
            closed.Select(id => network.FindLink(id)!).Select(l => $"{l.Id} ({PlanningInputs.NodeName(network, l.From)} – {PlanningInputs.NodeName(network, l.To)})").ToList(), 10)));

        var cut = impact.Communes.Where(c => c.CutOffFromOffice || c.CutOffFromHub).ToList();
        if (cut.Count > 0)
        {
            var table = new Table().Border(TableBorder.Simple).Title(Invariant($"[red]{cut.Count} communes cut off[/]"))
                .AddColumn("code").AddColumn("commune").AddColumn("district").AddColumn("from office").AddColumn("from hub");
            foreach (var c in cut)
            {
                table.AddRow(Markup.Escape(c.Code), Markup.Escape(c.Place.Commune.Name), Markup.Escape(c.Place.Commune.DistrictName),
                    c.CutOffFromOffice ? "[red]cut off[/]" : "reachable", c.CutOffFromHub ? "[red]cut off[/]" : "reachable");
            }

            console.Write(table);
        }
        else
        {
            console.MarkupLine("No commune is cut off from its district office or the hub.");
        }

        if (!impact.OfficesCutOffFromHub.IsEmpty)
        {
            console.MarkupLine("[red]District offices the trucks cannot reach from the hub:[/] " +
                Markup.Escape(string.Join(", ", impact.OfficesCutOffFromHub.Select(id => PlanningInputs.NodeName(network, id)))));
        }

        if (slower.Count > 0)
        {
            var table = new Table().Border(TableBorder.Simple)
                .Title(Invariant($"{slower.Count} communes reached more slowly ({slower.Count(c => c.ExtraOfficeSeconds > 0.5)} from their office, {slower.Count(c => c.ExtraHubSeconds > 0.5)} from the hub)"))
                .AddColumn("code").AddColumn("commune").AddColumn(new TableColumn("office min").RightAligned())
                .AddColumn(new TableColumn("hub min").RightAligned());
            foreach (var c in slower.Take(settings.Top))
            {
                table.AddRow(Markup.Escape(c.Code), Markup.Escape(c.Place.Commune.Name),
                    Change(c.OfficeSecondsBefore, c.OfficeSecondsAfter), Change(c.HubSecondsBefore, c.HubSecondsAfter));
            }

            console.Write(table);
            if (slower.Count > settings.Top)
            {
                console.MarkupLine(Invariant($"… and {slower.Count - settings.Top} more slowed communes (--top N, or --json for all)"));
            }
        }

        if (changes.Count > 0)
        {
            var table = new Table().Border(TableBorder.Rounded).Title(Invariant($"{changes.Count} routes changed"))
                .AddColumn("vehicle").AddColumn("added").AddColumn("removed").AddColumn("reordered")
                .AddColumn(new TableColumn("km").RightAligned().NoWrap()).AddColumn(new TableColumn("hours").RightAligned().NoWrap());
            foreach (var r in changes)
            {
                table.AddRow(Markup.Escape(r.Vehicle),
                    Markup.Escape(CoverageCommand.Trimmed(r.Added, 3)),
                    Markup.Escape(CoverageCommand.Trimmed(r.Removed, 3)),
                    r.Reordered ? "yes" : "",
                    Invariant($"{r.KmBefore:0.0} → {r.KmAfter:0.0}"),
                    Invariant($"{r.HoursBefore:0.00} → {r.HoursAfter:0.00}"));
            }

            console.Write(table);
        }
        else
        {
            console.MarkupLine("No route changed.");
        }

        if (!replan.NewlyUnassigned.IsEmpty)
        {
            var table = new Table().Border(TableBorder.Simple).Title(Invariant($"[red]{replan.NewlyUnassigned.Length} tasks no longer served[/]"))
                .AddColumn("task").AddColumn("reason");
            foreach (var task in replan.NewlyUnassigned)
            {
                table.AddRow(Markup.Escape(task.Id), Markup.Escape(task.Explanation));
            }

            console.Write(table);
        }

        var solution = replan.Solution;
        console.MarkupLine(Invariant(
            $"cost {previous.Cost.Total:0.##} → [bold]{solution.Cost.Total:0.##}[/] ({replan.CostDifference:+0.##;-0.##;0}), distance {replan.DistanceDifferenceMetres / 1000:+0.0;-0.0;0} km, route time {replan.DurationDifferenceSeconds / 3600:+0.00;-0.00;0} h; ") +
            Markup.Escape(Invariant($"{replan.Solve.SolverName} {replan.Solve.Status.ToString().ToLowerInvariant()} after {replan.Solve.Elapsed.TotalSeconds:0.0} s")) +
            (replan.KeptRepairedPlan ? " (the repaired previous plan was better and is kept)" : ""));
    }

    private static string Change(double? before, double? after) => (before, after) switch
    {
        ({ } b, { } a) when a - b > 0.5 => Invariant($"{b / 60:0} → {a / 60:0} (+{(a - b) / 60:0.0})"),
        ({ } b, { } a) => Invariant($"{b / 60:0} → {a / 60:0}"),
        ({ }, null) => "[red]cut off[/]",
        _ => "–",
    };
}
