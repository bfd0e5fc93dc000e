using System.ComponentModel;
using System.Globalization;
using PostRoute.Cli.Infrastructure;
using PostRoute.Engine.Formats;
using PostRoute.Engine.Maps;
using PostRoute.Engine.Network;
using PostRoute.Engine.Paths;
using PostRoute.Engine.Planning;
using PostRoute.Engine.Routing;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PostRoute.Cli.Commands;

/// <summary><c>postroute plan</c>: plans the day's mail run and writes the plan, its GeoJSON, its map and an HTML page.</summary>
public sealed class PlanCommand(CliEnvironment environment) : AsyncCommand<PlanCommand.Settings>
{
    /// <summary>Default output folder (git-ignored).</summary>
    public const string DefaultOutDirectory = "out/plan";

    /// <summary>Options of <c>plan</c>.</summary>
    public sealed class Settings : MailRunSettings
    {
    }

    /// <inheritdoc />
    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var network = InputFiles.Network(settings.NetworkFile);
        var date = settings.ParsedDate;
        int seed = settings.Seed ?? SolverSettings.DefaultSeed;
        var run = MailRuns.Build(network, MailRuns.Options(settings, network), cancellationToken);
        var problem = run.Problem;
        var solver = Solvers.Create(settings.Solver ?? SolverSettings.DefaultSolver);
        var result = await SolveRunner.RunAsync(environment, solver, problem, settings.SolveOptions(), settings.ShowProgress, cancellationToken);
        var solution = result.Solution;
        bool stopped = result.Status == SolveStatus.Cancelled;
        if (stopped && solution.Routes.IsEmpty)
        {
            environment.WriteError("stopped by Ctrl+C before any solution was found; nothing written");
            return ExitCodes.Cancelled;
        }

        var summary = SolutionSummary.From(problem, solution);
        var check = SolutionChecker.Check(problem, solution);
        string title = $"PostRoute mail run, {network.Name}, {date:yyyy-MM-dd}";
        var outputs = WriteOutputs(settings.OutDirectory ?? DefaultOutDirectory, title, run, result, summary, stopped);

        ReportOutput.Write(environment, settings, () => Json.Serialize(new
        {
            date = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            seed,
            network = network.Name,
            volumes = new
            {
                source = settings.VolumesFile ?? "generated",
                communes = run.Volumes.Length,
                deliveryKg = run.Volumes.Sum(v => v.DeliveryKg),
                pickupKg = run.Volumes.Sum(v => v.PickupKg),
            },
            solver = result.SolverName,
            status = result.Status,
            stoppedByUser = stopped,
            elapsedSeconds = result.Elapsed.TotalSeconds,
            cost = solution.Cost.Total,
            vehiclesUsed = solution.VehiclesUsed,
            servedTasks = summary.ServedTasks,
            unservedMandatory = solution.UnservedMandatoryCount,
            totalDistanceKm = summary.TotalDistanceKm,
            totalDurationHours = summary.TotalDurationHours,
            routes = summary.Routes,
            unassigned = summary.Unassigned.Select(u => new { u.Id, kind = u.Kind, reason = u.Reason, u.Explanation }),
            check = new { valid = check.IsValid, violations = check.Violations.Select(v => v.ToString()) },
            outputs,
        }), () => PrintSummary(title, run, result, summary), outputs);
        return SolveRunner.Finish(environment, stopped, check, solution, "plan");
    }

    private void PrintSummary(string title, MailRun run, SolveResult result, SolutionSummary summary)
    {
        var console = environment.Out;
        console.Write(RouteTable.Build(summary, title));
        console.MarkupLine(RouteTable.Invariant(
            $"{summary.Routes.Length} routes, {summary.ServedTasks} tasks served, cost {summary.TotalCost:0.##}; {run.Volumes.Sum(v => v.DeliveryKg):0} kg to deliver, {run.Volumes.Sum(v => v.PickupKg):0} kg to collect; {Markup.Escape(result.SolverName)} {result.Status.ToString().ToLowerInvariant()} after {result.Elapsed.TotalSeconds:0.0} s"));
        if (!summary.Unassigned.IsEmpty)
        {
            var unassigned = new Table().Border(TableBorder.Simple).Title("Unassigned").AddColumn("task").AddColumn("reason");
            foreach (var task in summary.Unassigned)
            {
                unassigned.AddRow(Markup.Escape(task.Id), Markup.Escape(task.Explanation));
            }

            console.Write(unassigned);
        }
    }

    private static List<string> WriteOutputs(string folder, string title, MailRun run, SolveResult result, SolutionSummary summary, bool stopped)
    {
        var problem = run.Problem;
        var solution = result.Solution;
        string svg = SvgMap.Render(run.Network, problem, solution, new MapOptions { Title = title });
        var notes = new List<string>
        {
            RouteTable.Invariant($"{summary.Routes.Length} routes, {summary.ServedTasks} tasks served, {summary.Unassigned.Length} unassigned; total {summary.TotalDistanceKm:0.0} km, {summary.TotalDurationHours:0.0} h, cost {summary.TotalCost:0.##}. Solver {result.SolverName}, {result.Elapsed.TotalSeconds:0.0} s."),
        };
        if (stopped)
        {
            notes.Add("The search was stopped before its time limit; this is the best plan found until then.");
        }

        var written = new List<string>();
        void Write(string name, string text)
        {
            string path = Path.Combine(folder, name);
            OutputFiles.Write(path, text);
            written.Add(path);
        }

        Write("plan.json", SolutionJson.Write(problem, result));
        Write("plan.geojson", SolutionGeoJson.Write(problem, solution));
        Write("plan.svg", svg);
        Write("plan.html", HtmlReport.Build(title, svg, summary, notes));
        return written;
    }
}
