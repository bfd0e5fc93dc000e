namespace PostRoute.Engine.Formats;

/// <summary>
/// How a benchmark set turns the Euclidean distance of an arc (or an explicit weight) into the arc's cost and
/// travel time. Each set has its own convention (see the instance readers); mixing them makes costs incomparable
/// with published best-known values.
/// </summary>
public enum DistanceRounding
{
    /// <summary>
    /// Double-precision Euclidean distance, not rounded (Solomon, Gehring–Homberger, Li &amp; Lim, CMT and Golden
    /// in the HGS-CVRP files). Explicit weights are used as written.
    /// </summary>
    None,

    /// <summary>
    /// Rounded to the nearest integer on each arc, <c>floor(d + 0.5)</c> (TSPLIB <c>nint</c>, the EUC_2D rule of
    /// CVRPLIB A, B, P and X). Totals are integers.
    /// </summary>
    NearestInteger,

    /// <summary>
    /// Truncated to one decimal on each arc, <c>floor(10·d) / 10</c>, as in the exact-method VRPTW papers and the
    /// DIMACS 2021 challenge. Their optima are not comparable with the unrounded SINTEF values.
    /// </summary>
    TruncateOneDecimal,
}

/// <summary>A point of a benchmark instance's plane, in the file's (unitless) coordinates.</summary>
/// <param name="X">X coordinate as written in the file.</param>
/// <param name="Y">Y coordinate as written in the file.</param>
public readonly record struct PlanarPoint(double X, double Y)
{
    /// <summary>
    /// Euclidean distance to <paramref name="other"/>, computed in double precision as
    /// <c>sqrt(dx² + dy²)</c> and then rounded per <paramref name="rounding"/>.
    /// </summary>
    public double DistanceTo(PlanarPoint other, DistanceRounding rounding = DistanceRounding.None)
    {
        double dx = X - other.X;
        double dy = Y - other.Y;
        return BenchmarkDistances.Round(Math.Sqrt(dx * dx + dy * dy), rounding);
    }
}

/// <summary>Applies a <see cref="DistanceRounding"/> rule to a distance.</summary>
public static class BenchmarkDistances
{
    /// <summary>
    /// Rounds one arc's distance per <paramref name="rounding"/>: unchanged, <c>floor(d + 0.5)</c>, or
    /// <c>floor(10·d) / 10</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Unknown rounding value.</exception>
    public static double Round(double distance, DistanceRounding rounding) => rounding switch
    {
        DistanceRounding.None => distance,
        DistanceRounding.NearestInteger => Math.Floor(distance + 0.5),
        DistanceRounding.TruncateOneDecimal => Math.Floor(distance * 10) / 10,
        _ => throw new ArgumentOutOfRangeException(nameof(rounding), rounding, "Unknown distance rounding."),
    };
}
