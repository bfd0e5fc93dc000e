using System.Diagnostics;
using System.Runtime.InteropServices;
using PostRoute.Engine.Network;
using PostRoute.Engine.Paths;

namespace PostRoute.Benchmarks;

/// <summary>
/// Stopwatch timing of our one-to-all search alone (truck, time) from the 100 fixed sources of the benchmarks, without
/// building the QuikGraph copy: a quick before/after check of search speed. Besides wall-clock time it reports the
/// thread's CPU time (Linux <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>), which time slices lost to other processes
/// do not inflate: on a shared machine compare CPU times, and alternate the builds being compared.
/// </summary>
internal static class SearchTiming
{
    private const int ThreadCpuClock = 3; // CLOCK_THREAD_CPUTIME_ID

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    private static double ThreadCpuMilliseconds() =>
        ClockGetTime(ThreadCpuClock, out var t) == 0 ? t.Seconds * 1e3 + t.Nanoseconds / 1e6 : double.NaN;

    public static void Run(int nodeCount, int rounds)
    {
        var network = SyntheticRoadNetwork.Generate(nodeCount);
        var graph = CsrGraph.For(network, Profiles.Truck);
        var random = new Random(42); // the benchmarks' sources
        int[] sources = Enumerable.Range(0, 100).Select(_ => random.Next(nodeCount)).ToArray();
        var scratch = SearchScratch.ForCurrentThread(graph.NodeCount);
        long checksum = 0;
        int Search(int source)
        {
            scratch.Begin();
            Dijkstra.Run(graph, default, PathMetric.Time, [source], 0, scratch, CancellationToken.None);
            return scratch.SettledCount;
        }

        for (int i = 0; i < 3; i++)
        {
            Search(sources[i]);
        }

        // Per source, the best of the rounds; then the sum over sources (every source weighs by its reach).
        var wall = new double[sources.Length];
        var cpu = new double[sources.Length];
        Array.Fill(wall, double.PositiveInfinity);
        Array.Fill(cpu, double.PositiveInfinity);
        double totalCpu = 0;
        for (int r = 0; r < rounds; r++)
        {
            for (int k = 0; k < sources.Length; k++)
            {
                double cpuStart = ThreadCpuMilliseconds();
                var watch = Stopwatch.StartNew();
                checksum += Search(sources[k]);
                double elapsedCpu = ThreadCpuMilliseconds() - cpuStart;
                wall[k] = Math.Min(wall[k], watch.Elapsed.TotalMilliseconds);
                cpu[k] = Math.Min(cpu[k], elapsedCpu);
                totalCpu += elapsedCpu;
            }
        }

        Console.WriteLine($"one-to-all, {nodeCount:N0} nodes, {graph.EdgeCount:N0} arcs, {rounds} × {sources.Length} searches " +
                          $"(checksum {checksum}): per search, best of {rounds}, mean over sources: wall {wall.Average():F1} ms, " +
                          $"thread CPU {cpu.Average():F1} ms; mean thread CPU of all searches {totalCpu / (rounds * sources.Length):F1} ms");
    }
}
