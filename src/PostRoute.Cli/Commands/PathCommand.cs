using System.ComponentModel;
using System.Globalization;
using PostRoute.Cli.Infrastructure;
using PostRoute.Engine.Network;
using PostRoute.Engine.Paths;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PostRoute.Cli.Commands;

/// <summary><c>postroute path FROM TO</c>: the best path between two nodes.</summary>
public sealed class PathCommand(CliEnvironment environment) : Command<PathCommand.Settings>
{
    /// <summary>Arguments and options of <c>path</c>.</summary>
    public sealed class Settings : PathSettings
    {
        [CommandArgument(0, "<FROM>")]
        [Description("Id of the start node, e.g. hub-tuy-hoa.")]
        public string From { get; set; } = "";

        [CommandArgument(1, "<TO>")]
        [Description("Id of the end node, e.g. sp-22015.")]
        public string To { get; set; } = "";

        [CommandOption("--json")]
        [Description("Print the path as one JSON document.")]
        public bool Json { get; set; }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var network = InputFiles.Network(settings.NetworkFile);
        NetworkChecks.Profile(network, settings.Profile);
        NetworkChecks.Node(network, settings.From, "FROM");
        NetworkChecks.Node(network, settings.To, "TO");
        var path = ShortestPaths.Find(network, settings.From, settings.To, settings.Profile, settings.PathMetric);
        if (settings.Json)
        {
            environment.WriteRaw(Json.Serialize(new
            {
                path.Found,
                path.From,
                path.To,
                path.Profile,
                metric = settings.PathMetric,
                nodes = path.NodeIds.Select(id => new { id, name = network.FindNode(id)!.Name }),
                links = path.LinkIds,
                distanceKm = Json.Finite(path.DistanceMetres / 1000),
                durationMinutes = Json.Finite(path.DurationSeconds / 60),
            }));
            return path.Found ? ExitCodes.Success : ExitCodes.UnservedStops;
        }

        if (!path.Found)
        {
            environment.WriteError($"no path from '{settings.From}' to '{settings.To}' for profile '{settings.Profile}' (closed or missing roads)");
            return ExitCodes.UnservedStops;
        }

        var console = environment.Out;
        var names = path.NodeIds.Select(id => Markup.Escape(network.FindNode(id)!.Name));
        console.MarkupLine(string.Join(" [grey]→[/] ", names));
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"[bold]{path.DistanceMetres / 1000:0.0} km[/], [bold]{path.DurationSeconds / 60:0} min[/] by {Markup.Escape(path.Profile)} ({path.LinkIds.Length} links, {settings.PathMetric.ToString().ToLowerInvariant()}-optimal)"));
        return ExitCodes.Success;
    }
}
