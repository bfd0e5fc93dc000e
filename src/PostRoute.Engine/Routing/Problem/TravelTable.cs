namespace PostRoute.Engine.Routing;

/// <summary>
/// Travel durations (seconds) and distances (metres) between every ordered pair of a problem's locations, for one
/// profile, indexed by location index. An unreachable pair has +∞ in both. Immutable and thread-safe.
/// </summary>
public sealed class TravelTable
{
    private readonly double[] _duration;
    private readonly double[] _distance;

    internal TravelTable(string profile, int size, double[] durationSeconds, double[] distanceMetres, bool durationIsMetric = false, bool distanceIsMetric = false)
    {
        Profile = profile;
        DurationIsMetric = durationIsMetric;
        DistanceIsMetric = distanceIsMetric;
        Size = size;
        _duration = durationSeconds;
        _distance = distanceMetres;
        for (int i = 0; i < _duration.Length; i++)
        {
            // A pair is unreachable when either measure says so; keep both infinite so callers need test only one.
            if (double.IsPositiveInfinity(_duration[i]) || double.IsPositiveInfinity(_distance[i]))
            {
                _duration[i] = _distance[i] = double.PositiveInfinity;
                UnreachableCount++;
            }
        }
    }

    /// <summary>
    /// True when the provider guarantees that durations satisfy the triangle inequality (a direct entry is never
    /// longer than a detour), so a direct entry is the shortest travel time and a direct +∞ proves unreachability.
    /// </summary>
    internal bool DurationIsMetric { get; }

    /// <summary>Like <see cref="DurationIsMetric"/>, for distances.</summary>
    internal bool DistanceIsMetric { get; }

    /// <summary>The profile this table is for.</summary>
    public string Profile { get; }

    /// <summary>Number of locations (the table is <see cref="Size"/> × <see cref="Size"/>).</summary>
    public int Size { get; }

    /// <summary>Number of ordered pairs that are unreachable.</summary>
    public int UnreachableCount { get; }

    /// <summary>Travel time from location <paramref name="from"/> to <paramref name="to"/>, seconds; +∞ when unreachable.</summary>
    public double DurationSeconds(int from, int to) => _duration[(from * Size) + to];

    /// <summary>Travel distance from location <paramref name="from"/> to <paramref name="to"/>, metres; +∞ when unreachable.</summary>
    public double DistanceMetres(int from, int to) => _distance[(from * Size) + to];

    /// <summary>True when <paramref name="to"/> can be reached from <paramref name="from"/>.</summary>
    public bool IsReachable(int from, int to) => !double.IsPositiveInfinity(_duration[(from * Size) + to]);
}
