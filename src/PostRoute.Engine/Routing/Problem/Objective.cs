namespace PostRoute.Engine.Routing;

/// <summary>
/// How solutions are ranked. In both cases a solution that leaves out fewer mandatory jobs and shipments is better
/// first of all (mandatory tasks are only ever left out when the solver cannot serve them).
/// </summary>
public enum Objective
{
    /// <summary>Minimise the total cost (see <see cref="RoutingProblem"/> for its exact definition).</summary>
    MinimizeCost,

    /// <summary>
    /// Minimise the number of vehicles used, then the total cost (lexicographic), as the VRPTW literature ranks
    /// Solomon and Gehring–Homberger solutions.
    /// </summary>
    MinimizeVehiclesFirst,
}
