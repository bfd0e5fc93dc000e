using System.Globalization;
using PostRoute.Engine.Routing;
using Spectre.Console;

namespace PostRoute.Cli.Infrastructure;

/// <summary>The route table of a <see cref="SolutionSummary"/> for the terminal, and its clock formatting.</summary>
internal static class RouteTable
{
    public static Table Build(SolutionSummary summary, string? title = null)
    {
        var table = new Table().Border(TableBorder.Rounded).ShowFooters();
        if (title is not null)
        {
            table.Title(Markup.Escape(title));
        }

        table.AddColumn(new TableColumn("vehicle").NoWrap().Footer("[bold]total[/]"));
        table.AddColumn(new TableColumn("profile").NoWrap());
        table.AddColumn(new TableColumn("stops").RightAligned().Footer(Invariant($"[bold]{summary.Routes.Sum(r => r.Stops)}[/]")));
        table.AddColumn(new TableColumn("km").RightAligned().Footer(Invariant($"[bold]{summary.TotalDistanceKm:0.0}[/]")));
        table.AddColumn(new TableColumn("hours").RightAligned().Footer(Invariant($"[bold]{summary.TotalDurationHours:0.00}[/]")));
        table.AddColumn(new TableColumn("start–end").NoWrap());
        table.AddColumn(new TableColumn("load %").RightAligned());
        foreach (var route in summary.Routes)
        {
            table.AddRow(
                Markup.Escape(route.VehicleId),
                Markup.Escape(route.Profile),
                Invariant($"{route.Stops}"),
                Invariant($"{route.DistanceKm:0.0}"),
                Invariant($"{route.DurationHours:0.00}"),
                $"{Clock(route.StartSeconds)}–{Clock(route.EndSeconds)}",
                Invariant($"{route.PeakLoadPercent:0}"));
        }

        return table;
    }

    /// <summary>Seconds from the planning origin (midnight) as h:mm; past midnight as +1d h:mm.</summary>
    public static string Clock(double seconds)
    {
        if (!double.IsFinite(seconds))
        {
            return "–";
        }

        long minutes = (long)Math.Round(seconds / 60, MidpointRounding.AwayFromZero);
        long days = minutes / (24 * 60);
        long rest = minutes % (24 * 60);
        string clock = Invariant($"{rest / 60:00}:{rest % 60:00}");
        return days > 0 ? Invariant($"+{days}d {clock}") : clock;
    }

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
