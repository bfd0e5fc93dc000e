namespace PostRoute.Engine.Routing;

/// <summary>
/// How travel time and distance between a problem's locations are obtained for one profile. Register one per
/// profile with <see cref="ProblemBuilder.SetTravel"/>. The options are <see cref="MatrixTravel"/> (explicit
/// matrices), <see cref="CoordinateTravel"/> (Euclidean or great-circle from coordinates, at a speed) and
/// <see cref="NetworkTravel"/> (shortest paths in a postal network). The table is computed once, when the problem is built.
/// </summary>
public abstract class TravelCostProvider
{
    private protected TravelCostProvider()
    {
    }

    /// <summary>Adds to <paramref name="errors"/> every reason why a table cannot be built for <paramref name="locations"/>.</summary>
    internal abstract void Validate(IReadOnlyList<Location> locations, string path, List<RoutingValidationError> errors);

    /// <summary>Computes the table; called only after <see cref="Validate"/> found no error.</summary>
    internal abstract TravelTable Materialize(string profile, IReadOnlyList<Location> locations, CancellationToken cancellationToken);
}

/// <summary>
/// Travel from explicit matrices indexed by location index: <c>[from, to]</c>. Entries must be ≥ 0 or
/// <see cref="double.PositiveInfinity"/> (unreachable). The matrices are copied. Immutable.
/// </summary>
public sealed class MatrixTravel : TravelCostProvider
{
    private readonly double[,] _duration;
    private readonly double[,] _distance;

    /// <summary>Creates the provider from a duration matrix (seconds) and a distance matrix (metres) of equal size.</summary>
    public MatrixTravel(double[,] durationSeconds, double[,] distanceMetres)
    {
        ArgumentNullException.ThrowIfNull(durationSeconds);
        ArgumentNullException.ThrowIfNull(distanceMetres);
        _duration = (double[,])durationSeconds.Clone();
        _distance = (double[,])distanceMetres.Clone();
    }

    /// <summary>
    /// A provider whose durations and distances are both <paramref name="values"/> (time = distance, as in the Solomon
    /// and CVRPLIB conventions, where one unit of distance takes one unit of time).
    /// </summary>
    public static MatrixTravel FromSingleMatrix(double[,] values) => new(values, values);

    internal override void Validate(IReadOnlyList<Location> locations, string path, List<RoutingValidationError> errors)
    {
        int n = locations.Count;
        Check(_duration, "durationSeconds");
        Check(_distance, "distanceMetres");

        void Check(double[,] m, string name)
        {
            if (m.GetLength(0) != n || m.GetLength(1) != n)
            {
                errors.Add(new($"{path}.{name}", $"is {m.GetLength(0)}×{m.GetLength(1)} but the problem has {n} locations"));
                return;
            }

            int bad = 0;
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    double v = m[i, j];
                    if (double.IsNaN(v) || v < 0 || double.IsNegativeInfinity(v))
                    {
                        if (bad++ < 10)
                        {
                            errors.Add(new($"{path}.{name}[{i},{j}]", $"must be ≥ 0 or +∞ (unreachable), got {v}"));
                        }
                    }
                }
            }

            if (bad > 10)
            {
                errors.Add(new($"{path}.{name}", $"{bad - 10} more invalid entries"));
            }
        }
    }

    internal override TravelTable Materialize(string profile, IReadOnlyList<Location> locations, CancellationToken cancellationToken)
    {
        int n = locations.Count;
        var duration = new double[n * n];
        var distance = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                duration[(i * n) + j] = _duration[i, j];
                distance[(i * n) + j] = _distance[i, j];
            }
        }

        return new TravelTable(profile, n, duration, distance);
    }
}

/// <summary>
/// Travel computed from coordinates at a constant speed: straight-line distance in the plane
/// (<see cref="Euclidean"/>, from <see cref="Location.X"/>/<see cref="Location.Y"/>) or great-circle distance on the
/// Earth (<see cref="GreatCircle"/>, from <see cref="Location.Geo"/>). Immutable.
/// </summary>
public sealed class CoordinateTravel : TravelCostProvider
{
    private CoordinateTravel(bool planar, double metresPerUnit, double speed, double detourFactor)
    {
        IsPlanar = planar;
        MetresPerUnit = metresPerUnit;
        SpeedMetresPerSecond = speed;
        DetourFactor = detourFactor;
    }

    /// <summary>True for planar Euclidean distance, false for great-circle distance.</summary>
    public bool IsPlanar { get; }

    /// <summary>Metres per coordinate unit (planar only).</summary>
    public double MetresPerUnit { get; }

    /// <summary>Constant speed in metres per second: duration = distance / speed.</summary>
    public double SpeedMetresPerSecond { get; }

    /// <summary>Factor applied to the great-circle distance to approximate road distance (≥ 1; planar: 1).</summary>
    public double DetourFactor { get; }

    /// <summary>
    /// Planar distance = √(Δx² + Δy²) × <paramref name="metresPerUnit"/>, unrounded; duration = distance /
    /// <paramref name="speedMetresPerSecond"/>. With the defaults one coordinate unit is one metre and takes one second,
    /// which is the Solomon convention (time = distance).
    /// </summary>
    public static CoordinateTravel Euclidean(double metresPerUnit = 1, double speedMetresPerSecond = 1)
    {
        if (!double.IsFinite(metresPerUnit) || metresPerUnit <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(metresPerUnit), metresPerUnit, "must be a finite number > 0");
        }

        CheckSpeed(speedMetresPerSecond);
        return new CoordinateTravel(true, metresPerUnit, speedMetresPerSecond, 1);
    }

    /// <summary>
    /// Distance = haversine distance × <paramref name="detourFactor"/>, metres; duration = distance /
    /// <paramref name="speedMetresPerSecond"/>.
    /// </summary>
    public static CoordinateTravel GreatCircle(double speedMetresPerSecond, double detourFactor = 1)
    {
        CheckSpeed(speedMetresPerSecond);
        if (!double.IsFinite(detourFactor) || detourFactor < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(detourFactor), detourFactor, "must be a finite number ≥ 1");
        }

        return new CoordinateTravel(false, 1, speedMetresPerSecond, detourFactor);
    }

    private static void CheckSpeed(double speed)
    {
        if (!double.IsFinite(speed) || speed <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "speed must be a finite number > 0");
        }
    }

    internal override void Validate(IReadOnlyList<Location> locations, string path, List<RoutingValidationError> errors)
    {
        for (int i = 0; i < locations.Count; i++)
        {
            var location = locations[i];
            if (IsPlanar)
            {
                if (location.X is not { } x || location.Y is not { } y)
                {
                    errors.Add(new($"locations[{i}]", $"needs X and Y coordinates for Euclidean travel ({path})"));
                }
                else if (!double.IsFinite(x) || !double.IsFinite(y))
                {
                    errors.Add(new($"locations[{i}]", "coordinates must be finite"));
                }
            }
            else if (location.Geo is not { } geo)
            {
                errors.Add(new($"locations[{i}]", $"needs a geographic position for great-circle travel ({path})"));
            }
            else if (!geo.IsValid)
            {
                errors.Add(new($"locations[{i}].geo", $"{geo} is out of range"));
            }
        }
    }

    internal override TravelTable Materialize(string profile, IReadOnlyList<Location> locations, CancellationToken cancellationToken)
    {
        int n = locations.Count;
        var distance = new double[n * n];
        var duration = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (int j = 0; j < n; j++)
            {
                double d;
                if (IsPlanar)
                {
                    double dx = locations[i].X!.Value - locations[j].X!.Value;
                    double dy = locations[i].Y!.Value - locations[j].Y!.Value;
                    d = Math.Sqrt((dx * dx) + (dy * dy)) * MetresPerUnit;
                }
                else
                {
                    d = locations[i].Geo!.Value.DistanceTo(locations[j].Geo!.Value) * DetourFactor;
                }

                distance[(i * n) + j] = d;
                duration[(i * n) + j] = d / SpeedMetresPerSecond;
            }
        }

        // Straight-line and great-circle distances satisfy the triangle inequality, and so do durations at one speed.
        return new TravelTable(profile, n, duration, distance, durationIsMetric: true, distanceIsMetric: true);
    }
}
