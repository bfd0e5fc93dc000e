using System.Collections.Immutable;
using System.ComponentModel;
using System.Globalization;
using PostRoute.Cli.Infrastructure;
using PostRoute.Engine.Formats;
using PostRoute.Engine.Formats.Vroom;
using PostRoute.Engine.Maps;
using PostRoute.Engine.Routing;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PostRoute.Cli.Commands;

/// <summary><c>postroute solve FILE</c>: solves a benchmark, VROOM or plan-request file.</summary>
public sealed class SolveCommand(CliEnvironment environment) : AsyncCommand<SolveCommand.Settings>
{
    /// <summary>Arguments and options of <c>solve</c>.</summary>
    public sealed class Settings : SolverSettings
    {
        [CommandArgument(0, "<FILE>")]
        [Description("The problem file.")]
        public string File { get; set; } = "";

        [CommandOption("--format <FORMAT>")]
        [Description("solomon (also Gehring–Homberger), cvrplib, lilim, vroom or json (a plan request); default: detected from the content.")]
        public string? Format { get; set; }

        [CommandOption("--objective <OBJECTIVE>")]
        [Description("cost (minimise total cost) or vehicles-first (fewest routes, then cost); benchmark and plan-request files.")]
        public string? Objective { get; set; }

        /// <summary>The parsed objective, null when not given.</summary>
        public Objective? ParsedObjective => Objective?.ToLowerInvariant() switch
        {
            null => null,
            "cost" or "minimizecost" => Engine.Routing.Objective.MinimizeCost,
            _ => Engine.Routing.Objective.MinimizeVehiclesFirst,
        };

        public override ValidationResult Validate()
        {
            var common = base.Validate();
            if (!common.Successful)
            {
                return common;
            }

            if (Objective is not null && Objective.ToLowerInvariant() is not ("cost" or "minimizecost" or "vehicles-first" or "minimizevehiclesfirst"))
            {
                return ValidationResult.Error($"--objective: unknown objective '{Objective}'; use cost or vehicles-first");
            }

            try
            {
                ProblemFiles.ParseFormat(Format);
            }
            catch (UsageException ex)
            {
                return ValidationResult.Error(ex.Message);
            }

            return ValidationResult.Success();
        }
    }

    /// <inheritdoc />
    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var loaded = ProblemFiles.Load(settings.File, ProblemFiles.ParseFormat(settings.Format), settings.ParsedObjective, settings.NetworkFile);
        var problem = loaded.Problem;
        var request = loaded.Request;
        var solver = Solvers.Create(settings.Solver ?? request?.Solver ?? SolverSettings.DefaultSolver);
        var options = settings.SolveOptions(request?.TimeLimitSeconds, request?.Seed, StoppingCriteria(request?.StopWhen));
        var result = await SolveRunner.RunAsync(environment, solver, problem, options, settings.ShowProgress, cancellationToken);
        var solution = result.Solution;
        bool stopped = result.Status == SolveStatus.Cancelled;
        if (stopped && solution.Routes.IsEmpty && (problem.Jobs.Length + problem.Shipments.Length) > 0)
        {
            environment.WriteError("stopped by Ctrl+C before any solution was found; nothing written");
            return ExitCodes.Cancelled;
        }

        var check = SolutionChecker.Check(problem, solution);
        var (distance, bestKnown) = Compare(loaded, solution);
        double? gap = bestKnown is { Distance: > 0 } ? (distance - bestKnown.Distance) / bestKnown.Distance * 100 : null;
        var outputs = WriteOutputs(settings.OutDirectory, loaded, result);

        ReportOutput.Write(environment, settings, () => Json.Serialize(new
        {
            file = settings.File,
            format = loaded.Format,
            problem = problem.Name,
            solver = result.SolverName,
            status = result.Status,
            stoppedByUser = stopped,
            elapsedSeconds = result.Elapsed.TotalSeconds,
            cost = solution.Cost.Total,
            vehiclesUsed = solution.VehiclesUsed,
            distance,
            unservedMandatory = solution.UnservedMandatoryCount,
            bestKnown,
            gapPercent = gap,
            check = new { valid = check.IsValid, violations = check.Violations.Select(v => v.ToString()) },
            outputs,
            result = SolutionJson.ToResult(problem, result),
        }), () => PrintSummary(loaded, result, distance, bestKnown, gap, check), outputs);
        return SolveRunner.Finish(environment, stopped, check, solution, "solution");
    }

    private void PrintSummary(LoadedProblem loaded, SolveResult result, double distance, BestKnownValue? bestKnown, double? gap, CheckResult check)
    {
        var solution = result.Solution;
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        void Row(string name, string value) => grid.AddRow($"[grey]{name}[/]", value);
        Row("problem", Markup.Escape($"{loaded.Problem.Name} ({FormatName(loaded.Format)}, {loaded.Problem.Jobs.Length} jobs, {loaded.Problem.Shipments.Length} shipments, {loaded.Problem.Vehicles.Length} vehicles)"));
        Row("solver", Markup.Escape($"{result.SolverName}, {result.Status.ToString().ToLowerInvariant()} after {result.Elapsed.TotalSeconds:0.0} s (best at {result.TimeToBest.TotalSeconds:0.0} s, {(result.Improvements.IsDefault ? 0 : result.Improvements.Length)} improvements)"));
        Row("cost", Invariant($"[bold]{solution.Cost.Total:0.###}[/]"));
        Row("vehicles", Invariant($"{solution.VehiclesUsed}"));
        Row("distance", loaded.Instance is null ? Invariant($"{solution.DistanceMetres / 1000:0.###} km") : Invariant($"{distance:0.###}"));
        Row("unserved", solution.UnservedMandatoryCount > 0 ? Invariant($"[red]{solution.UnservedMandatoryCount} mandatory[/]") : "none mandatory"
            + (solution.Unassigned.Length > 0 ? Invariant($" ({solution.Unassigned.Length} optional left out)") : ""));
        if (bestKnown is not null)
        {
            string vehicles = bestKnown.Vehicles is { } v ? Invariant($", {v} vehicles") : "";
            Row("best known", Markup.Escape(Invariant($"{bestKnown.Distance:0.###}{vehicles} ({bestKnown.Source})")));
            Row("gap", Invariant($"{gap:+0.00;-0.00;0.00} %"));
        }

        Row("check", check.IsValid ? "[green]valid[/] (SolutionChecker)" : Markup.Escape($"{check.Violations.Length} violations"));
        environment.Out.Write(grid);
        foreach (var task in solution.Unassigned.Take(20))
        {
            environment.Out.MarkupLine(Markup.Escape($"  unserved {task.Id}: {task.Explanation}"));
        }

        if (solution.Unassigned.Length > 20)
        {
            environment.Out.MarkupLine(Invariant($"  … and {solution.Unassigned.Length - 20} more"));
        }
    }

    /// <summary>The solution's distance under the file's convention and the best-known value beside the file, if any.</summary>
    private (double Distance, BestKnownValue? BestKnown) Compare(LoadedProblem loaded, RoutingSolution solution)
    {
        if (loaded.Instance is not { } instance)
        {
            return (solution.DistanceMetres, null);
        }

        double distance = instance is CvrpInstance cvrp ? cvrp.ToCvrpSolution(loaded.Problem, solution).Cost ?? solution.DistanceMetres : solution.DistanceMetres;
        string folder = Path.GetDirectoryName(Path.GetFullPath(loaded.Path))!;
        try
        {
            string bks = Path.Combine(folder, "bks.csv");
            if (File.Exists(bks) && BestKnown.Read(bks).TryGet(instance.Name, out var value))
            {
                return (distance, value);
            }

            string sol = Path.ChangeExtension(loaded.Path, ".sol");
            if (File.Exists(sol) && CvrpSolutionFormat.Read(sol) is { Cost: { } cost } known)
            {
                return (distance, new BestKnownValue(instance.Name, known.Routes.Length, cost, Path.GetFileName(sol)));
            }
        }
        catch (InstanceFormatException ex)
        {
            environment.WriteWarning($"best-known value ignored: {ex.Message}");
        }

        return (distance, null);
    }

    private static List<string> WriteOutputs(string? folder, LoadedProblem loaded, SolveResult result)
    {
        var written = new List<string>();
        if (folder is null)
        {
            return written;
        }

        string stem = Path.GetFileNameWithoutExtension(loaded.Path);
        void Write(string name, string text)
        {
            string path = Path.Combine(folder, name);
            OutputFiles.Write(path, text);
            written.Add(path);
        }

        Write($"{stem}.solution.json", SolutionJson.Write(loaded.Problem, result));
        if (loaded.Instance is CvrpInstance cvrp)
        {
            Write($"{stem}.sol", CvrpSolutionFormat.ToText(cvrp.ToCvrpSolution(loaded.Problem, result.Solution)));
        }

        if (loaded.Vroom is { } vroom)
        {
            Write($"{stem}.vroom-solution.json", VroomJson.WriteSolution(vroom, result));
        }

        bool geographic = loaded.NetworkTravel is { Count: > 0 } || loaded.Problem.Locations.Any(l => l.Geo is not null);
        if (geographic)
        {
            Write($"{stem}.geojson", SolutionGeoJson.Write(loaded.Problem, result.Solution, loaded.NetworkTravel));
        }

        var map = new MapOptions { Title = $"{loaded.Problem.Name}: {result.SolverName}, cost {result.Solution.Cost.Total.ToString("0.##", CultureInfo.InvariantCulture)}" };
        if (loaded.Network is { } network)
        {
            Write($"{stem}.svg", SvgMap.Render(network, loaded.Problem, result.Solution, map));
        }
        else if (geographic || loaded.Problem.Locations.All(l => l.X is not null && l.Y is not null))
        {
            Write($"{stem}.svg", SvgMap.Render(loaded.Problem, result.Solution, map));
        }

        return written;
    }

    private static ImmutableArray<StoppingCriterion> StoppingCriteria(StopWhenRequest? stopWhen)
    {
        if (stopWhen is null)
        {
            return [];
        }

        var criteria = ImmutableArray.CreateBuilder<StoppingCriterion>();
        if (stopWhen.NoImprovementSeconds is { } seconds && double.IsFinite(seconds) && seconds > 0)
        {
            criteria.Add(new NoImprovementFor(TimeSpan.FromSeconds(seconds)));
        }

        if (stopWhen.MaxSolutions is { } count && count >= 1)
        {
            criteria.Add(new MaxSolutions(count));
        }

        if (stopWhen.TargetCost is { } cost && double.IsFinite(cost))
        {
            criteria.Add(new TargetCost(cost));
        }

        return criteria.ToImmutable();
    }

    private static string FormatName(ProblemFormat format) => format switch
    {
        ProblemFormat.Solomon => "Solomon / Gehring–Homberger",
        ProblemFormat.Cvrplib => "CVRPLIB",
        ProblemFormat.LiLim => "Li & Lim",
        ProblemFormat.Vroom => "VROOM",
        _ => "plan request",
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
