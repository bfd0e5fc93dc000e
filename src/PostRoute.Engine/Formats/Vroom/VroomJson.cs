using System.Buffers;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using PostRoute.Engine.Network;
using PostRoute.Engine.Routing;

namespace PostRoute.Engine.Formats.Vroom;

/// <summary>Settings for reading VROOM input.</summary>
public sealed record VroomReadOptions
{
    /// <summary>
    /// Speed used when the input gives coordinates but no matrices (VROOM would ask a road router): travel is the
    /// great-circle distance × <see cref="DetourFactor"/> at this speed, metres per second. Default 40 km/h.
    /// </summary>
    public double SpeedMetresPerSecond { get; init; } = 40 / 3.6;

    /// <summary>Great-circle distance multiplier approximating roads (≥ 1). Default 1.3.</summary>
    public double DetourFactor { get; init; } = 1.3;

    /// <summary>Name given to the built problem.</summary>
    public string Name { get; init; } = "vroom";
}

/// <summary>
/// A VROOM input document mapped onto a <see cref="RoutingProblem"/>, with what is needed to answer in VROOM's output
/// shape (<see cref="VroomJson.WriteSolution(VroomProblem, SolveResult)"/>). Immutable and thread-safe.
/// </summary>
public sealed class VroomProblem
{
    internal VroomProblem(RoutingProblem problem, bool hasDistances, bool matrixMode, VehicleInfo[] vehicles, PlaceInfo[] jobs,
        (PlaceInfo Pickup, PlaceInfo Delivery)[] shipments, LocationInfo[] locations, double[] jobSetup, (double Pickup, double Delivery)[] shipmentSetup)
    {
        Problem = problem;
        HasDistances = hasDistances;
        MatrixMode = matrixMode;
        Vehicles = vehicles;
        Jobs = jobs;
        Shipments = shipments;
        Locations = locations;
        JobSetup = jobSetup;
        ShipmentSetup = shipmentSetup;
    }

    /// <summary>The Engine problem: vehicles, jobs and shipments in the input's order.</summary>
    public RoutingProblem Problem { get; }

    /// <summary>True when distances are known (input distance matrices, or coordinates); otherwise distances are reported as 0 and left out of the output.</summary>
    public bool HasDistances { get; }

    internal bool MatrixMode { get; }

    internal VehicleInfo[] Vehicles { get; }

    internal PlaceInfo[] Jobs { get; }

    internal (PlaceInfo Pickup, PlaceInfo Delivery)[] Shipments { get; }

    internal LocationInfo[] Locations { get; }

    internal double[] JobSetup { get; }

    internal (double Pickup, double Delivery)[] ShipmentSetup { get; }

    internal sealed record VehicleInfo(ulong Id, string? Description, double Fixed, double PerHour, double PerKm, ulong[] BreakIds, string?[] BreakDescriptions);

    internal sealed record PlaceInfo(ulong Id, string? Description);

    internal sealed record LocationInfo(double[]? Coordinates, int? Index);
}

/// <summary>
/// Reads VROOM's JSON input (vehicles, jobs, shipments, matrices per profile, time windows, skills, priorities, breaks,
/// capacity/delivery/pickup/amount) into a <see cref="VroomProblem"/>, and writes a solution in VROOM's output shape
/// (<c>code</c>, <c>summary</c>, <c>unassigned</c>, <c>routes</c> with steps), so that a VROOM client can switch by
/// changing a URL. Thread-safe.
/// </summary>
/// <remarks>
/// <para>Mapping. Ids are VROOM's unsigned integers; skills become strings; <c>time_window</c> is the vehicle's shift;
/// a vehicle without <c>end</c> has an open route. With <c>matrices</c> (or the legacy <c>matrix</c>) every place needs
/// a <c>location_index</c>; without, every place needs <c>location</c> [lon, lat] and travel is great-circle at
/// <see cref="VroomReadOptions.SpeedMetresPerSecond"/> (VROOM would ask a road router). <c>speed_factor</c> divides
/// the vehicle's durations.</para>
/// <para>Differences from VROOM, all documented in the output: vehicle <c>costs.per_hour</c> (default 3600) is charged
/// by this library on the whole route duration (travel, service, waiting), VROOM charges travel time only — the
/// reported <c>cost</c> is recomputed VROOM's way (fixed + per_hour × travel h + per_km × km); <c>setup</c> is added to
/// the service time on every visit (VROOM skips it after a stop at the same location); custom <c>costs</c> matrices and a
/// vehicle without <c>start</c> are rejected; break <c>max_load</c> and vehicle <c>steps</c> are ignored. Output
/// times, distances and costs are rounded to whole numbers as VROOM's are.</para>
/// <para>Invalid input throws <see cref="RoutingValidationException"/> whose paths use VROOM's names, e.g.
/// <c>jobs[2].time_windows[0]</c>; malformed JSON is reported the same way with its JSON path.</para>
/// </remarks>
public static class VroomJson
{
    /// <summary>VROOM's default vehicle profile.</summary>
    public const string DefaultProfile = "car";

    /// <summary>Reads VROOM input from JSON text.</summary>
    /// <exception cref="RoutingValidationException">The input is malformed or describes an invalid problem.</exception>
    public static VroomProblem Read(string json, VroomReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Read(Encoding.UTF8.GetBytes(json), options);
    }

    /// <summary>Reads VROOM input from UTF-8 JSON; reads the stream to its end and leaves it open.</summary>
    /// <exception cref="RoutingValidationException">The input is malformed or describes an invalid problem.</exception>
    public static VroomProblem Read(Stream utf8Json, VroomReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        using var copy = new MemoryStream();
        utf8Json.CopyTo(copy);
        return Read(copy.ToArray(), options);
    }

    private static VroomProblem Read(byte[] utf8, VroomReadOptions? options)
    {
        VroomInput? input;
        try
        {
            input = JsonSerializer.Deserialize(utf8, VroomJsonContext.Default.VroomInput);
        }
        catch (JsonException ex)
        {
            string path = ex.Path is { Length: > 1 } p ? p.TrimStart('$', '.') : "$";
            string message = ex.Message;
            int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut];
            }

            string line = ex.LineNumber is { } l ? $" (line {l + 1})" : "";
            throw new RoutingValidationException([new RoutingValidationError(path.Length == 0 ? "$" : path, $"invalid JSON{line}: {message}")]);
        }

        if (input is null)
        {
            throw new RoutingValidationException([new RoutingValidationError("$", "the document is null")]);
        }

        return new VroomReader(input, options ?? new VroomReadOptions()).Build();
    }

    /// <summary>Writes <paramref name="result"/> in VROOM's output shape (compact JSON, final newline).</summary>
    public static string WriteSolution(VroomProblem problem, SolveResult result)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(result);
        return JsonOutput.ToText(JsonOutput.Options(indented: false), w => VroomWriter.Write(w, problem, result.Solution, result.Elapsed));
    }

    /// <summary>Writes <paramref name="solution"/> in VROOM's output shape; <paramref name="solvingTime"/> is reported in <c>computing_times</c>.</summary>
    public static string WriteSolution(VroomProblem problem, RoutingSolution solution, TimeSpan solvingTime)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(solution);
        return JsonOutput.ToText(JsonOutput.Options(indented: false), w => VroomWriter.Write(w, problem, solution, solvingTime));
    }

    /// <summary>VROOM's error body: <c>{"code": code, "error": message}</c> (code 1 internal, 2 input, 3 routing).</summary>
    public static string WriteError(int code, string message) =>
        JsonOutput.ToText(JsonOutput.Options(indented: false), w =>
        {
            w.WriteStartObject();
            w.WriteNumber("code", code);
            w.WriteString("error", message);
            w.WriteEndObject();
        });

    private sealed class VroomReader(VroomInput input, VroomReadOptions options)
    {
        private readonly List<RoutingValidationError> _errors = [];
        private readonly ProblemBuilder _builder = new(options.Name);
        private readonly Dictionary<string, int> _locationByKey = new(StringComparer.Ordinal);
        private readonly List<VroomProblem.LocationInfo> _locations = [];
        private Dictionary<string, VroomMatrix> _matrices = new(StringComparer.Ordinal);
        private int _matrixSize = -1;

        private bool MatrixMode => _matrixSize >= 0;

        public VroomProblem Build()
        {
            ReadMatrices();
            var vehicles = ReadVehicles();
            var (jobs, jobSetup) = ReadJobs();
            var (shipments, shipmentSetup) = ReadShipments();
            bool hasDistances = SetTravel();

            var errors = _errors.Concat(_builder.Validate().Select(Translate)).ToList();
            if (errors.Count > 0)
            {
                throw new RoutingValidationException(errors);
            }

            return new VroomProblem(_builder.Build(), hasDistances, MatrixMode, vehicles, jobs, shipments, [.. _locations], jobSetup, shipmentSetup);
        }

        private void ReadMatrices()
        {
            if (input.Matrices is { Count: > 0 } matrices)
            {
                foreach (var (profile, matrix) in matrices)
                {
                    if (matrix is null)
                    {
                        Error($"matrices.{profile}", "is null");
                        continue;
                    }

                    if (matrix.Costs is not null)
                    {
                        Error($"matrices.{profile}.costs", "custom cost matrices are not supported; give durations (and distances)");
                    }

                    if (matrix.Durations is null)
                    {
                        Error($"matrices.{profile}.durations", "is required");
                        continue;
                    }

                    _matrices[profile] = matrix;
                }
            }
            else if (input.Matrix is { } legacy)
            {
                _matrices[DefaultProfile] = new VroomMatrix { Durations = legacy };
            }

            foreach (var (profile, matrix) in _matrices)
            {
                int n = matrix.Durations!.Count;
                if (_matrixSize >= 0 && n != _matrixSize)
                {
                    Error($"matrices.{profile}.durations", $"has {n} rows; other matrices have {_matrixSize}");
                }

                _matrixSize = Math.Max(_matrixSize, n);
            }

            if (MatrixMode)
            {
                for (int i = 0; i < _matrixSize; i++)
                {
                    _builder.AddLocation(new Location("#" + i.ToString(CultureInfo.InvariantCulture)));
                    _locations.Add(new VroomProblem.LocationInfo(null, i));
                }
            }
        }

        private VroomProblem.VehicleInfo[] ReadVehicles()
        {
            var vehicles = input.Vehicles ?? [];
            if (vehicles.Count == 0)
            {
                Error("vehicles", "give at least one vehicle");
            }

            var infos = new List<VroomProblem.VehicleInfo>();
            var ids = new HashSet<ulong>();
            for (int i = 0; i < vehicles.Count; i++)
            {
                string path = $"vehicles[{i}]";
                var v = vehicles[i];
                if (v is null)
                {
                    Error(path, "is null");
                    continue;
                }

                if (v.Id is not { } id)
                {
                    Error($"{path}.id", "is required");
                }
                else if (!ids.Add(id))
                {
                    Error($"{path}.id", $"duplicate vehicle id {id}");
                }

                int start = 0;
                if (v.Start is null && v.StartIndex is null)
                {
                    Error($"{path}.start", "a vehicle without a start is not supported; give start or start_index");
                }
                else
                {
                    start = Place(v.Start, v.StartIndex, $"{path}.start");
                }

                int? end = v.End is null && v.EndIndex is null ? null : Place(v.End, v.EndIndex, $"{path}.end");
                double speedFactor = v.SpeedFactor ?? 1;
                if (!double.IsFinite(speedFactor) || speedFactor <= 0 || speedFactor > 5)
                {
                    Error($"{path}.speed_factor", "must be > 0 and ≤ 5");
                    speedFactor = 1;
                }

                string profile = v.Profile ?? DefaultProfile;
                string key = speedFactor == 1 ? profile : $"{profile}@{speedFactor.ToString(CultureInfo.InvariantCulture)}";
                if (MatrixMode && !_matrices.ContainsKey(profile))
                {
                    Error($"{path}.profile", $"no matrix for profile '{profile}' (matrices: {string.Join(", ", _matrices.Keys)})");
                }

                var breaks = v.Breaks ?? [];
                _builder.AddVehicle(new Vehicle($"vehicle {v.Id}", start, end)
                {
                    Profile = key,
                    Shift = v.TimeWindow is null ? TimeWindow.Unbounded : Window(v.TimeWindow, $"{path}.time_window"),
                    Capacity = Amounts(v.Capacity),
                    FixedCost = v.Costs?.Fixed ?? 0,
                    CostPerHour = v.Costs?.PerHour ?? 3600,
                    CostPerKm = v.Costs?.PerKm ?? 0,
                    Skills = Skills(v.Skills),
                    MaxStops = v.MaxTasks,
                    MaxTravelSeconds = v.MaxTravelTime,
                    MaxDistanceMetres = v.MaxDistance,
                    Breaks = [.. breaks.Select((b, k) => b is null
                        ? new Break($"#{k}", [], 0)
                        : new Break(b.Id?.ToString(CultureInfo.InvariantCulture) ?? "", Windows(b.TimeWindows, $"{path}.breaks[{k}].time_windows"), b.Service ?? 0))],
                });
                infos.Add(new VroomProblem.VehicleInfo(v.Id ?? 0, v.Description, v.Costs?.Fixed ?? 0, v.Costs?.PerHour ?? 3600,
                    v.Costs?.PerKm ?? 0, [.. breaks.Select(b => b?.Id ?? 0)], [.. breaks.Select(b => b?.Description)]));
            }

            return [.. infos];
        }

        private (VroomProblem.PlaceInfo[] Infos, double[] Setup) ReadJobs()
        {
            var jobs = input.Jobs ?? [];
            var infos = new List<VroomProblem.PlaceInfo>();
            var setup = new List<double>();
            var ids = new HashSet<ulong>();
            for (int i = 0; i < jobs.Count; i++)
            {
                string path = $"jobs[{i}]";
                var j = jobs[i];
                if (j is null)
                {
                    Error(path, "is null");
                    continue;
                }

                CheckId(j.Id, ids, path, "job");
                var delivery = j.Delivery ?? j.Amount;
                _builder.AddJob(new Job($"job {j.Id}", Place(j.Location, j.LocationIndex, $"{path}.location"))
                {
                    Delivery = Amounts(delivery),
                    Pickup = Amounts(j.Pickup),
                    ServiceSeconds = (j.Setup ?? 0) + (j.Service ?? 0),
                    TimeWindows = Windows(j.TimeWindows, $"{path}.time_windows"),
                    Skills = Skills(j.Skills),
                    Priority = j.Priority ?? 0,
                });
                infos.Add(new VroomProblem.PlaceInfo(j.Id ?? 0, j.Description));
                setup.Add(j.Setup ?? 0);
            }

            return ([.. infos], [.. setup]);
        }

        private ((VroomProblem.PlaceInfo, VroomProblem.PlaceInfo)[] Infos, (double, double)[] Setup) ReadShipments()
        {
            var shipments = input.Shipments ?? [];
            var infos = new List<(VroomProblem.PlaceInfo, VroomProblem.PlaceInfo)>();
            var setup = new List<(double, double)>();
            var pickupIds = new HashSet<ulong>();
            var deliveryIds = new HashSet<ulong>();
            for (int i = 0; i < shipments.Count; i++)
            {
                string path = $"shipments[{i}]";
                var s = shipments[i];
                if (s is null)
                {
                    Error(path, "is null");
                    continue;
                }

                ShipmentStop Stop(VroomPlace? place, string name, HashSet<ulong> ids)
                {
                    if (place is null)
                    {
                        Error($"{path}.{name}", "is required");
                        return new ShipmentStop(0);
                    }

                    CheckId(place.Id, ids, $"{path}.{name}", name);
                    return new ShipmentStop(Place(place.Location, place.LocationIndex, $"{path}.{name}.location"))
                    {
                        ServiceSeconds = (place.Setup ?? 0) + (place.Service ?? 0),
                        TimeWindows = Windows(place.TimeWindows, $"{path}.{name}.time_windows"),
                    };
                }

                var pickup = Stop(s.Pickup, "pickup", pickupIds);
                var delivery = Stop(s.Delivery, "delivery", deliveryIds);
                _builder.AddShipment(new Shipment($"shipment {s.Pickup?.Id}-{s.Delivery?.Id} #{i}", pickup, delivery)
                {
                    Amount = Amounts(s.Amount),
                    Skills = Skills(s.Skills),
                    Priority = s.Priority ?? 0,
                });
                infos.Add((new VroomProblem.PlaceInfo(s.Pickup?.Id ?? 0, s.Pickup?.Description),
                    new VroomProblem.PlaceInfo(s.Delivery?.Id ?? 0, s.Delivery?.Description)));
                setup.Add((s.Pickup?.Setup ?? 0, s.Delivery?.Setup ?? 0));
            }

            return ([.. infos], [.. setup]);
        }

        /// <summary>Registers one travel provider per vehicle profile (with its speed factor); returns whether distances are known.</summary>
        private bool SetTravel()
        {
            var keys = _builder.Vehicles.Select(v => v.Profile).Distinct(StringComparer.Ordinal).ToList();
            if (!MatrixMode)
            {
                foreach (string key in keys)
                {
                    _builder.SetTravel(CoordinateTravel.GreatCircle(options.SpeedMetresPerSecond * SpeedFactor(key), options.DetourFactor), key);
                }

                return true;
            }

            bool allDistances = true;
            foreach (string key in keys)
            {
                string profile = ProfileOf(key);
                if (!_matrices.TryGetValue(profile, out var matrix))
                {
                    continue; // reported on the vehicle
                }

                double factor = SpeedFactor(key);
                var durations = Square(matrix.Durations!, $"matrices.{profile}.durations", factor);
                var distances = matrix.Distances is null ? new double[_matrixSize, _matrixSize] : Square(matrix.Distances, $"matrices.{profile}.distances", 1);
                allDistances &= matrix.Distances is not null;
                if (durations is not null && distances is not null)
                {
                    _builder.SetTravel(new MatrixTravel(durations, distances), key);
                }
            }

            return allDistances;
        }

        private double[,]? Square(List<List<double>?> rows, string path, double speedFactor)
        {
            int n = _matrixSize;
            if (rows.Count != n)
            {
                Error(path, $"has {rows.Count} rows; expected {n}");
                return null;
            }

            var values = new double[n, n];
            for (int i = 0; i < n; i++)
            {
                if (rows[i] is not { } row || row.Count != n)
                {
                    Error($"{path}[{i}]", $"has {rows[i]?.Count ?? 0} entries; expected {n}");
                    return null;
                }

                for (int j = 0; j < n; j++)
                {
                    values[i, j] = row[j] / speedFactor;
                }
            }

            return values;
        }

        private int Place(List<double>? coordinates, int? index, string path)
        {
            if (MatrixMode)
            {
                if (index is not { } i)
                {
                    Error($"{path}_index", "is required when matrices are given");
                    return 0;
                }

                if (i < 0 || i >= _matrixSize)
                {
                    Error($"{path}_index", $"{i} is outside the {_matrixSize} × {_matrixSize} matrices");
                    return 0;
                }

                if (coordinates is [var lon, var lat] && _locations[i].Coordinates is null)
                {
                    _locations[i] = _locations[i] with { Coordinates = [lon, lat] };
                }

                return i;
            }

            if (coordinates is not [var longitude, var latitude])
            {
                Error(path, coordinates is null
                    ? "[longitude, latitude] is required (no matrices are given)"
                    : $"must be [longitude, latitude], got {coordinates.Count} numbers");
                return 0;
            }

            var geo = new GeoPoint(latitude, longitude);
            if (!geo.IsValid)
            {
                Error(path, $"[{longitude}, {latitude}] is not a valid [longitude, latitude]");
                return 0;
            }

            string key = FormattableString.Invariant($"{longitude},{latitude}");
            if (!_locationByKey.TryGetValue(key, out int location))
            {
                location = _builder.AddLocation(Location.AtGeo(key, geo));
                _locationByKey[key] = location;
                _locations.Add(new VroomProblem.LocationInfo([longitude, latitude], null));
            }

            return location;
        }

        private TimeWindow Window(List<double> window, string path)
        {
            if (window is not [var start, var end])
            {
                Error(path, $"must be [start, end], got {window.Count} numbers");
                return TimeWindow.Unbounded;
            }

            return new TimeWindow(start, end);
        }

        private ImmutableArray<TimeWindow> Windows(List<List<double>?>? windows, string path) =>
            windows is null ? [] : [.. windows.Select((w, k) => w is null ? Fail($"{path}[{k}]") : Window(w, $"{path}[{k}]"))];

        private TimeWindow Fail(string path)
        {
            Error(path, "is null");
            return TimeWindow.Unbounded;
        }

        private void CheckId(ulong? id, HashSet<ulong> ids, string path, string kind)
        {
            if (id is not { } value)
            {
                Error($"{path}.id", "is required");
            }
            else if (!ids.Add(value))
            {
                Error($"{path}.id", $"duplicate {kind} id {value}");
            }
        }

        private static Amounts Amounts(List<long>? values) => values is null ? default : new Amounts([.. values]);

        private static ImmutableArray<string> Skills(List<ulong>? skills) =>
            skills is null ? [] : [.. skills.Select(s => s.ToString(CultureInfo.InvariantCulture))];

        private static string ProfileOf(string key) => key.LastIndexOf('@') is var at and > 0 ? key[..at] : key;

        private static double SpeedFactor(string key) =>
            key.LastIndexOf('@') is var at and > 0 ? double.Parse(key[(at + 1)..], CultureInfo.InvariantCulture) : 1;

        private void Error(string path, string message) => _errors.Add(new RoutingValidationError(path, message));

        private static readonly (string Ours, string Vroom)[] FieldNames =
        [
            (".serviceSeconds", ".service"), (".timeWindows", ".time_windows"), (".shift", ".time_window"),
            (".maxStops", ".max_tasks"), (".maxTravelSeconds", ".max_travel_time"), (".maxDistanceMetres", ".max_distance"),
            (".windows", ".time_windows"), (".durationSeconds", ".service"), (".costPerHour", ".costs.per_hour"),
            (".costPerKm", ".costs.per_km"), (".fixedCost", ".costs.fixed"),
        ];

        /// <summary>Restates a builder error path with VROOM's names.</summary>
        private RoutingValidationError Translate(RoutingValidationError error)
        {
            string path = error.Path;
            foreach (var (ours, vroom) in FieldNames)
            {
                path = path.Replace(ours, vroom, StringComparison.Ordinal);
            }

            if (path.StartsWith("travel[", StringComparison.Ordinal))
            {
                int close = path.IndexOf(']', StringComparison.Ordinal);
                path = MatrixMode ? $"matrices.{ProfileOf(path[7..close])}" : "vehicles";
            }

            return error with { Path = path };
        }
    }
}
