using System.Collections.Immutable;

namespace PostRoute.Engine.Paths;

/// <summary>
/// Travel times and distances between every source and every target, for one profile and metric on one network
/// version. Each cell describes the path that is best in <see cref="Metric"/>; unreachable cells hold
/// <see cref="double.PositiveInfinity"/> in both quantities. Immutable and thread-safe.
/// </summary>
public sealed class TravelMatrix
{
    private readonly double[] _duration;
    private readonly double[] _distance;

    internal TravelMatrix(ImmutableArray<string> sourceIds, ImmutableArray<string> targetIds, string profile,
        PathMetric metric, Guid networkFingerprint, long networkVersion, double[] durationSeconds, double[] distanceMetres)
    {
        SourceIds = sourceIds;
        TargetIds = targetIds;
        Profile = profile;
        Metric = metric;
        NetworkFingerprint = networkFingerprint;
        NetworkVersion = networkVersion;
        _duration = durationSeconds;
        _distance = distanceMetres;
        UnreachableCount = durationSeconds.Count(double.IsPositiveInfinity);
    }

    /// <summary>Row ids: the source node ids, in the order given.</summary>
    public ImmutableArray<string> SourceIds { get; }

    /// <summary>Column ids: the target node ids, in the order given.</summary>
    public ImmutableArray<string> TargetIds { get; }

    /// <summary>Vehicle profile the matrix was computed for.</summary>
    public string Profile { get; }

    /// <summary>What each cell's path minimises.</summary>
    public PathMetric Metric { get; }

    /// <summary><see cref="Network.PostalNetwork.Fingerprint"/> of the network version the matrix was computed on.</summary>
    public Guid NetworkFingerprint { get; }

    /// <summary><see cref="Network.PostalNetwork.Version"/> of the network the matrix was computed on.</summary>
    public long NetworkVersion { get; }

    /// <summary>Number of cells: sources × targets.</summary>
    public int CellCount => _duration.Length;

    /// <summary>Number of cells whose target cannot be reached from their source.</summary>
    public int UnreachableCount { get; }

    /// <summary>Travel time in seconds from source row <paramref name="source"/> to target column <paramref name="target"/>;
    /// <see cref="double.PositiveInfinity"/> when unreachable.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside the matrix.</exception>
    public double DurationSeconds(int source, int target) => _duration[Cell(source, target)];

    /// <summary>Length in metres from source row <paramref name="source"/> to target column <paramref name="target"/>;
    /// <see cref="double.PositiveInfinity"/> when unreachable.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside the matrix.</exception>
    public double DistanceMetres(int source, int target) => _distance[Cell(source, target)];

    /// <summary>True when target column <paramref name="target"/> can be reached from source row <paramref name="source"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside the matrix.</exception>
    public bool IsReachable(int source, int target) => !double.IsPositiveInfinity(_duration[Cell(source, target)]);

    private int Cell(int source, int target)
    {
        if ((uint)source >= (uint)SourceIds.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(source), source, $"Source index must be in 0..{SourceIds.Length - 1}.");
        }

        if ((uint)target >= (uint)TargetIds.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(target), target, $"Target index must be in 0..{TargetIds.Length - 1}.");
        }

        return source * TargetIds.Length + target;
    }
}
