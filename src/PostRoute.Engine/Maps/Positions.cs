using PostRoute.Engine.Network;
using PostRoute.Engine.Paths;
using PostRoute.Engine.Routing;

namespace PostRoute.Engine.Maps;

/// <summary>
/// Where a problem's locations are: their <see cref="Location.Geo"/>, else their network node's position (in the drawn
/// network or a network the problem travels on), or, on planar maps, their X/Y. Not thread-safe (one per render).
/// </summary>
internal sealed class Positions
{
    private readonly GeoPoint?[] _geo = [];
    private readonly (double X, double Y)?[] _planar = [];

    public Positions(PostalNetwork? network, RoutingProblem? problem)
    {
        if (problem is null)
        {
            return;
        }

        var networks = new List<PostalNetwork>();
        if (network is not null)
        {
            networks.Add(network);
        }

        foreach (string profile in problem.Profiles)
        {
            if (problem.NetworkTravelOf(profile) is { } travel && !networks.Contains(travel.Network))
            {
                networks.Add(travel.Network);
            }
        }

        int n = problem.Locations.Length;
        _geo = new GeoPoint?[n];
        _planar = new (double, double)?[n];
        int geoCount = 0, planarCount = 0;
        for (int i = 0; i < n; i++)
        {
            var location = problem.Locations[i];
            _geo[i] = location.Geo is { IsValid: true } g ? g : NodePosition(networks, location);
            if (location is { X: { } x, Y: { } y } && double.IsFinite(x) && double.IsFinite(y))
            {
                _planar[i] = (x, y);
                planarCount++;
            }

            geoCount += _geo[i] is null ? 0 : 1;
        }

        IsPlanar = network is null && planarCount > geoCount;
    }

    /// <summary>True when the map is drawn in the plane from X/Y coordinates.</summary>
    public bool IsPlanar { get; }

    /// <summary>The network node a location stands for, as <see cref="NetworkTravel"/> reads it.</summary>
    public static string NodeOf(Location location) => location.NodeId ?? location.Id;

    public MapProjection Fit(PostalNetwork? network, RoutingProblem? problem, double width, double margin, double maxAspect)
    {
        if (IsPlanar)
        {
            return MapProjection.FitPlanar(_planar.Where(p => p is not null).Select(p => p!.Value), width, margin, maxAspect);
        }

        var points = new List<GeoPoint>();
        if (network is not null)
        {
            points.AddRange(network.Nodes.Select(n => n.Location));
            points.AddRange(network.Communes.Where(c => c.Location is not null).Select(c => c.Location!.Value));
        }

        points.AddRange(_geo.Where(p => p is not null).Select(p => p!.Value));
        return MapProjection.FitGeo(points, width, margin, maxAspect);
    }

    /// <summary>The drawing position of location <paramref name="index"/>, or null when it has none.</summary>
    public MapPoint? Of(int index, MapProjection projection)
    {
        if ((uint)index >= (uint)_geo.Length)
        {
            return null;
        }

        if (projection.IsPlanar)
        {
            return _planar[index] is { } xy ? projection.Project(xy.X, xy.Y) : null;
        }

        return _geo[index] is { } geo ? projection.Project(geo) : null;
    }

    private static GeoPoint? NodePosition(List<PostalNetwork> networks, Location location)
    {
        string node = NodeOf(location);
        foreach (var network in networks)
        {
            if (network.IndexOfNode(node) is var i and >= 0)
            {
                return network.Nodes[i].Location;
            }
        }

        return null;
    }
}

/// <summary>
/// The drawn shape of one route leg: a polyline in drawing pixels, and whether it is a gap (no road path: drawn as a
/// straight dashed line outside the route's path).
/// </summary>
internal readonly record struct Leg(IReadOnlyList<MapPoint> Points, bool IsGap);

/// <summary>Draws the legs of one vehicle: along network paths when it travels on a network, else straight.</summary>
internal sealed class LegRouter
{
    private readonly PostalNetwork? _network;
    private readonly string? _profile;
    private readonly PathMetric _metric;

    private LegRouter(PostalNetwork? network, string? profile, PathMetric metric)
    {
        _network = network;
        _profile = profile;
        _metric = metric;
    }

    /// <summary>
    /// The vehicle's network travel (network version, profile and metric the problem used); else the drawn network when
    /// it has the vehicle's profile, with <paramref name="fallbackMetric"/>; else straight legs.
    /// </summary>
    public static LegRouter For(PostalNetwork? network, RoutingProblem problem, Vehicle vehicle, PathMetric fallbackMetric)
    {
        if (problem.NetworkTravelOf(vehicle.Profile) is { } travel)
        {
            return new LegRouter(travel.Network, travel.NetworkProfile, travel.Metric);
        }

        return network is not null && network.Profiles.Contains(vehicle.Profile, StringComparer.Ordinal)
            ? new LegRouter(network, vehicle.Profile, fallbackMetric)
            : new LegRouter(null, null, fallbackMetric);
    }

    public Leg Leg(Location from, Location to, int fromIndex, int toIndex, Positions positions, MapProjection projection)
    {
        var a = positions.Of(fromIndex, projection);
        var b = positions.Of(toIndex, projection);
        if (_network is not null && !projection.IsPlanar)
        {
            string fromNode = Positions.NodeOf(from), toNode = Positions.NodeOf(to);
            if (_network.IndexOfNode(fromNode) >= 0 && _network.IndexOfNode(toNode) >= 0)
            {
                var path = ShortestPaths.Find(_network, fromNode, toNode, _profile!, _metric);
                if (path.Found)
                {
                    var nodes = _network.Nodes;
                    return new Leg([.. path.NodeIds.Select(id => projection.Project(nodes[_network.IndexOfNode(id)].Location))], false);
                }

                return a is { } ga && b is { } gb ? new Leg([ga, gb], true) : new Leg([], true);
            }
        }

        return a is { } pa && b is { } pb ? new Leg([pa, pb], false) : new Leg([], false);
    }
}
