using System.Net;
using System.Text;
using PostRoute.Engine.Routing;

namespace PostRoute.Cli.Infrastructure;

/// <summary>
/// A self-contained HTML page: the inline SVG map and the route table, with its style inline; no external files,
/// fonts or scripts, so it can be mailed or opened offline.
/// </summary>
internal static class HtmlReport
{
    public static string Build(string title, string svg, SolutionSummary summary, IEnumerable<string> notes)
    {
        static string E(string text) => WebUtility.HtmlEncode(text);
        var html = new StringBuilder();
        html.Append($"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{E(title)}</title>
            <style>
            body {"{"} font-family: system-ui, sans-serif; margin: 1.5rem; color: #222; {"}"}
            h1 {"{"} font-size: 1.4rem; {"}"}
            .map svg {"{"} max-width: 100%; height: auto; border: 1px solid #ddd; {"}"}
            table {"{"} border-collapse: collapse; margin: 1rem 0; {"}"}
            th, td {"{"} border: 1px solid #ccc; padding: 0.25rem 0.6rem; {"}"}
            td.n, th.n {"{"} text-align: right; {"}"}
            tfoot td {"{"} font-weight: bold; {"}"}
            </style>
            </head>
            <body>
            <h1>{E(title)}</h1>

            """);
        foreach (string note in notes)
        {
            html.Append($"<p>{E(note)}</p>\n");
        }

        html.Append("<div class=\"map\">\n").Append(svg).Append("\n</div>\n");
        html.Append("""
            <table class="routes">
            <thead><tr><th>vehicle</th><th>profile</th><th class="n">stops</th><th class="n">km</th><th class="n">hours</th><th>start–end</th><th class="n">load %</th><th class="n">cost</th></tr></thead>
            <tbody>

            """);
        foreach (var r in summary.Routes)
        {
            html.Append(RouteTable.Invariant(
                $"<tr><td>{E(r.VehicleId)}</td><td>{E(r.Profile)}</td><td class=\"n\">{r.Stops}</td><td class=\"n\">{r.DistanceKm:0.0}</td><td class=\"n\">{r.DurationHours:0.00}</td><td>{RouteTable.Clock(r.StartSeconds)}–{RouteTable.Clock(r.EndSeconds)}</td><td class=\"n\">{r.PeakLoadPercent:0}</td><td class=\"n\">{r.Cost:0.##}</td></tr>\n"));
        }

        html.Append("</tbody>\n");
        html.Append(RouteTable.Invariant(
            $"<tfoot><tr><td>total</td><td></td><td class=\"n\">{summary.Routes.Sum(r => r.Stops)}</td><td class=\"n\">{summary.TotalDistanceKm:0.0}</td><td class=\"n\">{summary.TotalDurationHours:0.00}</td><td></td><td></td><td class=\"n\">{summary.TotalCost:0.##}</td></tr></tfoot>\n"));
        html.Append("</table>\n");
        if (!summary.Unassigned.IsEmpty)
        {
            html.Append("<h2>Unassigned</h2>\n<table class=\"unassigned\">\n<thead><tr><th>task</th><th>reason</th></tr></thead>\n<tbody>\n");
            foreach (var task in summary.Unassigned)
            {
                html.Append($"<tr><td>{E(task.Id)}</td><td>{E(task.Explanation)}</td></tr>\n");
            }

            html.Append("</tbody>\n</table>\n");
        }

        html.Append("</body>\n</html>\n");
        return html.ToString();
    }
}
