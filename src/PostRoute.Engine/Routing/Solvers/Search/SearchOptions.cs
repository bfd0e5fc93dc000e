using System.Collections.Immutable;

namespace PostRoute.Engine.Routing.Solvers.Search;

/// <summary>
/// Options of <see cref="SearchSolver"/>. Pass them in <see cref="SolveOptions.SolverOptions"/> or to the solver's
/// constructor (the former wins). The defaults are those of HGS-CVRP (Vidal 2022). Immutable.
/// </summary>
public sealed record SearchOptions : SolverSpecificOptions
{
    /// <summary>
    /// Warm start: routes to start from (for example the previous plan after a road closure). Visits of tasks that are
    /// unknown or provably unservable are dropped, breaks are ignored (they are placed by <see cref="SolutionFactory"/>),
    /// and tasks not visited are inserted by the search. When the start, rebuilt by <see cref="SolutionFactory"/>, passes
    /// <see cref="SolutionChecker"/>, the solver never returns a worse solution. Empty (default): no warm start.
    /// </summary>
    public ImmutableArray<RoutePlan> InitialRoutes { get; init; } = [];

    /// <summary>
    /// Stop after this many offspring (initial individuals included), in addition to the time limit; null (default) for
    /// no limit. An iteration limit with a generous time limit makes a run reproducible regardless of machine speed.
    /// </summary>
    public long? MaxIterations { get; init; }

    /// <summary>Minimum size μ of each subpopulation (default 25).</summary>
    public int PopulationSize { get; init; } = 25;

    /// <summary>Number λ of offspring added before survivors are selected (default 40).</summary>
    public int GenerationSize { get; init; } = 40;

    /// <summary>Number of elite individuals protected by the biased fitness (default 4).</summary>
    public int EliteCount { get; init; } = 4;

    /// <summary>Number of closest individuals used for the diversity contribution (default 5).</summary>
    public int CloseCount { get; init; } = 5;

    /// <summary>
    /// Granular neighbourhood size Γ: the number of most correlated clients considered for each client's moves; null
    /// (default) for 20 without time windows and 40 with (the settings of HGS-CVRP and of HGS for VRPTW).
    /// </summary>
    public int? GranularNeighbours { get; init; }

    /// <summary>Target share of feasible solutions after local search that drives the penalty weights (default 0.2).</summary>
    public double TargetFeasibleFraction { get; init; } = 0.2;

    /// <summary>Iterations without a better feasible solution before the population is restarted (default 20 000).</summary>
    public int IterationsWithoutImprovement { get; init; } = 20000;

    /// <summary>Probability of repairing an infeasible offspring with ten-fold penalties (default 0.5).</summary>
    public double RepairProbability { get; init; } = 0.5;

    /// <summary>Options that warm-start from the routes of <paramref name="solution"/> (breaks are left to be placed again).</summary>
    public static SearchOptions WarmStart(RoutingSolution solution)
    {
        ArgumentNullException.ThrowIfNull(solution);
        return new SearchOptions { InitialRoutes = PlansOf(solution) };
    }

    /// <summary>The visit order of each route of <paramref name="solution"/>, without start, end and break steps.</summary>
    public static ImmutableArray<RoutePlan> PlansOf(RoutingSolution solution)
    {
        ArgumentNullException.ThrowIfNull(solution);
        return
        [
            .. solution.Routes.Select(route => new RoutePlan(
                route.VehicleIndex,
                [.. route.Steps.Where(s => s.Kind is StepKind.Job or StepKind.Pickup or StepKind.Delivery).Select(s => new Visit(s.Kind, s.TaskIndex))])),
        ];
    }

    internal void Validate()
    {
        Check(PopulationSize >= 1, nameof(PopulationSize), "must be ≥ 1");
        Check(GenerationSize >= 1, nameof(GenerationSize), "must be ≥ 1");
        Check(EliteCount >= 0, nameof(EliteCount), "must be ≥ 0");
        Check(CloseCount >= 1, nameof(CloseCount), "must be ≥ 1");
        Check(GranularNeighbours is null or >= 1, nameof(GranularNeighbours), "must be ≥ 1");
        Check(TargetFeasibleFraction is >= 0 and <= 1, nameof(TargetFeasibleFraction), "must be in [0, 1]");
        Check(IterationsWithoutImprovement >= 1, nameof(IterationsWithoutImprovement), "must be ≥ 1");
        Check(RepairProbability is >= 0 and <= 1, nameof(RepairProbability), "must be in [0, 1]");
        Check(MaxIterations is null or >= 1, nameof(MaxIterations), "must be ≥ 1");

        static void Check(bool ok, string name, string message)
        {
            if (!ok)
            {
                throw new ArgumentException($"SearchOptions.{name} {message}.", name);
            }
        }
    }
}
