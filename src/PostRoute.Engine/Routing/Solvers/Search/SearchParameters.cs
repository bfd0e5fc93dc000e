namespace PostRoute.Engine.Routing.Solvers.Search;

/// <summary>Resolved parameters of one search (defaults of HGS-CVRP unless stated).</summary>
internal sealed record SearchParameters
{
    public int Mu { get; init; } = 25;

    public int Lambda { get; init; } = 40;

    public int EliteCount { get; init; } = 4;

    public int CloseCount { get; init; } = 5;

    public int Granular { get; init; } = 20;

    public double TargetFeasible { get; init; } = 0.2;

    public int IterationsWithoutImprovement { get; init; } = 20000;

    public double RepairProbability { get; init; } = 0.5;

    /// <summary>Stop after this many offspring (null: no limit).</summary>
    public long? MaxIterations { get; init; }
}
