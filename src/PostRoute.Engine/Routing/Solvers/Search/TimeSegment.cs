using System.Runtime.CompilerServices;

namespace PostRoute.Engine.Routing.Solvers.Search;

/// <summary>
/// Time data of a sequence of visits, concatenable in constant time (Vidal et al. 2013, "A hybrid genetic algorithm
/// with adaptive diversity management for a large class of vehicle routing problems with time-windows"): the minimum
/// duration (travel + service + waiting, including the service of the last visit), the minimum time warp (how much
/// the vehicle would have to travel back in time to keep every window), and the earliest and latest start of the
/// first service that achieve them.
/// </summary>
internal readonly struct TimeSegment(double duration, double warp, double early, double late)
{
    public readonly double Duration = duration;
    public readonly double Warp = warp;
    public readonly double Early = early;
    public readonly double Late = late;

    /// <summary>A single visit with service time <paramref name="service"/> that must start in [early, late].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TimeSegment Visit(double service, double early, double late) => new(service, 0, early, late);

    /// <summary><paramref name="a"/> followed by <paramref name="b"/>, with <paramref name="travel"/> seconds between them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TimeSegment Concat(in TimeSegment a, in TimeSegment b, double travel)
    {
        double delta = a.Duration - a.Warp + travel;
        double deltaWait = Math.Max(b.Early - delta - a.Late, 0);
        double deltaWarp = Math.Max(a.Early + delta - b.Late, 0);
        return new TimeSegment(
            a.Duration + b.Duration + travel + deltaWait,
            a.Warp + b.Warp + deltaWarp,
            Math.Max(b.Early - delta, a.Early) - deltaWait,
            Math.Min(b.Late - delta, a.Late) + deltaWarp);
    }

    public override string ToString() => $"dur {Duration} warp {Warp} [{Early}, {Late}]";
}
