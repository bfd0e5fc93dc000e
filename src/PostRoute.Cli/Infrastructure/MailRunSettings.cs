using System.Collections.Immutable;
using System.ComponentModel;
using System.Globalization;
using PostRoute.Engine.Network;
using PostRoute.Engine.Planning;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PostRoute.Cli.Infrastructure;

/// <summary>Options of verbs that plan the day's mail run (<c>plan</c>, <c>closure</c>).</summary>
public class MailRunSettings : SolverSettings
{
    [CommandOption("--date <DATE>")]
    [Description("Day to plan, yyyy-MM-dd (default: today).")]
    public string? Date { get; set; }

    [CommandOption("--volumes <FILE>")]
    [Description("Mail volumes per commune, CSV with commune_code,delivery_kg,pickup_kg (default: generated for the date and seed).")]
    public string? VolumesFile { get; set; }

    /// <summary>The parsed date (today when not given).</summary>
    public DateOnly ParsedDate => Date is null
        ? DateOnly.FromDateTime(DateTime.Now)
        : DateOnly.ParseExact(Date, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public override ValidationResult Validate()
    {
        var common = base.Validate();
        if (!common.Successful)
        {
            return common;
        }

        return Date is null || DateOnly.TryParseExact(Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? ValidationResult.Success()
            : ValidationResult.Error($"--date: '{Date}' is not a date in the form yyyy-MM-dd");
    }
}

/// <summary>Builds the day's mail run from <see cref="MailRunSettings"/>, mapping volume-file errors to exit code 3.</summary>
internal static class MailRuns
{
    /// <summary>The mail-run options of <paramref name="settings"/>: date, seed and volumes (read once, reused for every network version).</summary>
    public static MailRunOptions Options(MailRunSettings settings, PostalNetwork network) => new()
    {
        Date = settings.ParsedDate,
        Seed = settings.Seed ?? SolverSettings.DefaultSeed,
        Volumes = settings.VolumesFile is null ? null : ReadVolumes(settings.VolumesFile, network),
    };

    public static MailRun Build(PostalNetwork network, MailRunOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return MailRun.Build(network, options, cancellationToken: cancellationToken);
        }
        catch (VolumeFormatException ex)
        {
            throw new InputException(ex.Message, ex);
        }
    }

    private static ImmutableArray<CommuneVolume> ReadVolumes(string path, PostalNetwork network)
    {
        if (!File.Exists(path))
        {
            throw new InputException($"volumes file '{path}' not found");
        }

        using var reader = new StreamReader(path);
        try
        {
            return MailVolumes.ReadCsv(reader, network, path);
        }
        catch (VolumeFormatException ex)
        {
            throw new InputException(ex.Message, ex);
        }
    }
}
