using System.Runtime.CompilerServices;

namespace PostRoute.Engine.Routing.Solvers.Search;

/// <summary>
/// The schedule of a route built visit by visit from the vehicle's shift start, for problems whose stops have several
/// time windows or whose vehicles take breaks (which the constant-time <see cref="TimeSegment"/> cannot represent).
/// It follows <see cref="SolutionFactory"/>'s rule exactly: service starts at the earliest time in one of the stop's
/// windows; a break not yet taken goes on the leg to the first stop the vehicle would reach after the break's first
/// window opens (or on the last leg), starting as early as its windows allow, on the road or waiting. Lateness is
/// counted as time warp (the vehicle continues from the latest allowed time). The route may leave later than the
/// shift start by the waiting at its first stop (a lower bound on the factory's delay, so durations are never
/// underestimated).
/// </summary>
internal struct ForwardClock
{
    /// <summary>Current time: departure from the last visit (or the end time once finished).</summary>
    public double Time;

    /// <summary>Accumulated lateness.</summary>
    public double Warp;

    /// <summary>Index (in the vehicle's sorted breaks) of the first break not yet placed.</summary>
    public int NextBreak;

    /// <summary>Waiting at the first stop, by which the start may be delayed; NaN before the first stop.</summary>
    public double Delay;

    public static ForwardClock Begin(SearchModel m, int vehicle) => new()
    {
        Time = m.ShiftStart[vehicle],
        Warp = 0,
        NextBreak = 0,
        Delay = double.NaN,
    };

    /// <summary>Drives <paramref name="legTime"/> to client <paramref name="c"/> (taking due breaks) and serves it.</summary>
    public void Visit(SearchModel m, int vehicle, double legTime, int c)
    {
        double departure = Time;
        int first = NextBreak;
        int count = 0;
        int breaks = m.BreakCount[vehicle];
        double arrival = Leg(m, vehicle, departure, legTime, first, 0, out double legWarp);
        int offset = m.BreakOffset[vehicle];
        while (first + count < breaks && arrival >= m.BreakFirstStart[offset + first + count])
        {
            count++;
            arrival = Leg(m, vehicle, departure, legTime, first, count, out legWarp);
        }

        NextBreak = first + count;
        Warp += legWarp;
        double start = Earliest(m.WindowStart, m.WindowEnd, m.WindowOffset[c], m.WindowCount[c], arrival, ref Warp);
        if (double.IsNaN(Delay))
        {
            Delay = count == 0 ? start - arrival : 0;
        }

        Time = start + m.Service[c];
    }

    /// <summary>Drives <paramref name="legTime"/> to the end, taking every break not yet placed, and checks the shift end.</summary>
    public void Finish(SearchModel m, int vehicle, double legTime)
    {
        int first = NextBreak;
        int count = m.BreakCount[vehicle] - first;
        double arrival = Leg(m, vehicle, Time, legTime, first, count, out double legWarp);
        Warp += legWarp;
        NextBreak = first + count;
        if (arrival > m.ShiftEnd[vehicle])
        {
            Warp += arrival - m.ShiftEnd[vehicle];
        }

        Time = arrival;
    }

    /// <summary>Route duration once finished: end time − (shift start + delay).</summary>
    public readonly double Duration(SearchModel m, int vehicle) => Time - m.ShiftStart[vehicle] - (double.IsNaN(Delay) ? 0 : Delay);

    /// <summary>Arrival after a leg leaving at <paramref name="departure"/> with breaks first … first+count−1 on it.</summary>
    private static double Leg(SearchModel m, int vehicle, double departure, double legTime, int first, int count, out double warp)
    {
        warp = 0;
        double t = departure;
        double remaining = legTime;
        int offset = m.BreakOffset[vehicle];
        for (int k = first; k < first + count; k++)
        {
            int b = offset + k;
            double breakStart = Earliest(m.BreakWindowStart, m.BreakWindowEnd, m.BreakWindowOffset[b], m.BreakWindowCount[b], t, ref warp);
            double drive = Math.Max(0, Math.Min(remaining, breakStart - t));
            remaining -= drive;
            t = breakStart + m.BreakDuration[b];
        }

        return t + remaining;
    }

    /// <summary>Earliest time ≥ <paramref name="time"/> in one of the sorted windows; past them all, the last end (adding the lateness to <paramref name="warp"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Earliest(double[] starts, double[] ends, int offset, int count, double time, ref double warp)
    {
        for (int w = offset; w < offset + count; w++)
        {
            if (time <= ends[w])
            {
                return Math.Max(time, starts[w]);
            }
        }

        double last = ends[offset + count - 1];
        warp += time - last;
        return last;
    }
}
