using System.Collections.Immutable;

namespace PostRoute.Engine.Paths;

/// <summary>
/// The outcome of a point-to-point search. An unreachable target is a normal result: <see cref="Found"/> is false,
/// the id lists are empty and both totals are <see cref="double.PositiveInfinity"/>. Immutable.
/// </summary>
/// <param name="Found">True when <paramref name="To"/> can be reached from <paramref name="From"/>.</param>
/// <param name="From">Id of the start node.</param>
/// <param name="To">Id of the end node.</param>
/// <param name="Profile">Vehicle profile whose travel times and bars were used.</param>
/// <param name="Metric">What was minimised.</param>
/// <param name="NodeIds">Nodes along the path, from <paramref name="From"/> to <paramref name="To"/> inclusive
/// (a single node when both are the same); empty when not found.</param>
/// <param name="LinkIds">Links along the path in travel order (one fewer than the nodes); empty when not found.</param>
/// <param name="DurationSeconds">Total travel time for the profile in seconds, the sum over <paramref name="LinkIds"/>.</param>
/// <param name="DistanceMetres">Total length in metres, the sum over <paramref name="LinkIds"/>.</param>
public sealed record PathResult(
    bool Found,
    string From,
    string To,
    string Profile,
    PathMetric Metric,
    ImmutableArray<string> NodeIds,
    ImmutableArray<string> LinkIds,
    double DurationSeconds,
    double DistanceMetres)
{
    internal static PathResult NotFound(string from, string to, string profile, PathMetric metric) =>
        new(false, from, to, profile, metric, [], [], double.PositiveInfinity, double.PositiveInfinity);
}
