namespace PostRoute.Engine.Formats;

/// <summary>The benchmark file formats the readers understand.</summary>
public enum BenchmarkFormat
{
    /// <summary>Solomon / Gehring–Homberger VRPTW text format, read by <see cref="SolomonReader"/>.</summary>
    Solomon,

    /// <summary>Li &amp; Lim PDPTW text format, read by <see cref="LiLimReader"/>.</summary>
    LiLim,

    /// <summary>TSPLIB / CVRPLIB <c>.vrp</c> format (including the HGS-CVRP CMT variant), read by <see cref="CvrplibReader"/>.</summary>
    Cvrplib,
}

/// <summary>
/// An instance of a published benchmark set, exactly as its file gives it. Concrete types:
/// <see cref="VrptwInstance"/>, <see cref="PdptwInstance"/> and <see cref="CvrpInstance"/>. Immutable and thread-safe.
/// </summary>
public abstract record BenchmarkInstance
{
    /// <summary>Instance name: the file's NAME or first line, or the file name without extension when the format has none.</summary>
    public required string Name { get; init; }

    /// <summary>How the instance's arcs are costed; each reader documents its set's default.</summary>
    public DistanceRounding Rounding { get; init; }

    /// <summary>The format the instance was read from.</summary>
    public abstract BenchmarkFormat Format { get; }

    /// <summary>Number of customers (nodes other than the depot or depots).</summary>
    public abstract int CustomerCount { get; }
}
