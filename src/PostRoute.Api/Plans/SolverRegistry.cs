using System.Collections.Frozen;
using PostRoute.Engine.Routing;

namespace PostRoute.Api.Plans;

/// <summary>
/// The solvers registered in DI as <see cref="ISolver"/>, by <see cref="ISolver.Name"/> (case-insensitive). A new
/// solver plugs in with one <c>AddSingleton&lt;ISolver, …&gt;()</c>. Thread-safe.
/// </summary>
public sealed class SolverRegistry(IEnumerable<ISolver> solvers)
{
    private readonly FrozenDictionary<string, ISolver> _byName =
        solvers.GroupBy(s => s.Name, StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(g => g.Key, g => g.Last(), StringComparer.OrdinalIgnoreCase); // a later registration replaces

    /// <summary>Name used when a request names none.</summary>
    public const string DefaultSolver = "ortools";

    /// <summary>Names of the available solvers, sorted.</summary>
    public IReadOnlyList<string> Names => [.. _byName.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Finds a solver by name.</summary>
    public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ISolver? solver) =>
        _byName.TryGetValue(name, out solver);
}
