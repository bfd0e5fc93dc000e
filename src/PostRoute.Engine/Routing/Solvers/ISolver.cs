namespace PostRoute.Engine.Routing;

/// <summary>
/// A vehicle routing solver. Every solver of the library implements it (OR-Tools, the native search, …).
/// Implementations are stateless between calls and may be used from several threads at once.
/// </summary>
public interface ISolver
{
    /// <summary>Short name for reports, e.g. <c>ortools</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Solves <paramref name="problem"/> within the limits of <paramref name="options"/>. Never throws for an
    /// infeasible problem: tasks that cannot be served are reported in <see cref="RoutingSolution.Unassigned"/>.
    /// <paramref name="progress"/> receives a report at each improvement of the best solution. When
    /// <paramref name="cancellationToken"/> is cancelled the search stops and the best solution found so far is
    /// returned with <see cref="SolveStatus.Cancelled"/> (no <see cref="OperationCanceledException"/>).
    /// </summary>
    SolveResult Solve(RoutingProblem problem, SolveOptions options, IProgress<SolveProgress>? progress = null, CancellationToken cancellationToken = default);
}
