namespace PostRoute.Engine.Routing;

/// <summary>
/// A closed interval of time, in seconds from the planning origin (for example midnight of the planning day).
/// For a job or shipment stop it bounds the start of service; for a break it bounds the start of the break; for a
/// vehicle it is the shift: the vehicle may not leave its start before <see cref="Start"/> nor finish its route
/// after <see cref="End"/>. Immutable and thread-safe.
/// </summary>
/// <param name="Start">Earliest time, seconds; finite and ≥ 0 in a problem.</param>
/// <param name="End">Latest time, seconds; ≥ <paramref name="Start"/>; <see cref="double.PositiveInfinity"/> for no upper bound.</param>
public readonly record struct TimeWindow(double Start, double End)
{
    /// <summary>The window [0, +∞): any time from the origin on.</summary>
    public static TimeWindow Unbounded { get; } = new(0, double.PositiveInfinity);

    /// <summary>True when <see cref="End"/> is +∞.</summary>
    public bool IsOpenEnded => double.IsPositiveInfinity(End);

    /// <summary>Length of the window in seconds (+∞ when open-ended).</summary>
    public double Length => End - Start;

    /// <summary>True when <paramref name="time"/> lies in [<see cref="Start"/>, <see cref="End"/>].</summary>
    public bool Contains(double time) => time >= Start && time <= End;

    /// <inheritdoc />
    public override string ToString() => IsOpenEnded ? $"[{Start}, ∞)" : $"[{Start}, {End}]";
}
