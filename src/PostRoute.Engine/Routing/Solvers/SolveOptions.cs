using System.Collections.Immutable;

namespace PostRoute.Engine.Routing;

/// <summary>
/// Options common to every solver. The search stops at <see cref="TimeLimit"/> or as soon as any of
/// <see cref="StopWhen"/> holds, whichever comes first. Immutable.
/// </summary>
public sealed record SolveOptions
{
    /// <summary>Wall-clock time limit for the search (default 10 s). Must be &gt; 0.</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Random seed; the same seed, problem and options give the same search where the solver allows it.</summary>
    public int Seed { get; init; }

    /// <summary>Further stopping criteria; the search stops when any holds.</summary>
    public ImmutableArray<StoppingCriterion> StopWhen { get; init; } = [];

    /// <summary>Options understood by particular solvers (e.g. <c>OrToolsOptions</c>); each solver ignores others' options.</summary>
    public ImmutableArray<SolverSpecificOptions> SolverOptions { get; init; } = [];

    /// <summary>The first entry of <see cref="SolverOptions"/> of type <typeparamref name="T"/>, or null.</summary>
    public T? Get<T>()
        where T : SolverSpecificOptions =>
        SolverOptions.IsDefault ? null : SolverOptions.OfType<T>().FirstOrDefault();
}

/// <summary>Base type of options specific to one solver.</summary>
public abstract record SolverSpecificOptions;

/// <summary>A condition that stops a search early (PyVRP style). See the derived records.</summary>
public abstract record StoppingCriterion;

/// <summary>Stop when no better solution has been found for <paramref name="Duration"/>.</summary>
/// <param name="Duration">Time without improvement.</param>
public sealed record NoImprovementFor(TimeSpan Duration) : StoppingCriterion;

/// <summary>Stop after <paramref name="Count"/> solutions (improving or not) have been found.</summary>
/// <param name="Count">Number of solutions (≥ 1).</param>
public sealed record MaxSolutions(long Count) : StoppingCriterion;

/// <summary>Stop once a solution serves every mandatory task at a total cost ≤ <paramref name="Cost"/>.</summary>
/// <param name="Cost">Target total cost.</param>
public sealed record TargetCost(double Cost) : StoppingCriterion;

/// <summary>A report sent at each improvement of the best solution. Immutable.</summary>
/// <param name="BestCost">Total cost of the new best solution.</param>
/// <param name="VehiclesUsed">Number of vehicles it uses.</param>
/// <param name="UnservedMandatory">Number of mandatory tasks it leaves out.</param>
/// <param name="Elapsed">Time since the solve started.</param>
public sealed record SolveProgress(double BestCost, int VehiclesUsed, int UnservedMandatory, TimeSpan Elapsed);

/// <summary>How a solve ended.</summary>
public enum SolveStatus
{
    /// <summary>The search stopped at its time limit or a stopping criterion, or finished, with a solution.</summary>
    Completed,

    /// <summary>The caller cancelled; the result holds the best solution found before that.</summary>
    Cancelled,

    /// <summary>The solver found no solution; the result serves nothing and lists every task as unassigned.</summary>
    NoSolutionFound,
}

/// <summary>The outcome of <see cref="ISolver.Solve"/>. Immutable.</summary>
/// <param name="Solution">The best solution found (never null).</param>
/// <param name="Status">How the solve ended.</param>
/// <param name="Elapsed">Wall-clock time of the solve, including model building.</param>
/// <param name="TimeToBest">Time at which the returned solution was found.</param>
/// <param name="Improvements">Every improvement reported, in order.</param>
/// <param name="SolverName">The solver's <see cref="ISolver.Name"/>.</param>
public sealed record SolveResult(
    RoutingSolution Solution,
    SolveStatus Status,
    TimeSpan Elapsed,
    TimeSpan TimeToBest,
    ImmutableArray<SolveProgress> Improvements,
    string SolverName);
