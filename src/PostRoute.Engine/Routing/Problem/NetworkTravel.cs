using PostRoute.Engine.Network;
using PostRoute.Engine.Paths;

namespace PostRoute.Engine.Routing;

/// <summary>
/// Travel along the roads of a <see cref="PostalNetwork"/>: for every pair of locations, the shortest path (by time
/// or by distance) between their nodes for one network profile, computed with <see cref="MatrixCalculator"/> (or
/// taken from a <see cref="MatrixCache"/>). Each location's node is <see cref="Location.NodeId"/>, or its
/// <see cref="Location.Id"/> when that is null. Pairs with no path, including through closed links, are unreachable
/// (+∞), which tasks report as <see cref="UnassignedReason.Unreachable"/>. Immutable.
/// </summary>
public sealed class NetworkTravel : TravelCostProvider
{
    private readonly MatrixCache? _cache;

    /// <summary>Creates the provider.</summary>
    /// <param name="network">The network version to route on (closed links are avoided).</param>
    /// <param name="networkProfile">A profile of <paramref name="network"/>, e.g. <see cref="Profiles.Motorbike"/>.</param>
    /// <param name="metric">What the paths minimise; durations and distances are both those of the chosen paths.</param>
    /// <param name="cache">Optional cache to reuse matrices across problems.</param>
    public NetworkTravel(PostalNetwork network, string networkProfile, PathMetric metric = PathMetric.Time, MatrixCache? cache = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrWhiteSpace(networkProfile);
        Network = network;
        NetworkProfile = networkProfile;
        Metric = metric;
        _cache = cache;
    }

    /// <summary>The network routed on.</summary>
    public PostalNetwork Network { get; }

    /// <summary>The network profile whose travel times are used.</summary>
    public string NetworkProfile { get; }

    /// <summary>What the paths minimise.</summary>
    public PathMetric Metric { get; }

    private static string NodeOf(Location location) => location.NodeId ?? location.Id;

    internal override void Validate(IReadOnlyList<Location> locations, string path, List<RoutingValidationError> errors)
    {
        if (!Network.Profiles.Contains(NetworkProfile, StringComparer.Ordinal))
        {
            errors.Add(new($"{path}.networkProfile", $"network '{Network.Name}' has no profile '{NetworkProfile}' (it has {string.Join(", ", Network.Profiles)})"));
        }

        for (int i = 0; i < locations.Count; i++)
        {
            string node = NodeOf(locations[i]);
            if (Network.IndexOfNode(node) < 0)
            {
                errors.Add(new($"locations[{i}].{(locations[i].NodeId is null ? "id" : "nodeId")}", $"'{node}' is not a node of network '{Network.Name}' ({path})"));
            }
        }
    }

    internal override TravelTable Materialize(string profile, IReadOnlyList<Location> locations, CancellationToken cancellationToken)
    {
        var nodes = locations.Select(NodeOf).ToList();
        var matrix = _cache is null
            ? MatrixCalculator.Compute(Network, nodes, nodes, NetworkProfile, Metric, cancellationToken)
            : _cache.GetOrCompute(Network, nodes, nodes, NetworkProfile, Metric, cancellationToken);
        int n = nodes.Count;
        var duration = new double[n * n];
        var distance = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                duration[(i * n) + j] = matrix.DurationSeconds(i, j);
                distance[(i * n) + j] = matrix.DistanceMetres(i, j);
            }
        }

        // Shortest paths satisfy the triangle inequality in the metric they minimise (not in the other one).
        return new TravelTable(profile, n, duration, distance, durationIsMetric: Metric == PathMetric.Time, distanceIsMetric: Metric == PathMetric.Distance);
    }
}
