using PostRoute.Engine.Routing;

namespace PostRoute.Engine.Formats;

/// <summary>
/// A routing problem to solve. Stops and vehicles name locations by id. Travel comes from exactly one of:
/// a stored network (<c>travel.network</c>: every location is a network node, either declared in <c>locations</c>
/// with a <c>nodeId</c> or named directly by its node id), coordinates (<c>travel.coordinates</c>: great-circle or
/// planar distance at a constant speed between declared locations), or explicit matrices (<c>travel.matrices</c>:
/// one per vehicle profile, rows and columns in the order of <c>locations</c>). Times are seconds from the planning
/// origin (e.g. midnight), distances metres; amounts are whole numbers per capacity dimension.
/// </summary>
/// <param name="Name">Name of the plan, for lists and reports.</param>
/// <param name="Solver">Solver name (default <c>ortools</c>); GET /plans/solvers lists those available.</param>
/// <param name="TimeLimitSeconds">Search time limit in seconds (default from configuration; capped by PostRoute:Solving:MaxTimeLimitSeconds).</param>
/// <param name="Seed">Random seed for solvers that use one (default 0).</param>
/// <param name="StopWhen">Criteria that end the search before the time limit.</param>
/// <param name="Objective"><c>minimizeCost</c> (default) or <c>minimizeVehiclesFirst</c>.</param>
/// <param name="Travel">Where travel times and distances come from.</param>
/// <param name="Locations">Declared locations (required for coordinate and matrix travel; optional with a network).</param>
/// <param name="Dimensions">Names of the capacity dimensions, e.g. <c>["parcels", "kg"]</c> (optional).</param>
/// <param name="Vehicles">The fleet (at least one vehicle).</param>
/// <param name="Jobs">Single-stop deliveries and pickups.</param>
/// <param name="Shipments">Pickup-and-delivery pairs carried by one vehicle.</param>
public sealed record PlanRequest(
    string? Name,
    string? Solver,
    double? TimeLimitSeconds,
    int? Seed,
    StopWhenRequest? StopWhen,
    Objective? Objective,
    TravelRequest? Travel,
    LocationRequest[]? Locations,
    string[]? Dimensions,
    VehicleRequest[]? Vehicles,
    JobRequest[]? Jobs,
    ShipmentRequest[]? Shipments);

/// <summary>Criteria that end a search early; the search stops at the time limit or as soon as any holds.</summary>
/// <param name="NoImprovementSeconds">Stop when the best solution has not improved for this many seconds.</param>
/// <param name="MaxSolutions">Stop after this many solutions (OR-Tools is deterministic for a given count).</param>
/// <param name="TargetCost">Stop once every mandatory task is served at a total cost ≤ this.</param>
public sealed record StopWhenRequest(double? NoImprovementSeconds, long? MaxSolutions, double? TargetCost);

/// <summary>Source of travel times and distances; give exactly one of the three.</summary>
/// <param name="Network">Id of a stored network: travel along its shortest paths, per vehicle profile (a network profile such as <c>truck</c>).</param>
/// <param name="NetworkVersion">Network version (default: current).</param>
/// <param name="Metric">With a network: <c>time</c> (default: fastest paths) or <c>distance</c> (shortest paths).</param>
/// <param name="Coordinates">Straight-line travel between the declared locations' coordinates.</param>
/// <param name="Matrices">Explicit matrices per vehicle profile.</param>
public sealed record TravelRequest(
    string? Network,
    long? NetworkVersion,
    string? Metric,
    CoordinateTravelRequest? Coordinates,
    Dictionary<string, MatrixTravelRequest>? Matrices);

/// <summary>Straight-line travel at a constant speed.</summary>
/// <param name="Kind"><c>greatCircle</c> (default: from latitude/longitude) or <c>planar</c> (from x/y).</param>
/// <param name="SpeedKmh">Speed in km/h (required, &gt; 0).</param>
/// <param name="DetourFactor">Great-circle distance multiplier approximating roads (≥ 1, default 1).</param>
/// <param name="MetresPerUnit">Planar: metres per coordinate unit (default 1).</param>
public sealed record CoordinateTravelRequest(string? Kind, double? SpeedKmh, double? DetourFactor, double? MetresPerUnit);

/// <summary>Explicit travel matrices; entry [i][j] is from location i to location j (order of <c>locations</c>); null means unreachable.</summary>
/// <param name="DurationsSeconds">Travel times, seconds.</param>
/// <param name="DistancesMetres">Distances, metres (default: the durations, one metre per second).</param>
public sealed record MatrixTravelRequest(double?[][]? DurationsSeconds, double?[][]? DistancesMetres);

/// <summary>A declared location.</summary>
/// <param name="Id">Unique location id, used by stops and vehicles.</param>
/// <param name="NodeId">Network node of the location (network travel; default: the id).</param>
/// <param name="Latitude">Degrees north (great-circle travel, maps).</param>
/// <param name="Longitude">Degrees east.</param>
/// <param name="X">Planar X coordinate (planar travel).</param>
/// <param name="Y">Planar Y coordinate.</param>
public sealed record LocationRequest(string? Id, string? NodeId, double? Latitude, double? Longitude, double? X, double? Y);

/// <summary>A time window in seconds; a null end means open-ended.</summary>
/// <param name="Start">Earliest time, seconds (≥ 0).</param>
/// <param name="End">Latest time, seconds, or null for no end.</param>
public sealed record WindowRequest(double Start, double? End);

/// <summary>A vehicle and its driver's shift.</summary>
/// <param name="Id">Unique vehicle id.</param>
/// <param name="Profile">Travel profile (network: a network profile; default: the network's first profile, the only matrix profile, or <c>default</c>).</param>
/// <param name="Start">Location id where the route starts.</param>
/// <param name="End">Location id where it ends; null for an open route (ends at the last stop). Default: the start.</param>
/// <param name="OpenRoute">True for an open route (same as end = null).</param>
/// <param name="Shift">When the vehicle may leave and must be back.</param>
/// <param name="Capacity">Capacity per dimension (omit for unlimited).</param>
/// <param name="FixedCost">Cost when used.</param>
/// <param name="CostPerKm">Cost per km (default 1).</param>
/// <param name="CostPerHour">Cost per hour of route duration (default 0).</param>
/// <param name="Skills">Skills of vehicle and driver.</param>
/// <param name="MaxDurationSeconds">Maximum route duration, seconds.</param>
/// <param name="MaxTravelSeconds">Maximum driving time, seconds.</param>
/// <param name="MaxDistanceMetres">Maximum distance, metres.</param>
/// <param name="MaxStops">Maximum number of stops.</param>
/// <param name="Breaks">Driver breaks.</param>
public sealed record VehicleRequest(
    string? Id,
    string? Profile,
    string? Start,
    string? End,
    bool? OpenRoute,
    WindowRequest? Shift,
    long[]? Capacity,
    double? FixedCost,
    double? CostPerKm,
    double? CostPerHour,
    string[]? Skills,
    double? MaxDurationSeconds,
    double? MaxTravelSeconds,
    double? MaxDistanceMetres,
    int? MaxStops,
    BreakRequest[]? Breaks);

/// <summary>A driver's break.</summary>
/// <param name="Id">Id, unique within the vehicle.</param>
/// <param name="Windows">Allowed start times (empty: any time in the shift).</param>
/// <param name="DurationSeconds">Length, seconds.</param>
public sealed record BreakRequest(string? Id, WindowRequest[]? Windows, double DurationSeconds);

/// <summary>A single-stop job.</summary>
/// <param name="Id">Unique id among jobs and shipments.</param>
/// <param name="Location">Location id (with a network: a declared location or a node id).</param>
/// <param name="Delivery">Amounts delivered (loaded at the start), per dimension.</param>
/// <param name="Pickup">Amounts picked up (carried to the end), per dimension.</param>
/// <param name="ServiceSeconds">Time at the stop, seconds.</param>
/// <param name="TimeWindows">Windows for the start of service (empty: any time).</param>
/// <param name="Skills">Skills the vehicle must have.</param>
/// <param name="Priority">0–100; higher-priority mandatory jobs are left out last.</param>
/// <param name="Penalty">Cost of leaving the job out; omit to make it mandatory.</param>
public sealed record JobRequest(
    string? Id,
    string? Location,
    long[]? Delivery,
    long[]? Pickup,
    double? ServiceSeconds,
    WindowRequest[]? TimeWindows,
    string[]? Skills,
    int? Priority,
    double? Penalty);

/// <summary>A pickup-and-delivery shipment.</summary>
/// <param name="Id">Unique id among jobs and shipments.</param>
/// <param name="Pickup">Where and when the goods are collected.</param>
/// <param name="Delivery">Where and when they are handed over.</param>
/// <param name="Amount">Amounts carried, per dimension.</param>
/// <param name="Skills">Skills the vehicle must have.</param>
/// <param name="Priority">0–100.</param>
/// <param name="Penalty">Cost of leaving it out; omit to make it mandatory.</param>
public sealed record ShipmentRequest(
    string? Id,
    StopRequest? Pickup,
    StopRequest? Delivery,
    long[]? Amount,
    string[]? Skills,
    int? Priority,
    double? Penalty);

/// <summary>One end of a shipment.</summary>
/// <param name="Location">Location id.</param>
/// <param name="ServiceSeconds">Time at the stop, seconds.</param>
/// <param name="TimeWindows">Windows for the start of service.</param>
public sealed record StopRequest(string? Location, double? ServiceSeconds, WindowRequest[]? TimeWindows);
