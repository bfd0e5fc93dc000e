using System.Text.Json;
using PostRoute.Cli.Commands;
using PostRoute.Cli.Infrastructure;
using PostRoute.Engine.Formats;
using PostRoute.Engine.Network;
using PostRoute.Engine.Routing;
using PostRoute.Engine.Routing.Solvers.Search;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PostRoute.Cli;

/// <summary>The <c>postroute</c> command-line application: verbs, help, and the mapping of errors to exit codes.</summary>
public static class CliApp
{
    /// <summary>Builds the Spectre command app writing to <paramref name="environment"/>.</summary>
    public static CommandApp Create(CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("postroute");
            config.ConfigureConsole(environment.Out);
            config.Settings.Registrar.RegisterInstance(environment);
            config.SetHelpProvider(new ExitCodeHelpProvider(config.Settings));
            config.UseStrictParsing(); // an unknown option is an error, not a stray argument
            config.PropagateExceptions(); // mapped to exit codes in RunAsync
            config.CancellationExitCode(ExitCodes.Cancelled);

            config.AddCommand<PlanCommand>("plan")
                .WithDescription("Plan the day's mail run on the Phú Yên network (or --network FILE): summary table, then plan.json, plan.geojson, plan.svg and plan.html in --out.")
                .WithExample("plan")
                .WithExample("plan", "--date", "2025-03-14", "--seed", "7", "--time", "30", "--out", "out/plan")
                .WithExample("plan", "--volumes", "volumes.csv", "--solver", "ortools", "--json");
            config.AddCommand<SolveCommand>("solve")
                .WithDescription("Solve a routing problem file: Solomon / Gehring–Homberger, CVRPLIB, Li & Lim, VROOM JSON or a PostRoute plan request (the body of POST /plans).")
                .WithExample("solve", "C101.txt", "--time", "30")
                .WithExample("solve", "X-n101-k25.vrp", "--out", "out/x101")
                .WithExample("solve", "problem.json", "--solver", "ortools", "--json");
            config.AddCommand<PathCommand>("path")
                .WithDescription("Best path between two nodes of the network: node names, km, minutes.")
                .WithExample("path", "hub-tuy-hoa", "sp-22015", "--profile", "motorbike");
            config.AddCommand<MatrixCommand>("matrix")
                .WithDescription("Travel matrix between nodes (default: every post office).")
                .WithExample("matrix", "--from", "hub-tuy-hoa", "--format", "csv");
            config.AddCommand<CoverageCommand>("coverage")
                .WithDescription("Service coverage: each commune's nearest point by time and by distance, the shares within thresholds, uncovered and unlocated communes; --out writes coverage.svg (communes shaded by minutes) and coverage.json.")
                .WithExample("coverage")
                .WithExample("coverage", "--points", "offices", "--km", "5,10", "--minutes", "15,30", "--out", "out/coverage");
            config.AddCommand<SiteCommand>("site")
                .WithDescription("Where k new service points help most (maximum coverage or p-median, solved with CP-SAT); --out writes site.svg (chosen points highlighted) and site.json.")
                .WithExample("site", "--points", "offices", "-k", "3")
                .WithExample("site", "--points", "offices", "--max-k", "5", "--minutes", "20", "--time", "5")
                .WithExample("site", "--points", "offices", "-k", "4", "--objective", "p-median", "--out", "out/site");
            config.AddCommand<ClosureCommand>("closure")
                .WithAlias("flood")
                .WithDescription("Road closure (flood, works): communes cut off, extra travel minutes, and the day's mail run re-planned on the closed network; --out writes closure.svg, closure.json and replan.json.")
                .WithExample("closure", "--close", "l-031,l-047", "--date", "2025-03-14", "--time", "10")
                .WithExample("flood", "--close-node", "sp-22180", "--plan", "out/plan", "--out", "out/flood");
            config.AddCommand<CriticalRoadsCommand>("critical-roads")
                .WithDescription("Critical roads: links whose closure cuts communes off from their district office or the hub, or adds more than --minutes; --out writes critical-roads.svg (ranked links) and critical-roads.json.")
                .WithExample("critical-roads", "--minutes", "10", "--top", "20")
                .WithExample("critical-roads", "--json");
            config.AddBranch("network", network =>
            {
                network.SetDescription("Network files.");
                network.AddCommand<NetworkExportCommand>("export")
                    .WithDescription("Write the network as JSON, GeoJSON or CSV files (nodes.csv, links.csv, communes.csv).")
                    .WithExample("network", "export", "--format", "csv", "--out", "out/phu-yen");
            });
        });
        return app;
    }

    /// <summary>
    /// Runs the command line <paramref name="args"/>; returns the exit code (<see cref="ExitCodes"/>). Expected
    /// errors are one message on standard error, never a stack trace.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        try
        {
            return await Create(environment).RunAsync(NormaliseArguments(args), cancellationToken);
        }
        catch (Exception ex)
        {
            var (code, message) = Classify(ex);
            environment.WriteError(message);
            if (code == ExitCodes.Usage)
            {
                environment.WriteErrorLine("Run 'postroute --help' or 'postroute <verb> --help' for usage.");
            }

            return code;
        }
    }

    /// <summary>
    /// <c>site --k N</c> as documented in the planning issue: Spectre allows no one-letter long option, so <c>--k</c>
    /// is read as <c>-k</c>.
    /// </summary>
    private static string[] NormaliseArguments(string[] args) =>
        args.Length > 0 && args[0] == "site"
            ? [.. args.Select(a => a == "--k" ? "-k" : a.StartsWith("--k=", StringComparison.Ordinal) ? "-k=" + a[4..] : a)]
            : args;

    private static (int Code, string Message) Classify(Exception ex) => ex switch
    {
        CommandAppException or UsageException => (ExitCodes.Usage, ex.Message),
        UnsupportedProblemException => (ExitCodes.Usage, ex.Message + " Try --solver ortools."),
        InputException or InstanceFormatException or NetworkValidationException or RoutingValidationException or JsonException
            => (ExitCodes.BadInput, ex.Message),
        FileNotFoundException notFound => (ExitCodes.BadInput, $"file not found: {notFound.FileName ?? notFound.Message}"),
        DirectoryNotFoundException or UnauthorizedAccessException or IOException => (ExitCodes.BadInput, ex.Message),
        OperationCanceledException => (ExitCodes.Cancelled, "cancelled"),
        _ => (ExitCodes.Internal, $"internal error ({ex.GetType().Name}): {ex.Message}"),
    };
}
