using PostRoute.Engine.Routing;
using PostRoute.Engine.Routing.Solvers.OrTools;
using PostRoute.Engine.Routing.Solvers.Search;

namespace PostRoute.Cli.Infrastructure;

/// <summary>The solvers the CLI offers, by name.</summary>
internal static class Solvers
{
    public static readonly string[] Names = ["search", "ortools"];

    public static bool IsKnown(string? name) => Names.Contains(name?.ToLowerInvariant());

    public static ISolver Create(string name) => name.ToLowerInvariant() switch
    {
        "search" => new SearchSolver(),
        "ortools" => new OrToolsSolver(),
        _ => throw new UsageException($"unknown solver '{name}'"),
    };
}
