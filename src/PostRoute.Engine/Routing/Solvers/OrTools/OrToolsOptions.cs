namespace PostRoute.Engine.Routing.Solvers.OrTools;

/// <summary>How OR-Tools builds its first solution (mirrors OR-Tools' <c>FirstSolutionStrategy</c>).</summary>
public enum FirstSolutionStrategy
{
    /// <summary>Let OR-Tools choose from the model.</summary>
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
}
