using System.Collections.Immutable;
using System.Text.RegularExpressions;
using PostRoute.Engine.Network;
using PostRoute.Engine.Paths;
using PostRoute.Engine.Routing;

namespace PostRoute.Engine.Formats;

/// <summary>A <see cref="PlanRequest"/> turned into an Engine problem.</summary>
/// <param name="Problem">The validated problem.</param>
/// <param name="NetworkTravel">Network travel per problem profile (empty unless the plan travels on a network), for drawing routes.</param>
public sealed record MappedProblem(RoutingProblem Problem, IReadOnlyDictionary<string, NetworkTravel> NetworkTravel)
{
    /// <summary>
    /// <paramref name="problem"/> with the network travel it was built with (no new providers, so no paths computed
    /// again), e.g. a <see cref="Planning.MailRun"/>'s problem.
    /// </summary>
    public static MappedProblem Of(RoutingProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var travel = new Dictionary<string, NetworkTravel>(StringComparer.Ordinal);
        foreach (string profile in problem.Profiles)
        {
            if (problem.NetworkTravelOf(profile) is { } network)
            {
                travel[profile] = network;
            }
        }

        return new MappedProblem(problem, travel);
    }
}

/// <summary>
/// Maps a <see cref="PlanRequest"/> onto <see cref="ProblemBuilder"/> calls, field by field. Problems with the request
/// itself (a missing field, an unknown location id) and the builder's own validation errors are reported together in
/// one <see cref="RoutingValidationException"/> whose paths name the request's fields (e.g. <c>jobs[3].timeWindows[0]</c>).
/// Stateless.
/// </summary>
public static partial class PlanProblemMapper
{
    /// <summary>Builds the problem. <paramref name="network"/> is the network named by <c>travel.network</c>, already looked up (null when none or unknown).</summary>
    /// <exception cref="RoutingValidationException">The request is invalid; every problem is listed.</exception>
    public static MappedProblem Map(PlanRequest request, PostalNetwork? network, MatrixCache? cache, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var run = new Run(request, network);
        return run.Build(cache, cancellationToken);
    }

    private sealed class Run(PlanRequest request, PostalNetwork? network)
    {
        private readonly ProblemBuilder _builder = new(string.IsNullOrWhiteSpace(request.Name) ? "plan" : request.Name);
        private readonly List<RoutingValidationError> _errors = [];
        private readonly Dictionary<string, int> _locationIndex = new(StringComparer.Ordinal);
        private readonly List<string> _implicitReferences = []; // path of the first reference of each implicit location
        private int _declared;

        private TravelRequest Travel => request.Travel ?? new TravelRequest(null, null, null, null, null);

        private bool OnNetwork => Travel.Network is not null;

        public MappedProblem Build(MatrixCache? cache, CancellationToken cancellationToken)
        {
            if (request.Objective is { } objective)
            {
                _builder.Objective = objective;
            }

            int modes = (Travel.Network is null ? 0 : 1) + (Travel.Coordinates is null ? 0 : 1) + (Travel.Matrices is null ? 0 : 1);
            if (modes != 1)
            {
                Error("travel", "give exactly one of 'network', 'coordinates' or 'matrices'");
            }

            if (Travel.Network is { } networkId && network is null)
            {
                Error("travel.network", $"no network with id '{networkId}'" + (Travel.NetworkVersion is { } v ? $" and version {v}" : ""));
            }

            var metric = PathMetric.Time;
            if (Travel.Metric is { } metricName)
            {
                if (!OnNetwork)
                {
                    Error("travel.metric", "applies to network travel only");
                }
                else if (metricName.Equals("distance", StringComparison.OrdinalIgnoreCase))
                {
                    metric = PathMetric.Distance;
                }
                else if (!metricName.Equals("time", StringComparison.OrdinalIgnoreCase))
                {
                    Error("travel.metric", $"unknown metric '{metricName}'; use 'time' or 'distance'");
                }
            }

            AddDeclaredLocations();
            if (request.Dimensions is { } dimensions)
            {
                _builder.SetDimensions(dimensions);
            }

            string defaultProfile = OnNetwork && network is { Profiles.IsEmpty: false }
                ? network.Profiles[0]
                : Travel.Matrices is { Count: 1 } single ? single.Keys.First() : Vehicle.DefaultProfile;
            AddVehicles(defaultProfile);
            AddJobs();
            AddShipments();
            var networkTravel = SetTravel(metric, cache);

            var errors = _errors.Concat(_builder.Validate().Select(Translate)).ToList();
            if (errors.Count > 0)
            {
                throw new RoutingValidationException(errors);
            }

            return new MappedProblem(_builder.Build(cancellationToken), networkTravel);
        }

        private void AddDeclaredLocations()
        {
            var locations = request.Locations ?? [];
            for (int i = 0; i < locations.Length; i++)
            {
                var given = locations[i];
                string path = $"locations[{i}]";
                if (given is null)
                {
                    Error(path, "is null");
                    _builder.AddLocation(new Location($"#{i}"));
                    continue;
                }

                if ((given.Latitude is null) != (given.Longitude is null))
                {
                    Error($"{path}.{(given.Latitude is null ? "latitude" : "longitude")}", "give both latitude and longitude, or neither");
                }

                if ((given.X is null) != (given.Y is null))
                {
                    Error($"{path}.{(given.X is null ? "x" : "y")}", "give both x and y, or neither");
                }

                GeoPoint? geo = given is { Latitude: { } lat, Longitude: { } lon } ? new GeoPoint(lat, lon) : null;
                if (OnNetwork && geo is null && network?.FindNode(given.NodeId ?? given.Id ?? "") is { } node)
                {
                    geo = node.Location; // so that results and maps can place it
                }

                if (given.NodeId is not null && !OnNetwork)
                {
                    Error($"{path}.nodeId", "applies to network travel only");
                }

                var location = new Location(given.Id ?? "") { NodeId = given.NodeId, Geo = geo, X = given.X, Y = given.Y };
                int index = _builder.AddLocation(location);
                if (given.Id is not null)
                {
                    _locationIndex.TryAdd(given.Id, index);
                }
            }

            _declared = locations.Length;
        }

        private int Reference(string? id, string path)
        {
            if (string.IsNullOrEmpty(id))
            {
                Error(path, "a location id is required");
                return 0;
            }

            if (_locationIndex.TryGetValue(id, out int index))
            {
                return index;
            }

            if (!OnNetwork)
            {
                Error(path, $"unknown location '{id}'; declare it in 'locations'");
                return 0;
            }

            // With a network, an undeclared id is a node id.
            index = _builder.AddLocation(new Location(id) { Geo = network?.FindNode(id)?.Location });
            _locationIndex[id] = index;
            _implicitReferences.Add(path);
            return index;
        }

        private void AddVehicles(string defaultProfile)
        {
            var vehicles = request.Vehicles ?? [];
            if (vehicles.Length == 0)
            {
                Error("vehicles", "give at least one vehicle");
            }

            for (int i = 0; i < vehicles.Length; i++)
            {
                var v = vehicles[i];
                string path = $"vehicles[{i}]";
                if (v is null)
                {
                    Error(path, "is null");
                    continue;
                }

                int start = Reference(v.Start, $"{path}.start");
                int? end = v.OpenRoute == true ? null : v.End is null ? start : Reference(v.End, $"{path}.end");
                if (v.OpenRoute == true && v.End is not null)
                {
                    Error($"{path}.end", "an open route has no end");
                }

                string profile = v.Profile ?? defaultProfile;
                if (OnNetwork && network is not null && !network.Profiles.Contains(profile, StringComparer.Ordinal))
                {
                    Error($"{path}.profile", $"network '{Travel.Network}' has no profile '{profile}' (it has: {string.Join(", ", network.Profiles)})");
                }

                _builder.AddVehicle(new Vehicle(v.Id ?? "", start, end)
                {
                    Profile = profile,
                    Shift = v.Shift is null ? TimeWindow.Unbounded : Window(v.Shift),
                    Capacity = Amounts(v.Capacity),
                    FixedCost = v.FixedCost ?? 0,
                    CostPerKm = v.CostPerKm ?? 1,
                    CostPerHour = v.CostPerHour ?? 0,
                    Skills = Strings(v.Skills),
                    MaxDurationSeconds = v.MaxDurationSeconds,
                    MaxTravelSeconds = v.MaxTravelSeconds,
                    MaxDistanceMetres = v.MaxDistanceMetres,
                    MaxStops = v.MaxStops,
                    Breaks = [.. (v.Breaks ?? []).Select((b, k) => b is null
                        ? new Break($"#{k}", [], 0)
                        : new Break(b.Id ?? "", Windows(b.Windows), b.DurationSeconds))],
                });
            }
        }

        private void AddJobs()
        {
            var jobs = request.Jobs ?? [];
            for (int i = 0; i < jobs.Length; i++)
            {
                var j = jobs[i];
                string path = $"jobs[{i}]";
                if (j is null)
                {
                    Error(path, "is null");
                    continue;
                }

                _builder.AddJob(new Job(j.Id ?? "", Reference(j.Location, $"{path}.location"))
                {
                    Delivery = Amounts(j.Delivery),
                    Pickup = Amounts(j.Pickup),
                    ServiceSeconds = j.ServiceSeconds ?? 0,
                    TimeWindows = Windows(j.TimeWindows),
                    Skills = Strings(j.Skills),
                    Priority = j.Priority ?? 0,
                    Penalty = j.Penalty,
                });
            }
        }

        private void AddShipments()
        {
            var shipments = request.Shipments ?? [];
            for (int i = 0; i < shipments.Length; i++)
            {
                var s = shipments[i];
                string path = $"shipments[{i}]";
                if (s is null)
                {
                    Error(path, "is null");
                    continue;
                }

                ShipmentStop Stop(StopRequest? stop, string name)
                {
                    if (stop is null)
                    {
                        Error($"{path}.{name}", "is required");
                        return new ShipmentStop(0);
                    }

                    return new ShipmentStop(Reference(stop.Location, $"{path}.{name}.location"))
                    {
                        ServiceSeconds = stop.ServiceSeconds ?? 0,
                        TimeWindows = Windows(stop.TimeWindows),
                    };
                }

                _builder.AddShipment(new Shipment(s.Id ?? "", Stop(s.Pickup, "pickup"), Stop(s.Delivery, "delivery"))
                {
                    Amount = Amounts(s.Amount),
                    Skills = Strings(s.Skills),
                    Priority = s.Priority ?? 0,
                    Penalty = s.Penalty,
                });
            }
        }

        private Dictionary<string, NetworkTravel> SetTravel(PathMetric metric, MatrixCache? cache)
        {
            var networkTravel = new Dictionary<string, NetworkTravel>(StringComparer.Ordinal);
            var profiles = _builder.Vehicles.Select(v => v.Profile).Distinct(StringComparer.Ordinal).ToList();
            if (OnNetwork && network is not null)
            {
                foreach (string profile in profiles.Where(p => network.Profiles.Contains(p, StringComparer.Ordinal)))
                {
                    var travel = new NetworkTravel(network, profile, metric, cache);
                    networkTravel[profile] = travel;
                    _builder.SetTravel(travel, profile);
                }
            }
            else if (Travel.Coordinates is { } coordinates && CoordinateProvider(coordinates) is { } straight)
            {
                foreach (string profile in profiles)
                {
                    _builder.SetTravel(straight, profile);
                }
            }
            else if (Travel.Matrices is { } matrices)
            {
                foreach (var (profile, matrix) in matrices)
                {
                    if (MatrixProvider(profile, matrix) is { } explicitTravel)
                    {
                        _builder.SetTravel(explicitTravel, profile);
                    }
                }
            }

            return networkTravel;
        }

        private CoordinateTravel? CoordinateProvider(CoordinateTravelRequest coordinates)
        {
            const string path = "travel.coordinates";
            bool planar = coordinates.Kind?.ToLowerInvariant() switch
            {
                null or "greatcircle" => false,
                "planar" => true,
                _ => Fail($"{path}.kind", $"unknown kind '{coordinates.Kind}'; use 'greatCircle' or 'planar'"),
            };
            if (coordinates.SpeedKmh is not { } speed || !double.IsFinite(speed) || speed <= 0)
            {
                Error($"{path}.speedKmh", "a speed > 0 in km/h is required");
                return null;
            }

            double metresPerSecond = speed / 3.6;
            if (planar)
            {
                double unit = coordinates.MetresPerUnit ?? 1;
                if (!double.IsFinite(unit) || unit <= 0)
                {
                    Error($"{path}.metresPerUnit", "must be > 0");
                    return null;
                }

                return CoordinateTravel.Euclidean(unit, metresPerSecond);
            }

            double detour = coordinates.DetourFactor ?? 1;
            if (!double.IsFinite(detour) || detour < 1)
            {
                Error($"{path}.detourFactor", "must be ≥ 1");
                return null;
            }

            return CoordinateTravel.GreatCircle(metresPerSecond, detour);
        }

        private MatrixTravel? MatrixProvider(string profile, MatrixTravelRequest? matrix)
        {
            string path = $"travel.matrices.{profile}";
            if (matrix?.DurationsSeconds is null)
            {
                Error($"{path}.durationsSeconds", "is required");
                return null;
            }

            var durations = Square(matrix.DurationsSeconds, $"{path}.durationsSeconds");
            var distances = matrix.DistancesMetres is null ? durations : Square(matrix.DistancesMetres, $"{path}.distancesMetres");
            return durations is null || distances is null ? null : new MatrixTravel(durations, distances);
        }

        private double[,]? Square(double?[][] rows, string path)
        {
            int n = rows.Length;
            for (int i = 0; i < n; i++)
            {
                if (rows[i] is null || rows[i].Length != n)
                {
                    Error($"{path}[{i}]", $"has {rows[i]?.Length ?? 0} entries; the matrix must be {n} × {n}");
                    return null;
                }
            }

            var values = new double[n, n];
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    values[i, j] = rows[i][j] ?? double.PositiveInfinity;
                }
            }

            return values;
        }

        /// <summary>Restates a builder error path in the request's terms.</summary>
        private RoutingValidationError Translate(RoutingValidationError error)
        {
            string path = error.Path;
            var location = LocationPath().Match(path);
            if (location.Success)
            {
                int index = int.Parse(location.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                string rest = location.Groups[2].Value;
                if (index >= _declared && index - _declared < _implicitReferences.Count)
                {
                    // An undeclared network node: point at the field that named it.
                    return error with { Path = _implicitReferences[index - _declared] };
                }

                return error with { Path = rest == ".geo" ? $"locations[{index}]" : path };
            }

            var travel = TravelPath().Match(path);
            if (travel.Success)
            {
                string profile = travel.Groups[1].Value;
                string rest = travel.Groups[2].Value
                    .Replace(".durationSeconds", ".durationsSeconds", StringComparison.Ordinal)
                    .Replace(".distanceMetres", ".distancesMetres", StringComparison.Ordinal);
                rest = CellPath().Replace(rest, "[$1][$2]");
                string prefix = OnNetwork ? "travel.network" : Travel.Coordinates is not null ? "travel.coordinates" : $"travel.matrices.{profile}";
                return error with { Path = prefix + (OnNetwork || Travel.Coordinates is not null ? "" : rest) };
            }

            return error;
        }

        private static TimeWindow Window(WindowRequest window) => new(window.Start, window.End ?? double.PositiveInfinity);

        private static ImmutableArray<TimeWindow> Windows(WindowRequest[]? windows) =>
            windows is null ? [] : [.. windows.Select(w => w is null ? new TimeWindow(double.NaN, double.NaN) : Window(w))];

        private static Amounts Amounts(long[]? values) => values is null ? default : new Amounts([.. values]);

        private static ImmutableArray<string> Strings(string[]? values) => values is null ? [] : [.. values.Select(v => v ?? "")];

        private void Error(string path, string message) => _errors.Add(new RoutingValidationError(path, message));

        private bool Fail(string path, string message)
        {
            Error(path, message);
            return false;
        }
    }

    [GeneratedRegex(@"^locations\[(\d+)\](.*)$")]
    private static partial Regex LocationPath();

    [GeneratedRegex(@"^travel\[([^\]]*)\](.*)$")]
    private static partial Regex TravelPath();

    [GeneratedRegex(@"\[(\d+),(\d+)\]")]
    private static partial Regex CellPath();
}
