using PostRoute.Engine.Network;
using PostRoute.Engine.Paths;

namespace PostRoute.Engine.Routing;

/// <summary>
/// Travel along the shortest paths of a <see cref="PostalNetwork"/> for one of its vehicle profiles: each location is
/// a network node (<see cref="Location.NodeId"/>, or <see cref="Location.Id"/> when that is null), and the table holds
/// the travel time (seconds) and length (metres) of the path minimising <see cref="Metric"/> between every ordered pair
/// (computed with <see cref="MatrixCalculator"/>, or through a <see cref="MatrixCache"/>). Closed links and links the
/// profile is barred from are never used; a pair with no path is unreachable (+∞). Immutable; the network version is
/// fixed when the provider is created.
/// </summary>
public sealed class NetworkTravel : TravelCostProvider
{
    /// <summary>Creates the provider.</summary>
    /// <param name="network">The network version to travel on.</param>
    /// <param name="networkProfile">Profile of <paramref name="network"/> whose travel times and bars apply (e.g. <c>truck</c>).</param>
    /// <param name="metric">What each path minimises; default travel time.</param>
    /// <param name="cache">Matrix cache to reuse tables between problems on the same network version, or null.</param>
    public NetworkTravel(PostalNetwork network, string networkProfile, PathMetric metric = PathMetric.Time, MatrixCache? cache = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(networkProfile);
        Network = network;
        NetworkProfile = networkProfile;
        Metric = metric;
        Cache = cache;
    }

    /// <summary>The network version travelled on.</summary>
    public PostalNetwork Network { get; }

    /// <summary>The network profile used.</summary>
    public string NetworkProfile { get; }

    /// <summary>What each path minimises.</summary>
    public PathMetric Metric { get; }

    /// <summary>The matrix cache used, or null.</summary>
    public MatrixCache? Cache { get; }

    /// <summary>The network node id a location stands for.</summary>
    public static string NodeOf(Location location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return location.NodeId ?? location.Id;
    }

    internal override void Validate(IReadOnlyList<Location> locations, string path, List<RoutingValidationError> errors)
    {
        if (!Network.Profiles.Contains(NetworkProfile, StringComparer.Ordinal))
        {
            errors.Add(new(path, $"network '{Network.Name}' has no profile '{NetworkProfile}' (it has: {string.Join(", ", Network.Profiles)})"));
        }

        if (!Enum.IsDefined(Metric))
        {
            errors.Add(new(path, $"unknown path metric {Metric}"));
        }

        for (int i = 0; i < locations.Count; i++)
        {
            string node = NodeOf(locations[i]);
            if (Network.IndexOfNode(node) < 0)
            {
                string field = locations[i].NodeId is null ? "id" : "nodeId";
                errors.Add(new($"locations[{i}].{field}", $"network '{Network.Name}' has no node '{node}' ({path})"));
            }
        }
    }

    internal override TravelTable Materialize(string profile, IReadOnlyList<Location> locations, CancellationToken cancellationToken)
    {
        string[] nodes = [.. locations.Select(NodeOf)];
        var matrix = Cache is null
            ? MatrixCalculator.Compute(Network, nodes, nodes, NetworkProfile, Metric, cancellationToken)
            : Cache.GetOrCompute(Network, nodes, nodes, NetworkProfile, Metric, cancellationToken);
        int n = nodes.Length;
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

        // Shortest-path costs obey the triangle inequality in the metric minimised (a detour is never shorter).
        return new TravelTable(profile, n, duration, distance,
            durationIsMetric: Metric == PathMetric.Time, distanceIsMetric: Metric == PathMetric.Distance);
    }
}
