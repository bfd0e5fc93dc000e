using System.Collections.Immutable;
using System.Globalization;

namespace PostRoute.Engine.Routing;

/// <summary>
/// Mutable builder of an immutable <see cref="RoutingProblem"/>. Add locations first (each call returns the index
/// that jobs and vehicles refer to), then jobs, shipments and vehicles, and one <see cref="TravelCostProvider"/> per
/// vehicle profile. <see cref="Validate"/> reports every problem at once, each with its field path
/// (e.g. <c>jobs[3].timeWindows[0]: start is after end</c>; indices are positions in the order added);
/// <see cref="Build"/> throws <see cref="RoutingValidationException"/> with all of them. Not thread-safe.
/// </summary>
public sealed class ProblemBuilder
{
    private readonly List<Location> _locations = [];
    private readonly List<Job> _jobs = [];
    private readonly List<Shipment> _shipments = [];
    private readonly List<Vehicle> _vehicles = [];
    private readonly Dictionary<string, TravelCostProvider> _travel = new(StringComparer.Ordinal);
    private readonly List<string> _dimensionNames = [];

    /// <summary>Creates an empty builder for a problem called <paramref name="name"/>.</summary>
    public ProblemBuilder(string name = "problem") => Name = name;

    /// <summary>Name given to the built problem.</summary>
    public string Name { get; set; }

    /// <summary>How solutions are ranked; default <see cref="Routing.Objective.MinimizeCost"/>.</summary>
    public Objective Objective { get; set; } = Objective.MinimizeCost;

    /// <summary>Locations added so far.</summary>
    public IReadOnlyList<Location> Locations => _locations;

    /// <summary>Jobs added so far.</summary>
    public IReadOnlyList<Job> Jobs => _jobs;

    /// <summary>Shipments added so far.</summary>
    public IReadOnlyList<Shipment> Shipments => _shipments;

    /// <summary>Vehicles added so far.</summary>
    public IReadOnlyList<Vehicle> Vehicles => _vehicles;

    /// <summary>Declared capacity dimension names (empty until <see cref="SetDimensions"/> is called).</summary>
    public IReadOnlyList<string> DimensionNames => _dimensionNames;

    /// <summary>
    /// Declares the capacity dimensions by name (e.g. <c>"kg", "parcels"</c>). Optional: when none are declared the
    /// problem has as many dimensions as the longest amount vector given, named <c>d0</c>, <c>d1</c>, …
    /// </summary>
    public ProblemBuilder SetDimensions(params IEnumerable<string> names)
    {
        _dimensionNames.Clear();
        _dimensionNames.AddRange(names);
        return this;
    }

    /// <summary>Adds a location and returns its index.</summary>
    public int AddLocation(Location location)
    {
        ArgumentNullException.ThrowIfNull(location);
        _locations.Add(location);
        return _locations.Count - 1;
    }

    /// <summary>Adds a location with planar coordinates and returns its index.</summary>
    public int AddLocation(string id, double x, double y) => AddLocation(Location.AtPoint(id, x, y));

    /// <summary>Adds a job and returns its index in <see cref="RoutingProblem.Jobs"/>.</summary>
    public int AddJob(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        _jobs.Add(job);
        return _jobs.Count - 1;
    }

    /// <summary>Adds a shipment and returns its index in <see cref="RoutingProblem.Shipments"/>.</summary>
    public int AddShipment(Shipment shipment)
    {
        ArgumentNullException.ThrowIfNull(shipment);
        _shipments.Add(shipment);
        return _shipments.Count - 1;
    }

    /// <summary>Adds a vehicle and returns its index in <see cref="RoutingProblem.Vehicles"/>.</summary>
    public int AddVehicle(Vehicle vehicle)
    {
        ArgumentNullException.ThrowIfNull(vehicle);
        _vehicles.Add(vehicle);
        return _vehicles.Count - 1;
    }

    /// <summary>Registers (or replaces) the travel provider of <paramref name="profile"/>.</summary>
    public ProblemBuilder SetTravel(TravelCostProvider provider, string profile = Vehicle.DefaultProfile)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentException.ThrowIfNullOrWhiteSpace(profile);
        _travel[profile] = provider;
        return this;
    }

    /// <summary>Every problem in the data added so far; empty when the problem can be built.</summary>
    public IReadOnlyList<RoutingValidationError> Validate()
    {
        var errors = new List<RoutingValidationError>();
        int dims = DimensionCountOrInferred();

        var dimNames = new HashSet<string>(StringComparer.Ordinal);
        for (int d = 0; d < _dimensionNames.Count; d++)
        {
            if (string.IsNullOrWhiteSpace(_dimensionNames[d]))
            {
                errors.Add(new($"dimensions[{d}]", "name is empty"));
            }
            else if (!dimNames.Add(_dimensionNames[d]))
            {
                errors.Add(new($"dimensions[{d}]", $"duplicate dimension name '{_dimensionNames[d]}'"));
            }
        }

        var locationIds = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < _locations.Count; i++)
        {
            var location = _locations[i];
            string path = $"locations[{i}]";
            if (string.IsNullOrWhiteSpace(location.Id))
            {
                errors.Add(new($"{path}.id", "is empty"));
            }
            else if (!locationIds.Add(location.Id))
            {
                errors.Add(new($"{path}.id", $"duplicate location id '{location.Id}'"));
            }

            if (location.X is { } x && !double.IsFinite(x))
            {
                errors.Add(new($"{path}.x", "must be finite"));
            }

            if (location.Y is { } y && !double.IsFinite(y))
            {
                errors.Add(new($"{path}.y", "must be finite"));
            }

            if (location.Geo is { } geo && !geo.IsValid)
            {
                errors.Add(new($"{path}.geo", $"{geo} is out of range"));
            }
        }

        var taskIds = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < _jobs.Count; i++)
        {
            var job = _jobs[i];
            string path = $"jobs[{i}]";
            CheckTaskId(errors, taskIds, path, job.Id);
            CheckLocation(errors, $"{path}.location", job.Location);
            CheckAmounts(errors, $"{path}.delivery", job.Delivery, dims);
            CheckAmounts(errors, $"{path}.pickup", job.Pickup, dims);
            CheckDuration(errors, $"{path}.serviceSeconds", job.ServiceSeconds);
            CheckWindows(errors, $"{path}.timeWindows", job.TimeWindows);
            CheckSkills(errors, $"{path}.skills", job.Skills);
            CheckPriorityAndPenalty(errors, path, job.Priority, job.Penalty);
        }

        for (int i = 0; i < _shipments.Count; i++)
        {
            var shipment = _shipments[i];
            string path = $"shipments[{i}]";
            CheckTaskId(errors, taskIds, path, shipment.Id);
            foreach (var (stop, name) in new[] { (shipment.Pickup, "pickup"), (shipment.Delivery, "delivery") })
            {
                if (stop is null)
                {
                    errors.Add(new($"{path}.{name}", "is missing"));
                    continue;
                }

                CheckLocation(errors, $"{path}.{name}.location", stop.Location);
                CheckDuration(errors, $"{path}.{name}.serviceSeconds", stop.ServiceSeconds);
                CheckWindows(errors, $"{path}.{name}.timeWindows", stop.TimeWindows);
            }

            CheckAmounts(errors, $"{path}.amount", shipment.Amount, dims);
            CheckSkills(errors, $"{path}.skills", shipment.Skills);
            CheckPriorityAndPenalty(errors, path, shipment.Priority, shipment.Penalty);
        }

        var vehicleIds = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < _vehicles.Count; i++)
        {
            var vehicle = _vehicles[i];
            string path = $"vehicles[{i}]";
            if (string.IsNullOrWhiteSpace(vehicle.Id))
            {
                errors.Add(new($"{path}.id", "is empty"));
            }
            else if (!vehicleIds.Add(vehicle.Id))
            {
                errors.Add(new($"{path}.id", $"duplicate vehicle id '{vehicle.Id}'"));
            }

            if (string.IsNullOrWhiteSpace(vehicle.Profile))
            {
                errors.Add(new($"{path}.profile", "is empty"));
            }
            else if (!_travel.ContainsKey(vehicle.Profile))
            {
                errors.Add(new($"{path}.profile", $"no travel provider is registered for profile '{vehicle.Profile}'"));
            }

            CheckLocation(errors, $"{path}.start", vehicle.Start);
            if (vehicle.End is { } end)
            {
                CheckLocation(errors, $"{path}.end", end);
            }

            CheckWindow(errors, $"{path}.shift", vehicle.Shift);
            if (vehicle.Capacity.Count != 0 && vehicle.Capacity.Count != dims)
            {
                errors.Add(new($"{path}.capacity", $"has {vehicle.Capacity.Count} entries but the problem has {dims} dimensions (give all, or none for unlimited)"));
            }

            for (int d = 0; d < vehicle.Capacity.Count; d++)
            {
                if (vehicle.Capacity[d] < 0)
                {
                    errors.Add(new($"{path}.capacity[{d}]", $"must be ≥ 0, got {vehicle.Capacity[d]}"));
                }
            }

            CheckCost(errors, $"{path}.fixedCost", vehicle.FixedCost);
            CheckCost(errors, $"{path}.costPerKm", vehicle.CostPerKm);
            CheckCost(errors, $"{path}.costPerHour", vehicle.CostPerHour);
            CheckSkills(errors, $"{path}.skills", vehicle.Skills);
            CheckLimit(errors, $"{path}.maxDurationSeconds", vehicle.MaxDurationSeconds);
            CheckLimit(errors, $"{path}.maxTravelSeconds", vehicle.MaxTravelSeconds);
            CheckLimit(errors, $"{path}.maxDistanceMetres", vehicle.MaxDistanceMetres);
            if (vehicle.MaxStops is < 0)
            {
                errors.Add(new($"{path}.maxStops", $"must be ≥ 0, got {vehicle.MaxStops}"));
            }

            var breakIds = new HashSet<string>(StringComparer.Ordinal);
            var breaks = vehicle.Breaks.IsDefault ? [] : vehicle.Breaks;
            for (int b = 0; b < breaks.Length; b++)
            {
                var brk = breaks[b];
                string bpath = $"{path}.breaks[{b}]";
                if (brk is null)
                {
                    errors.Add(new(bpath, "is missing"));
                    continue;
                }

                if (string.IsNullOrWhiteSpace(brk.Id))
                {
                    errors.Add(new($"{bpath}.id", "is empty"));
                }
                else if (!breakIds.Add(brk.Id))
                {
                    errors.Add(new($"{bpath}.id", $"duplicate break id '{brk.Id}'"));
                }

                CheckDuration(errors, $"{bpath}.durationSeconds", brk.DurationSeconds);
                CheckWindows(errors, $"{bpath}.windows", brk.Windows);
            }
        }

        foreach (var (profile, provider) in _travel.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            provider.Validate(_locations, $"travel[{profile}]", errors);
        }

        return errors;

        void CheckLocation(List<RoutingValidationError> list, string path, int index)
        {
            if (index < 0 || index >= _locations.Count)
            {
                list.Add(new(path, $"location index {index} is out of range (the problem has {_locations.Count} locations)"));
            }
        }
    }

    /// <summary>
    /// Builds the problem, computing a travel table for every registered profile, or throws
    /// <see cref="RoutingValidationException"/> listing every problem. The builder may be reused afterwards.
    /// </summary>
    public RoutingProblem Build(CancellationToken cancellationToken = default)
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new RoutingValidationException(errors);
        }

        int dims = DimensionCountOrInferred();
        ImmutableArray<string> dimensionNames = _dimensionNames.Count > 0
            ? [.. _dimensionNames]
            : [.. Enumerable.Range(0, dims).Select(d => "d" + d.ToString(CultureInfo.InvariantCulture))];

        var jobs = _jobs.Select(j => j with
        {
            Delivery = j.Delivery.Resize(dims),
            Pickup = j.Pickup.Resize(dims),
            TimeWindows = Normalise(j.TimeWindows),
            Skills = j.Skills.IsDefault ? [] : j.Skills,
        }).ToImmutableArray();

        var shipments = _shipments.Select(s => s with
        {
            Pickup = s.Pickup with { TimeWindows = Normalise(s.Pickup.TimeWindows) },
            Delivery = s.Delivery with { TimeWindows = Normalise(s.Delivery.TimeWindows) },
            Amount = s.Amount.Resize(dims),
            Skills = s.Skills.IsDefault ? [] : s.Skills,
        }).ToImmutableArray();

        var vehicles = _vehicles.Select(v => v with
        {
            Capacity = v.Capacity.Count == 0 ? Amounts.Filled(dims, long.MaxValue) : v.Capacity,
            Skills = v.Skills.IsDefault ? [] : v.Skills,
            Breaks = v.Breaks.IsDefault ? [] : [.. v.Breaks.Select(b => b with { Windows = Normalise(b.Windows) })],
        }).ToImmutableArray();

        var travel = new Dictionary<string, TravelTable>(StringComparer.Ordinal);
        foreach (var (profile, provider) in _travel)
        {
            travel[profile] = provider.Materialize(profile, _locations, cancellationToken);
        }

        return new RoutingProblem(Name, Objective, dimensionNames, [.. _locations], jobs, shipments, vehicles, travel, _travel);
    }

    private int DimensionCountOrInferred()
    {
        if (_dimensionNames.Count > 0)
        {
            return _dimensionNames.Count;
        }

        int dims = 0;
        foreach (var job in _jobs)
        {
            dims = Math.Max(dims, Math.Max(job.Delivery.Count, job.Pickup.Count));
        }

        foreach (var shipment in _shipments)
        {
            dims = Math.Max(dims, shipment.Amount.Count);
        }

        foreach (var vehicle in _vehicles)
        {
            dims = Math.Max(dims, vehicle.Capacity.Count);
        }

        return dims;
    }

    private static ImmutableArray<TimeWindow> Normalise(ImmutableArray<TimeWindow> windows) =>
        windows.IsDefaultOrEmpty ? [TimeWindow.Unbounded] : [.. windows.OrderBy(w => w.Start)];

    private static void CheckTaskId(List<RoutingValidationError> errors, HashSet<string> ids, string path, string id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            errors.Add(new($"{path}.id", "is empty"));
        }
        else if (!ids.Add(id))
        {
            errors.Add(new($"{path}.id", $"duplicate id '{id}' (ids are unique across jobs and shipments)"));
        }
    }

    private static void CheckAmounts(List<RoutingValidationError> errors, string path, Amounts amounts, int dims)
    {
        if (amounts.Count > dims)
        {
            errors.Add(new(path, $"has {amounts.Count} entries but the problem has {dims} dimensions"));
        }

        for (int d = 0; d < amounts.Count; d++)
        {
            if (amounts[d] < 0)
            {
                errors.Add(new($"{path}[{d}]", $"must be ≥ 0, got {amounts[d]}"));
            }
        }
    }

    private static void CheckDuration(List<RoutingValidationError> errors, string path, double seconds)
    {
        if (!double.IsFinite(seconds) || seconds < 0)
        {
            errors.Add(new(path, $"must be a finite number ≥ 0, got {seconds}"));
        }
    }

    private static void CheckCost(List<RoutingValidationError> errors, string path, double cost)
    {
        if (!double.IsFinite(cost) || cost < 0)
        {
            errors.Add(new(path, $"must be a finite number ≥ 0, got {cost}"));
        }
    }

    private static void CheckLimit(List<RoutingValidationError> errors, string path, double? limit)
    {
        if (limit is { } value && (double.IsNaN(value) || value < 0))
        {
            errors.Add(new(path, $"must be ≥ 0, got {value}"));
        }
    }

    private static void CheckWindow(List<RoutingValidationError> errors, string path, TimeWindow window)
    {
        if (!double.IsFinite(window.Start) || window.Start < 0)
        {
            errors.Add(new(path, $"start must be a finite number ≥ 0, got {window.Start}"));
        }

        if (double.IsNaN(window.End))
        {
            errors.Add(new(path, "end is not a number"));
        }
        else if (window.Start > window.End)
        {
            errors.Add(new(path, $"start is after end ({window.Start} > {window.End})"));
        }
    }

    private static void CheckWindows(List<RoutingValidationError> errors, string path, ImmutableArray<TimeWindow> windows)
    {
        if (windows.IsDefaultOrEmpty)
        {
            return;
        }

        for (int w = 0; w < windows.Length; w++)
        {
            CheckWindow(errors, $"{path}[{w}]", windows[w]);
        }

        var sorted = windows.Select((w, i) => (w, i)).OrderBy(p => p.w.Start).ToList();
        for (int k = 1; k < sorted.Count; k++)
        {
            if (sorted[k].w.Start <= sorted[k - 1].w.End)
            {
                errors.Add(new($"{path}[{sorted[k].i}]", $"overlaps {path.Split('.')[^1]}[{sorted[k - 1].i}]"));
            }
        }
    }

    private static void CheckSkills(List<RoutingValidationError> errors, string path, ImmutableArray<string> skills)
    {
        if (skills.IsDefaultOrEmpty)
        {
            return;
        }

        for (int s = 0; s < skills.Length; s++)
        {
            if (string.IsNullOrWhiteSpace(skills[s]))
            {
                errors.Add(new($"{path}[{s}]", "is empty"));
            }
        }
    }

    private static void CheckPriorityAndPenalty(List<RoutingValidationError> errors, string path, int priority, double? penalty)
    {
        if (priority is < 0 or > 100)
        {
            errors.Add(new($"{path}.priority", $"must be between 0 and 100, got {priority}"));
        }

        if (penalty is { } p && (!double.IsFinite(p) || p < 0))
        {
            errors.Add(new($"{path}.penalty", $"must be a finite number ≥ 0, got {p}"));
        }
    }
}
