using System.ComponentModel;
using PostRoute.Cli.Infrastructure;
using PostRoute.Engine.Formats;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PostRoute.Cli.Commands;

/// <summary><c>postroute network export</c>: the network as JSON, GeoJSON or CSV files.</summary>
public sealed class NetworkExportCommand(CliEnvironment environment) : Command<NetworkExportCommand.Settings>
{
    /// <summary>Options of <c>network export</c>.</summary>
    public sealed class Settings : NetworkSettings
    {
        [CommandOption("--format <FORMAT>")]
        [Description("json (PostRoute network format), geojson, or csv (nodes.csv, links.csv, communes.csv in the --out folder).")]
        [DefaultValue("json")]
        public string Format { get; set; } = "json";

        [CommandOption("--out <PATH>")]
        [Description("Output file (json, geojson; default: standard output) or folder (csv; required).")]
        public string? Out { get; set; }

        public override ValidationResult Validate()
        {
            string format = Format.ToLowerInvariant();
            if (format is not ("json" or "geojson" or "csv"))
            {
                return ValidationResult.Error($"--format: unknown format '{Format}'; use json, geojson or csv");
            }

            return format == "csv" && Out is null ? ValidationResult.Error("--out: the csv format needs an output folder") : ValidationResult.Success();
        }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var network = InputFiles.Network(settings.NetworkFile);
        switch (settings.Format.ToLowerInvariant())
        {
            case "csv":
                Directory.CreateDirectory(settings.Out!);
                string[] files = ["nodes.csv", "links.csv", "communes.csv"];
                using (var nodes = new StreamWriter(Path.Combine(settings.Out!, files[0])))
                using (var links = new StreamWriter(Path.Combine(settings.Out!, files[1])))
                using (var communes = new StreamWriter(Path.Combine(settings.Out!, files[2])))
                {
                    NetworkCsv.Write(network, nodes, links, communes);
                }

                foreach (string file in files)
                {
                    environment.WriteLine($"wrote {Path.Combine(settings.Out!, file)}");
                }

                break;
            default:
                string text = settings.Format.Equals("geojson", StringComparison.OrdinalIgnoreCase) ? NetworkGeoJson.Write(network) : NetworkJson.Write(network);
                if (settings.Out is null)
                {
                    environment.WriteRaw(text);
                }
                else
                {
                    OutputFiles.Write(settings.Out, text);
                    environment.WriteLine($"wrote {settings.Out}");
                }

                break;
        }

        return ExitCodes.Success;
    }
}
