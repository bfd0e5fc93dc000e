using System.Diagnostics;
using System.Globalization;
using PostRoute.Engine.Routing;
using Spectre.Console;

namespace PostRoute.Cli.Infrastructure;

/// <summary>
/// Runs a solver on a worker thread. When the solve takes longer than <see cref="CliEnvironment.ProgressDelay"/> (a
/// second) and standard output is an interactive
/// terminal (and neither --quiet nor --json is given), a live line shows the elapsed time, the best cost and the
/// number of improvements, fed by the solver's progress reports.
/// </summary>
internal static class SolveRunner
{
    public static async Task<SolveResult> RunAsync(CliEnvironment environment, ISolver solver, RoutingProblem problem,
        SolveOptions options, bool showProgress, CancellationToken cancellationToken)
    {
        var tracker = new ProgressTracker();
        var clock = Stopwatch.StartNew();
        var solve = Task.Run(() => solver.Solve(problem, options, tracker, cancellationToken), CancellationToken.None);
        if (showProgress && environment.Interactive)
        {
            await Task.WhenAny(solve, Task.Delay(environment.ProgressDelay, CancellationToken.None));
            if (!solve.IsCompleted)
            {
                await environment.Out.Live(Render(solver.Name, options, tracker, clock.Elapsed, cancellationToken))
                    .AutoClear(true)
                    .StartAsync(async live =>
                    {
                        live.Refresh(); // shown at once, even when the solve ends before the first update
                        while (!solve.IsCompleted)
                        {
                            await Task.WhenAny(solve, Task.Delay(250, CancellationToken.None));
                            live.UpdateTarget(Render(solver.Name, options, tracker, clock.Elapsed, cancellationToken));
                        }
                    });
            }
        }

        return await solve;
    }

    /// <summary>
    /// The end of a solving verb, after its output: a warning when Ctrl+C <paramref name="stopped"/> the search (the best
    /// <paramref name="noun"/> found is kept), then the exit code: <see cref="ExitCodes.Internal"/> with an error when the
    /// independent check fails, <see cref="ExitCodes.UnservedStops"/> when mandatory tasks are left out, else
    /// <see cref="ExitCodes.Success"/>. <paramref name="noun"/> names the result in messages, e.g. "plan".
    /// </summary>
    public static int Finish(CliEnvironment environment, bool stopped, CheckResult check, RoutingSolution solution, string noun)
    {
        if (stopped)
        {
            environment.WriteWarning($"stopped by Ctrl+C; the best {noun} found so far is kept");
        }

        if (!check.IsValid)
        {
            environment.WriteError($"the {noun} fails the independent check: {check}");
            return ExitCodes.Internal;
        }

        return solution.UnservedMandatoryCount > 0 ? ExitCodes.UnservedStops : ExitCodes.Success;
    }

    private static Markup Render(string solver, SolveOptions options, ProgressTracker tracker, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        var last = tracker.Last;
        string best = last is null
            ? "no solution yet"
            : string.Create(CultureInfo.InvariantCulture, $"best cost {last.BestCost:0.##}, {last.VehiclesUsed} vehicles") +
              (last.UnservedMandatory > 0 ? $", {last.UnservedMandatory} unserved" : "");
        string state = cancellationToken.IsCancellationRequested ? "[yellow]stopping…[/]" : "[grey](Ctrl+C stops and keeps the best)[/]";
        return new Markup(string.Create(CultureInfo.InvariantCulture,
            $"[blue]{solver}[/] {elapsed.TotalSeconds:0.0} s / {options.TimeLimit.TotalSeconds:0.#} s · {Markup.Escape(best)} · {tracker.Count} improvements {state}"));
    }

    /// <summary>Keeps the latest report; the solver reports from its own thread.</summary>
    private sealed class ProgressTracker : IProgress<SolveProgress>
    {
        private SolveProgress? _last;
        private int _count;

        public SolveProgress? Last => Volatile.Read(ref _last);

        public int Count => Volatile.Read(ref _count);

        public void Report(SolveProgress value)
        {
            Volatile.Write(ref _last, value);
            Interlocked.Increment(ref _count);
        }
    }
}
