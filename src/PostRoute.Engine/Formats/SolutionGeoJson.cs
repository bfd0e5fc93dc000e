using System.Text.Json;
using PostRoute.Engine.Network;
using PostRoute.Engine.Paths;
using PostRoute.Engine.Routing;

namespace PostRoute.Engine.Formats;

/// <summary>
/// Writes the routes of a <see cref="RoutingSolution"/> as an RFC 7946 GeoJSON <c>FeatureCollection</c> for map
/// display: one <c>LineString</c> per route, then one <c>Point</c> per route step that has a location (start, stops,
/// end), then one <c>Point</c> per unassigned task with a position (a shipment at its pickup). Positions are <c>[longitude, latitude]</c> from
/// <see cref="Location.Geo"/>. Output is UTF-8 without BOM, compact, with a final newline. Thread-safe.
/// </summary>
/// <remarks>
/// When the vehicle's profile travels on a network (an entry in <c>networkTravel</c>, else the problem's own
/// <see cref="NetworkTravel"/> for that profile), each leg of its line follows
/// the network path between the two stops' nodes (the path the travel table was computed from), through the node
/// positions; otherwise a leg is a straight segment between the stops' <see cref="Location.Geo"/> positions. Stops
/// without a position are left out of the line (and get no point feature); a route with fewer than two positions
/// gets a <c>null</c> geometry, which RFC 7946 allows. Properties: routes carry <c>vehicle</c>, <c>profile</c>,
/// <c>stops</c>, <c>distanceMetres</c>, <c>durationSeconds</c> and <c>cost</c>; steps carry <c>vehicle</c>,
/// <c>sequence</c> (0 = start), <c>type</c> (<c>start</c>, <c>job</c>, <c>pickup</c>, <c>delivery</c>, <c>end</c>),
/// <c>id</c>, <c>location</c>, <c>arrivalSeconds</c> and <c>serviceStartSeconds</c>; unassigned tasks carry
/// <c>type</c> = <c>unassigned</c>, <c>id</c>, <c>taskType</c> and <c>reason</c>.
/// </remarks>
public static class SolutionGeoJson
{
    private static readonly JsonWriterOptions WriterOptions = JsonOutput.Options(indented: false);

    /// <summary>Writes the solution's routes as a GeoJSON string.</summary>
    /// <param name="problem">The problem solved (for locations and vehicles).</param>
    /// <param name="solution">The solution to draw.</param>
    /// <param name="networkTravel">Network travel per problem profile, to draw legs along network paths; for a profile it does not
    /// name (or when null), the problem's own network travel is used, and legs of profiles without one are straight.</param>
    public static string Write(RoutingProblem problem, RoutingSolution solution, IReadOnlyDictionary<string, NetworkTravel>? networkTravel = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(solution);
        return JsonOutput.ToText(WriterOptions, w => WriteCollection(w, problem, solution, networkTravel));
    }

    /// <summary>Writes the solution's routes as UTF-8 GeoJSON to <paramref name="utf8GeoJson"/>, which is left open.</summary>
    /// <param name="problem">The problem solved.</param>
    /// <param name="solution">The solution to draw.</param>
    /// <param name="utf8GeoJson">Receives the GeoJSON.</param>
    /// <param name="networkTravel">Network travel per problem profile, or null (the problem's own is used then).</param>
    public static void Write(RoutingProblem problem, RoutingSolution solution, Stream utf8GeoJson, IReadOnlyDictionary<string, NetworkTravel>? networkTravel = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(solution);
        ArgumentNullException.ThrowIfNull(utf8GeoJson);
        JsonOutput.ToStream(utf8GeoJson, WriterOptions, w => WriteCollection(w, problem, solution, networkTravel));
    }

    private static void WriteCollection(Utf8JsonWriter w, RoutingProblem problem, RoutingSolution solution,
        IReadOnlyDictionary<string, NetworkTravel>? networkTravel)
    {
        w.WriteStartObject();
        w.WriteString("type", "FeatureCollection");
        w.WriteString("name", problem.Name);
        w.WriteStartArray("features");
        foreach (var route in solution.Routes)
        {
            WriteRouteLine(w, problem, route, networkTravel);
        }

        foreach (var route in solution.Routes)
        {
            var travel = TravelOf(problem, route.VehicleIndex, networkTravel);
            for (int s = 0; s < route.Steps.Length; s++)
            {
                var step = route.Steps[s];
                if (step.Location is not { } location || PositionOf(problem.Locations[location], travel) is not { } geo)
                {
                    continue;
                }

                StartPoint(w, geo);
                w.WriteString("vehicle", route.VehicleId);
                w.WriteNumber("sequence", s);
                w.WriteString("type", StepType(step.Kind));
                w.WriteString("id", step.Id);
                w.WriteString("location", problem.Locations[location].Id);
                w.WriteNumber("arrivalSeconds", step.ArrivalSeconds);
                w.WriteNumber("serviceStartSeconds", step.ServiceStartSeconds);
                EndFeature(w);
            }
        }

        foreach (var task in solution.Unassigned)
        {
            int location = task.Kind == TaskKind.Job
                ? problem.Jobs[task.TaskIndex].Location
                : problem.Shipments[task.TaskIndex].Pickup.Location;
            // No vehicle serves it: any network of the problem can place its node.
            var anyTravel = networkTravel?.Values.FirstOrDefault()
                            ?? problem.Profiles.Select(problem.NetworkTravelOf).FirstOrDefault(t => t is not null);
            if (PositionOf(problem.Locations[location], anyTravel) is not { } geo)
            {
                continue;
            }

            StartPoint(w, geo);
            w.WriteString("type", "unassigned");
            w.WriteString("id", task.Id);
            w.WriteString("taskType", task.Kind == TaskKind.Job ? "job" : "shipment");
            w.WriteString("location", problem.Locations[location].Id);
            w.WriteString("reason", JsonNamingPolicy.CamelCase.ConvertName(task.Reason.ToString()));
            EndFeature(w);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteRouteLine(Utf8JsonWriter w, RoutingProblem problem, Route route,
        IReadOnlyDictionary<string, NetworkTravel>? networkTravel)
    {
        var vehicle = problem.Vehicles[route.VehicleIndex];
        var travel = TravelOf(problem, route.VehicleIndex, networkTravel);
        var positions = new List<GeoPoint>();
        Location? previous = null;
        foreach (var step in route.Steps)
        {
            if (step.Location is not { } index)
            {
                continue;
            }

            var location = problem.Locations[index];
            if (travel is not null && previous is not null)
            {
                var path = ShortestPaths.Find(travel.Network, NodeOf(previous), NodeOf(location),
                    travel.NetworkProfile, travel.Metric);
                // The first node is the previous stop, already drawn.
                foreach (string node in path.NodeIds.Skip(1))
                {
                    positions.Add(travel.Network.FindNode(node)!.Location);
                }
            }
            else if (PositionOf(location, travel) is { } position)
            {
                positions.Add(position);
            }

            previous = location;
        }

        w.WriteStartObject();
        w.WriteString("type", "Feature");
        if (positions.Count >= 2)
        {
            w.WriteStartObject("geometry");
            w.WriteString("type", "LineString");
            w.WriteStartArray("coordinates");
            foreach (var position in positions)
            {
                WritePosition(w, position);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("geometry");
        }

        w.WriteStartObject("properties");
        w.WriteString("vehicle", route.VehicleId);
        w.WriteString("profile", vehicle.Profile);
        w.WriteNumber("stops", route.StopCount);
        w.WriteNumber("distanceMetres", route.DistanceMetres);
        w.WriteNumber("durationSeconds", route.DurationSeconds);
        w.WriteNumber("cost", route.Cost);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    // The network node a location stands for, as NetworkTravel reads it.
    private static string NodeOf(Location location) => location.NodeId ?? location.Id;

    private static NetworkTravel? TravelOf(RoutingProblem problem, int vehicleIndex, IReadOnlyDictionary<string, NetworkTravel>? networkTravel)
    {
        string profile = problem.Vehicles[vehicleIndex].Profile;
        return networkTravel is not null && networkTravel.TryGetValue(profile, out var travel) ? travel : problem.NetworkTravelOf(profile);
    }

    // The location's own position, else its network node's.
    private static GeoPoint? PositionOf(Location location, NetworkTravel? travel) =>
        location.Geo ?? travel?.Network.FindNode(NodeOf(location))?.Location;

    private static void StartPoint(Utf8JsonWriter w, GeoPoint position)
    {
        w.WriteStartObject();
        w.WriteString("type", "Feature");
        w.WriteStartObject("geometry");
        w.WriteString("type", "Point");
        w.WritePropertyName("coordinates");
        WritePosition(w, position);
        w.WriteEndObject();
        w.WriteStartObject("properties");
    }

    private static void EndFeature(Utf8JsonWriter w)
    {
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WritePosition(Utf8JsonWriter w, GeoPoint position)
    {
        w.WriteStartArray();
        w.WriteNumberValue(position.Longitude);
        w.WriteNumberValue(position.Latitude);
        w.WriteEndArray();
    }

    private static string StepType(StepKind kind) => kind switch
    {
        StepKind.Start => "start",
        StepKind.Job => "job",
        StepKind.Pickup => "pickup",
        StepKind.Delivery => "delivery",
        StepKind.Break => "break",
        StepKind.End => "end",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
