using PostRoute.Engine.Routing;
using PostRoute.Engine.Routing.Solvers.OrTools;
using PostRoute.Engine.Routing.Solvers.Search;

namespace PostRoute.Quality;

/// <summary>
/// Solvers by the name used on the command line. A new solver plugs in with one line here; its
/// <see cref="ISolver.Name"/> is what the CSV reports.
/// </summary>
internal static class SolverRegistry
{
    private static readonly Dictionary<string, Func<ISolver>> Factories = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ortools"] = () => new OrToolsSolver(),
        ["search"] = () => new SearchSolver(),
    };

    public static IReadOnlyCollection<string> Names => Factories.Keys;

    public static ISolver Create(string name) =>
        Factories.TryGetValue(name, out var factory)
            ? factory()
            : throw new ArgumentException($"Unknown solver '{name}'. Known solvers: {string.Join(", ", Factories.Keys)}.");
}
