using System.Collections.Immutable;
using PostRoute.Engine.Routing.Solvers.Search;

namespace PostRoute.Engine.Routing.Solvers.OrTools;

/// <summary>How OR-Tools builds its first solution (mirrors OR-Tools' <c>FirstSolutionStrategy</c>).</summary>
public enum FirstSolutionStrategy
{
    /// <summary>
    /// PostRoute chooses: parallel cheapest insertion when stops have time windows or there are shipments, path
    /// cheapest arc otherwise (the starts that work best on the VRPTW and CVRP benchmark sets).
    /// </summary>
    Automatic,

    /// <summary>Extend a route from its start by the cheapest arc.</summary>
    PathCheapestArc,

    /// <summary>Extend a route by the most constrained arc.</summary>
    PathMostConstrainedArc,

    /// <summary>Clarke–Wright savings.</summary>
    Savings,

    /// <summary>Parallel savings.</summary>
    ParallelSavings,

    /// <summary>Sweep (needs coordinates; OR-Tools falls back otherwise).</summary>
    Sweep,

    /// <summary>Christofides.</summary>
    Christofides,

    /// <summary>Cheapest insertion, all routes in parallel.</summary>
    ParallelCheapestInsertion,

    /// <summary>Cheapest insertion, one route at a time.</summary>
    SequentialCheapestInsertion,

    /// <summary>Insert each node at its cheapest position.</summary>
    LocalCheapestInsertion,

    /// <summary>Like <see cref="LocalCheapestInsertion"/>, by total cost.</summary>
    LocalCheapestCostInsertion,

    /// <summary>Connect the globally cheapest arcs.</summary>
    GlobalCheapestArc,

    /// <summary>Connect from each node by its cheapest arc.</summary>
    LocalCheapestArc,

    /// <summary>Best insertion (complete search; slow on anything but tiny problems).</summary>
    BestInsertion,
}

/// <summary>How OR-Tools improves solutions after the first one (mirrors OR-Tools' <c>LocalSearchMetaheuristic</c>).</summary>
public enum Metaheuristic
{
    /// <summary>Let OR-Tools choose.</summary>
    Automatic,

    /// <summary>Plain descent: stops at the first local optimum.</summary>
    GreedyDescent,

    /// <summary>Guided local search (usually the best for vehicle routing).</summary>
    GuidedLocalSearch,

    /// <summary>Simulated annealing.</summary>
    SimulatedAnnealing,

    /// <summary>Tabu search.</summary>
    TabuSearch,

    /// <summary>Generic tabu search.</summary>
    GenericTabuSearch,
}

/// <summary>
/// Options of <see cref="OrToolsSolver"/>. Pass them in <see cref="SolveOptions.SolverOptions"/> or to the solver's
/// constructor (the former wins). Immutable.
/// </summary>
public sealed record OrToolsOptions : SolverSpecificOptions
{
    /// <summary>First solution strategy; default <see cref="FirstSolutionStrategy.Automatic"/>.</summary>
    public FirstSolutionStrategy FirstSolution { get; init; } = FirstSolutionStrategy.Automatic;

    /// <summary>Improvement metaheuristic; default <see cref="Metaheuristic.GuidedLocalSearch"/>.</summary>
    public Metaheuristic Metaheuristic { get; init; } = Metaheuristic.GuidedLocalSearch;

    /// <summary>
    /// Warm start: routes to start from (for example the previous plan after a road closure), by vehicle and task
    /// index of the problem being solved. Visits of tasks that are unknown, provably unservable (by that vehicle),
    /// repeated, or shipments whose pickup and delivery are not both on the route, pickup first, are dropped; breaks
    /// are ignored (OR-Tools places them). A plan naming a vehicle index out of range, or a vehicle already planned,
    /// makes <see cref="OrToolsSolver.Solve"/> throw <see cref="ArgumentException"/> (as <see cref="SearchSolver"/>
    /// does). A stop with several time
    /// windows starts at the window its scheduled service start (by <see cref="SolutionFactory"/>) falls in, else the
    /// first. OR-Tools then improves this start instead of building a first solution; when OR-Tools cannot complete it
    /// into a feasible assignment (over capacity, a missed window…) the search starts from
    /// <see cref="FirstSolution"/> as without a warm start. When the start, rebuilt by <see cref="SolutionFactory"/>,
    /// passes <see cref="SolutionChecker"/>, the solver never returns a worse solution. Empty (default): no warm start.
    /// </summary>
    public ImmutableArray<RoutePlan> InitialRoutes { get; init; } = [];

    /// <summary>Options that warm-start from the routes of <paramref name="solution"/> (breaks are left to be placed again).</summary>
    /// <param name="solution">A solution of the problem to solve (or of one with the same vehicle and task indices).</param>
    public static OrToolsOptions WarmStart(RoutingSolution solution) => new() { InitialRoutes = SearchOptions.PlansOf(solution) };
}
