using System.Collections.Immutable;
using PostRoute.Engine.Network;

namespace PostRoute.Engine.Planning;

/// <summary>How a commune's position on the network was found.</summary>
public enum CommunePlacement
{
    /// <summary>
    /// The commune has a node of its own: a <see cref="NodeKind.CommuneServicePoint"/> or <see cref="NodeKind.Commune"/>
    /// node whose <see cref="Node.CommuneCode"/> is the commune's code (the first such node in network order).
    /// </summary>
    Node,

    /// <summary>
    /// No node of its own: the commune's <see cref="Commune.Location"/> was snapped to the nearest network node (by
    /// great-circle distance) that has at least one link usable by the profile; see
    /// <see cref="CommunePlace.SnapDistanceMetres"/>.
    /// </summary>
    Snapped,

    /// <summary>Neither a node nor a location (or no node with a usable link exists): the commune cannot be placed.</summary>
    Unlocated,
}

/// <summary>Where a commune lies on the network. Immutable.</summary>
/// <param name="Commune">The commune.</param>
/// <param name="Placement">How the node was found.</param>
/// <param name="NodeIndex">Index of the node in <see cref="PostalNetwork.Nodes"/>; −1 when <see cref="CommunePlacement.Unlocated"/>.</param>
/// <param name="NodeId">Id of that node; null when unlocated.</param>
/// <param name="SnapDistanceMetres">Great-circle distance from the commune's location to the node, metres; 0 for <see cref="CommunePlacement.Node"/>, null when unlocated.</param>
public sealed record CommunePlace(Commune Commune, CommunePlacement Placement, int NodeIndex, string? NodeId,
    double? SnapDistanceMetres);

/// <summary>Resolves communes to network nodes, and the district office and hub that serve them.</summary>
internal static class CommunePlaces
{
    /// <summary>Places every commune of the register, in register order.</summary>
    public static ImmutableArray<CommunePlace> Resolve(PostalNetwork network, PlanningGraph graph)
    {
        var topology = network.Topology;
        var own = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int v = 0; v < topology.NodeCount; v++)
        {
            var node = topology.NodeAt(v);
            if (node.Kind is NodeKind.CommuneServicePoint or NodeKind.Commune && node.CommuneCode is { } code)
            {
                own.TryAdd(code, v);
            }
        }

        var places = ImmutableArray.CreateBuilder<CommunePlace>(network.Communes.Length);
        foreach (var commune in network.Communes)
        {
            if (own.TryGetValue(commune.Code, out int v))
            {
                places.Add(new CommunePlace(commune, CommunePlacement.Node, v, topology.NodeIdAt(v), 0));
            }
            else if (commune.Location is { } location && Nearest(topology, graph, location) is var (w, metres) && w >= 0)
            {
                places.Add(new CommunePlace(commune, CommunePlacement.Snapped, w, topology.NodeIdAt(w), metres));
            }
            else
            {
                places.Add(new CommunePlace(commune, CommunePlacement.Unlocated, -1, null, null));
            }
        }

        return places.MoveToImmutable();
    }

    /// <summary>The district office (first <see cref="NodeKind.DistrictOffice"/> node in network order) of each district code.</summary>
    public static Dictionary<string, int> DistrictOffices(PostalNetwork network)
    {
        var topology = network.Topology;
        var offices = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int v = 0; v < topology.NodeCount; v++)
        {
            var node = topology.NodeAt(v);
            if (node.Kind == NodeKind.DistrictOffice && node.DistrictCode is { } code)
            {
                offices.TryAdd(code, v);
            }
        }

        return offices;
    }

    /// <summary>Index of the hub: the given id, else the first <see cref="NodeKind.ProvincialHub"/> node; −1 when there is none.</summary>
    /// <exception cref="ArgumentException">A given hub id is not a node of the network.</exception>
    public static int Hub(PostalNetwork network, string? hubId, string paramName)
    {
        if (hubId is not null)
        {
            int h = network.IndexOfNode(hubId);
            return h >= 0 ? h : throw new ArgumentException($"{paramName}: unknown node id '{hubId}' in network '{network.Name}'.", paramName);
        }

        var topology = network.Topology;
        for (int v = 0; v < topology.NodeCount; v++)
        {
            if (topology.NodeAt(v).Kind == NodeKind.ProvincialHub)
            {
                return v;
            }
        }

        return -1;
    }

    private static (int Node, double Metres) Nearest(NetworkTopology topology, PlanningGraph graph, GeoPoint at)
    {
        // Rank by an equirectangular approximation (cheap), then measure the winner exactly.
        double cosLat = Math.Cos(at.Latitude * Math.PI / 180);
        int best = -1;
        double bestKey = double.PositiveInfinity;
        var locations = topology.NodeLocations;
        for (int v = 0; v < locations.Length; v++)
        {
            if (!graph.HasArcs(v))
            {
                continue;
            }

            double dy = locations[v].Latitude - at.Latitude;
            double dx = (locations[v].Longitude - at.Longitude) * cosLat;
            double key = dx * dx + dy * dy;
            if (key < bestKey)
            {
                bestKey = key;
                best = v;
            }
        }

        return best < 0 ? (-1, 0) : (best, at.DistanceTo(locations[best]));
    }
}
