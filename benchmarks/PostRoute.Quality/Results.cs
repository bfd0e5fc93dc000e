using System.Globalization;
using System.Text;

namespace PostRoute.Quality;

/// <summary>The outcome of one solver on one instance.</summary>
internal sealed record ResultRow(
    string Instance,
    string Class,
    int Customers,
    string Solver,
    int Vehicles,
    double Cost,
    int? BksVehicles,
    double? BksCost,
    double TimeToBestSeconds,
    double TotalTimeSeconds,
    string Checker,
    string Status,
    int Unserved,
    int Fleet)
{
    /// <summary>100 · (cost − best-known) / best-known, or null without a best-known value.</summary>
    public double? GapPercent => BksCost is { } bks && bks != 0 ? NoNegativeZero(100 * (Cost - bks) / bks) : null;

    // A cost equal to a best-known value rounded to fewer decimals gives a gap like -1e-6 %, printed "-0"; show 0.
    private static double NoNegativeZero(double gap) => Math.Abs(gap) < 5e-7 ? 0 : gap;

    /// <summary>True when the checker passed and every task was served: only such rows count in gap statistics.</summary>
    public bool IsValid => Checker == "ok" && Unserved == 0 && Status != "Cancelled";
}

/// <summary>Writes result rows as CSV (invariant culture, RFC 4180 quoting where needed).</summary>
internal static class ResultCsv
{
    public const string Header =
        "instance,class,customers,solver,vehicles,cost,bks_vehicles,bks_cost,gap_pct,time_to_best_s,total_time_s,checker,status,unserved,fleet";

    public static string Format(ResultRow row) => string.Join(',',
        Quote(row.Instance), Quote(row.Class), Number(row.Customers), Quote(row.Solver), Number(row.Vehicles),
        Number(row.Cost, "0.####"), row.BksVehicles is { } v ? Number(v) : "", row.BksCost is { } c ? Number(c, "0.####") : "",
        row.GapPercent is { } gap ? Number(gap, "0.###") : "", Number(row.TimeToBestSeconds, "0.###"), Number(row.TotalTimeSeconds, "0.###"),
        Quote(row.Checker), Quote(row.Status), Number(row.Unserved), Number(row.Fleet));

    public static void Write(string path, IEnumerable<ResultRow> rows)
    {
        var text = new StringBuilder().Append(Header).Append('\n');
        foreach (var row in rows)
        {
            text.Append(Format(row)).Append('\n');
        }

        File.WriteAllText(path, text.ToString(), new UTF8Encoding(false));
    }

    private static string Number(double value, string format = "0") => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

/// <summary>Per solver and instance class: mean / median / max gap to the best-known values, and vehicle counts.</summary>
internal static class Summary
{
    public static void Print(TextWriter output, IReadOnlyList<ResultRow> rows)
    {
        output.WriteLine();
        output.WriteLine("solver   class            n  valid  with_bks  mean_gap%  median_gap%  max_gap%  vehicles  bks_vehicles  mean_total_s");
        foreach (var solverRows in rows.GroupBy(r => r.Solver))
        {
            foreach (var group in solverRows.GroupBy(r => r.Class).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                Line(output, solverRows.Key, group.Key, [.. group]);
            }

            Line(output, solverRows.Key, "all", [.. solverRows]);
        }

        output.WriteLine();
        output.WriteLine("Gaps count only valid solutions (checker ok, every task served) that have a best-known value;");
        output.WriteLine("vehicles / bks_vehicles are summed over valid rows whose best-known value gives a vehicle count.");
    }

    private static void Line(TextWriter output, string solver, string name, List<ResultRow> rows)
    {
        var valid = rows.Where(r => r.IsValid).ToList();
        var gaps = valid.Where(r => r.GapPercent is not null).Select(r => r.GapPercent!.Value).Order().ToList();
        var withVehicles = valid.Where(r => r.BksVehicles is not null).ToList();
        string Stat(Func<List<double>, double> f) => gaps.Count == 0 ? "-" : f(gaps).ToString("0.000", CultureInfo.InvariantCulture);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{solver,-8} {name,-14} {rows.Count,3} {valid.Count,6} {gaps.Count,9} {Stat(g => g.Average()),10} {Stat(Median),12} {Stat(g => g[^1]),9} " +
            $"{(withVehicles.Count == 0 ? "-" : withVehicles.Sum(r => r.Vehicles).ToString(CultureInfo.InvariantCulture)),9} " +
            $"{(withVehicles.Count == 0 ? "-" : withVehicles.Sum(r => r.BksVehicles!.Value).ToString(CultureInfo.InvariantCulture)),13} " +
            $"{rows.Average(r => r.TotalTimeSeconds),13:0.00}"));
    }

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
