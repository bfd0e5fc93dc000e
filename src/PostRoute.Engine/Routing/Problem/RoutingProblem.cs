using System.Collections.Frozen;
using System.Collections.Immutable;

namespace PostRoute.Engine.Routing;

/// <summary>
/// An immutable, validated vehicle routing problem, built by <see cref="ProblemBuilder"/>. Thread-safe.
/// <para>
/// All collections are normalised: every amount vector (job delivery/pickup, shipment amount) has exactly
/// <see cref="DimensionCount"/> entries; an unlimited vehicle capacity holds <see cref="long.MaxValue"/> in each
/// dimension; every job/shipment stop and every break has at least one time window (<see cref="TimeWindow.Unbounded"/>
/// when none was given) and windows are sorted by start; array properties are never default.
/// </para>
/// <para>
/// Objective. The cost of a solution is
/// <c>Σ over used vehicles (FixedCost + CostPerKm × distance km + CostPerHour × duration h) + Σ Penalty of unserved optional jobs and shipments</c>,
/// where a vehicle is used when its route serves at least one job or shipment stop, the distance is the sum of the
/// travel distances of its route (start → stops → end; an open route stops at its last stop), and the duration is the
/// time from the route's start time (when it leaves its start location) to its end time (arrival at the end location,
/// or for an open route the departure from its last step), so it includes travel, service, waiting and breaks.
/// Unserved mandatory tasks add no cost but make a solution worse than any solution that serves more of them; with
/// <see cref="Objective.MinimizeVehiclesFirst"/> the number of used vehicles is compared next, then the cost.
/// </para>
/// </summary>
public sealed class RoutingProblem
{
    private readonly FrozenDictionary<string, TravelTable> _travel;
    private readonly FrozenDictionary<string, int> _jobIndex;
    private readonly FrozenDictionary<string, int> _shipmentIndex;
    private readonly FrozenDictionary<string, int> _vehicleIndex;
    private readonly TravelTable[] _vehicleTravel;
    private readonly FrozenDictionary<string, NetworkTravel> _networkTravel;

    internal RoutingProblem(
        string name,
        Objective objective,
        ImmutableArray<string> dimensionNames,
        ImmutableArray<Location> locations,
        ImmutableArray<Job> jobs,
        ImmutableArray<Shipment> shipments,
        ImmutableArray<Vehicle> vehicles,
        IReadOnlyDictionary<string, TravelTable> travel,
        IReadOnlyDictionary<string, TravelCostProvider>? providers = null)
    {
        Name = name;
        Objective = objective;
        DimensionNames = dimensionNames;
        Locations = locations;
        Jobs = jobs;
        Shipments = shipments;
        Vehicles = vehicles;
        _travel = travel.ToFrozenDictionary(StringComparer.Ordinal);
        Profiles = [.. travel.Keys.Order(StringComparer.Ordinal)];
        _jobIndex = jobs.Select((j, i) => (j.Id, i)).ToFrozenDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        _shipmentIndex = shipments.Select((s, i) => (s.Id, i)).ToFrozenDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        _vehicleIndex = vehicles.Select((v, i) => (v.Id, i)).ToFrozenDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        _vehicleTravel = [.. vehicles.Select(v => _travel[v.Profile])];
        _networkTravel = (providers ?? new Dictionary<string, TravelCostProvider>())
            .Where(p => p.Value is NetworkTravel)
            .ToFrozenDictionary(p => p.Key, p => (NetworkTravel)p.Value, StringComparer.Ordinal);
    }

    /// <summary>
    /// The network travel the table of <paramref name="profile"/> was computed with, or null when that profile's
    /// provider is not a <see cref="NetworkTravel"/> (maps draw such legs along the same network paths).
    /// </summary>
    internal NetworkTravel? NetworkTravelOf(string profile) => _networkTravel.GetValueOrDefault(profile);

    /// <summary>Name of the problem (for reports).</summary>
    public string Name { get; }

    /// <summary>How solutions are ranked.</summary>
    public Objective Objective { get; }

    /// <summary>Names of the capacity dimensions, in the order of the entries of every <see cref="Amounts"/>.</summary>
    public ImmutableArray<string> DimensionNames { get; }

    /// <summary>Number of capacity dimensions.</summary>
    public int DimensionCount => DimensionNames.Length;

    /// <summary>The location table; stops and vehicles refer to it by index.</summary>
    public ImmutableArray<Location> Locations { get; }

    /// <summary>Single-stop jobs, in the order added.</summary>
    public ImmutableArray<Job> Jobs { get; }

    /// <summary>Pickup-and-delivery shipments, in the order added.</summary>
    public ImmutableArray<Shipment> Shipments { get; }

    /// <summary>The fleet, in the order added.</summary>
    public ImmutableArray<Vehicle> Vehicles { get; }

    /// <summary>Profiles with a travel table, sorted.</summary>
    public ImmutableArray<string> Profiles { get; }

    /// <summary>The travel table of <paramref name="profile"/>; throws <see cref="ArgumentException"/> for an unknown profile.</summary>
    public TravelTable Travel(string profile) =>
        _travel.TryGetValue(profile, out var table) ? table : throw new ArgumentException($"Unknown profile '{profile}'.", nameof(profile));

    /// <summary>The travel table used by vehicle <paramref name="vehicleIndex"/>.</summary>
    public TravelTable TravelOf(int vehicleIndex) => _vehicleTravel[vehicleIndex];

    /// <summary>Index of the job with id <paramref name="id"/> in <see cref="Jobs"/>, or −1.</summary>
    public int IndexOfJob(string id) => _jobIndex.GetValueOrDefault(id, -1);

    /// <summary>Index of the shipment with id <paramref name="id"/> in <see cref="Shipments"/>, or −1.</summary>
    public int IndexOfShipment(string id) => _shipmentIndex.GetValueOrDefault(id, -1);

    /// <summary>Index of the vehicle with id <paramref name="id"/> in <see cref="Vehicles"/>, or −1.</summary>
    public int IndexOfVehicle(string id) => _vehicleIndex.GetValueOrDefault(id, -1);

    /// <summary>Number of jobs plus shipments: the tasks a solution must serve or report unassigned.</summary>
    public int TaskCount => Jobs.Length + Shipments.Length;

    /// <summary>True when vehicle <paramref name="vehicleIndex"/> has every skill in <paramref name="required"/>.</summary>
    public bool HasSkills(int vehicleIndex, ImmutableArray<string> required)
    {
        var skills = Vehicles[vehicleIndex].Skills;
        foreach (var skill in required)
        {
            if (!skills.Contains(skill, StringComparer.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
