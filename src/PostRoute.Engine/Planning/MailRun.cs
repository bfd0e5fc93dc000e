using System.Collections.Immutable;
using System.Globalization;
using PostRoute.Engine.Network;
using PostRoute.Engine.Paths;
using PostRoute.Engine.Routing;

namespace PostRoute.Engine.Planning;

/// <summary>
/// The figures of one district in a <see cref="MailRun"/>. Immutable.
/// </summary>
/// <param name="DistrictCode">Official district code.</param>
/// <param name="OfficeNodeId">Id of the district office node the trunk job and the motorbikes use.</param>
/// <param name="IsMountain">True when the district is in <see cref="MailRunOptions.MountainDistrictCodes"/>.</param>
/// <param name="LocalJobs">Service-point jobs of the district (mandatory and optional).</param>
/// <param name="MandatoryLocalJobs">Service-point jobs that must be served.</param>
/// <param name="DeliveryKg">Incoming mail of the district's communes, kilograms (what the trunk job delivers).</param>
/// <param name="PickupKg">Outgoing mail of the district's communes, kilograms (what the trunk job picks up).</param>
/// <param name="Motorbikes">Motorbikes based at the office (see <see cref="MailRun"/> for the sizing rule).</param>
public sealed record MailRunDistrict(
    string DistrictCode,
    string OfficeNodeId,
    bool IsMountain,
    int LocalJobs,
    int MandatoryLocalJobs,
    double DeliveryKg,
    double PickupKg,
    int Motorbikes);

/// <summary>
/// The day's mail run of a provincial post as ONE <see cref="RoutingProblem"/>, solvable by any solver: trucks carry
/// each district's mail from the provincial hub to its district office before dawn (trunk tier), then motorbikes
/// leave each district office on a loop through its commune service points (local tier). Immutable and thread-safe.
/// <para>
/// <b>Network conventions</b> (any <see cref="PostalNetwork"/> following them works; nothing is specific to Phú Yên):
/// the hub is the node of kind <see cref="NodeKind.ProvincialHub"/> (the first by id when there are several); each
/// district office is a node of kind <see cref="NodeKind.DistrictOffice"/> with a <see cref="Node.DistrictCode"/>
/// (the first in node order per code); each service point is a node of kind <see cref="NodeKind.CommuneServicePoint"/>
/// with a <see cref="Node.CommuneCode"/> and <see cref="Node.DistrictCode"/> (the first in node order per commune).
/// The network needs the profiles <see cref="Profiles.Truck"/> and <see cref="Profiles.Motorbike"/>.
/// </para>
/// <para>
/// <b>Units</b>: one capacity dimension, <see cref="DimensionName"/> = grams (kilograms × 1 000, rounded to the
/// gram), so volumes keep their decimals; times are seconds since midnight; costs thousand VND.
/// </para>
/// <para>
/// <b>Trunk tier</b>: <see cref="MailRunOptions.TruckCount"/> trucks <c>truck-1</c>, <c>truck-2</c>, … with profile
/// <see cref="Profiles.Truck"/> and skill <see cref="TrunkSkill"/> start and end at the hub. One job
/// <c>trunk-&lt;office node id&gt;</c> per district office with mail delivers the sum of its communes' deliveries and
/// picks up the sum of their pickups (the outgoing mail the office holds, carried back to the hub), with unloading
/// starting between the truck shift start and <see cref="MailRunOptions.TrunkArrivalDeadlineSeconds"/>. Priority 100.
/// </para>
/// <para>
/// <b>Local tier</b>: one job <c>deliver-&lt;service point node id&gt;</c> per service point with mail, requiring skill
/// <c>district-&lt;district code&gt;</c>, with the service-point opening hours and a service time of
/// base + per-kg × (delivery + pickup), × <see cref="MailRunOptions.MountainServiceFactor"/> in mountain districts.
/// Collection-only stops below <see cref="MailRunOptions.OptionalPickupThresholdKg"/> are optional (priority 0, with
/// the penalty); the others are mandatory (priority 50). Motorbikes <c>moto-&lt;district code&gt;-1</c>, … with profile
/// <see cref="Profiles.Motorbike"/> and that district's skill start and end at the district office, with the shift,
/// lunch break, maximum route duration and stop limit of the options. <b>Sizing rule</b>: a district with local jobs
/// gets max(1, ⌈delivery ÷ (capacity × load factor)⌉, ⌈pickup ÷ (capacity × load factor)⌉,
/// ⌈mandatory stops ÷ max stops⌉) + <see cref="MailRunOptions.SpareMotorbikesPerDistrict"/> motorbikes (unused ones cost nothing).
/// </para>
/// <para>
/// Volumes of communes that have no service point on the network (allowed for communes of
/// <see cref="PostalNetwork.Communes"/>) are held at their district office's counter: they count in the trunk job
/// but make no local job. Service points cut off from their office (for example after road closures) stay in the
/// problem; solvers report them unassigned (<see cref="UnassignedReason.Unreachable"/>). Service points whose district
/// has no office, and volumes of a district without an office, cannot be served and are reported the same way
/// (<see cref="UnassignedReason.NoVehicleWithSkills"/>) or listed in <see cref="UnplannedVolumes"/>.
/// </para>
/// </summary>
public sealed class MailRun
{
    /// <summary>Name of the single capacity dimension: grams.</summary>
    public const string DimensionName = "g";

    /// <summary>Grams per kilogram: amounts in the problem are kilograms × this, rounded.</summary>
    public const double GramsPerKg = 1000;

    /// <summary>Skill of the trucks, required by trunk jobs.</summary>
    public const string TrunkSkill = "trunk";

    /// <summary>Priority of trunk jobs.</summary>
    public const int TrunkPriority = 100;

    /// <summary>Priority of mandatory service-point jobs.</summary>
    public const int MandatoryLocalPriority = 50;

    private MailRun(
        PostalNetwork network,
        MailRunOptions options,
        ImmutableArray<CommuneVolume> volumes,
        RoutingProblem problem,
        string hubNodeId,
        ImmutableArray<string> trunkVehicleIds,
        ImmutableArray<string> localVehicleIds,
        ImmutableArray<MailRunDistrict> districts,
        ImmutableArray<CommuneVolume> unplanned)
    {
        Network = network;
        Options = options;
        Volumes = volumes;
        Problem = problem;
        HubNodeId = hubNodeId;
        TrunkVehicleIds = trunkVehicleIds;
        LocalVehicleIds = localVehicleIds;
        Districts = districts;
        UnplannedVolumes = unplanned;
    }

    /// <summary>The network planned on (its closed links are avoided).</summary>
    public PostalNetwork Network { get; }

    /// <summary>The options the run was built with.</summary>
    public MailRunOptions Options { get; }

    /// <summary>The volumes planned: <see cref="MailRunOptions.Volumes"/>, or the generated ones.</summary>
    public ImmutableArray<CommuneVolume> Volumes { get; }

    /// <summary>The routing problem of the whole day (both tiers).</summary>
    public RoutingProblem Problem { get; }

    /// <summary>Id of the hub node the trucks start from.</summary>
    public string HubNodeId { get; }

    /// <summary>Ids of the trucks (trunk tier), in problem order.</summary>
    public ImmutableArray<string> TrunkVehicleIds { get; }

    /// <summary>Ids of the motorbikes (local tier), in problem order (grouped by district code).</summary>
    public ImmutableArray<string> LocalVehicleIds { get; }

    /// <summary>One entry per district office, by district code (ordinal).</summary>
    public ImmutableArray<MailRunDistrict> Districts { get; }

    /// <summary>Volumes that no job carries because their commune's district has no office on the network.</summary>
    public ImmutableArray<CommuneVolume> UnplannedVolumes { get; }

    /// <summary>True when <paramref name="vehicleId"/> is a truck of this run.</summary>
    public bool IsTrunkVehicle(string vehicleId) => TrunkVehicleIds.Contains(vehicleId, StringComparer.Ordinal);

    /// <summary>Id of the trunk job of district office <paramref name="officeNodeId"/>: <c>trunk-&lt;id&gt;</c>.</summary>
    public static string TrunkJobId(string officeNodeId) => "trunk-" + officeNodeId;

    /// <summary>Id of the job of service point <paramref name="servicePointNodeId"/>: <c>deliver-&lt;id&gt;</c>.</summary>
    public static string LocalJobId(string servicePointNodeId) => "deliver-" + servicePointNodeId;

    /// <summary>Id of truck number <paramref name="number"/> (1-based): <c>truck-&lt;n&gt;</c>.</summary>
    public static string TruckId(int number) => "truck-" + number.ToString(CultureInfo.InvariantCulture);

    /// <summary>Id of motorbike number <paramref name="number"/> (1-based) of a district: <c>moto-&lt;code&gt;-&lt;n&gt;</c>.</summary>
    public static string MotorbikeId(string districtCode, int number) => $"moto-{districtCode}-{number.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Skill of the motorbikes of district <paramref name="districtCode"/>: <c>district-&lt;code&gt;</c>.</summary>
    public static string DistrictSkill(string districtCode) => "district-" + districtCode;

    /// <summary>Converts kilograms to the problem's amount unit (grams, rounded).</summary>
    public static long ToGrams(double kg) => (long)Math.Round(kg * GramsPerKg, MidpointRounding.AwayFromZero);

    /// <summary>
    /// Builds the day's problem on <paramref name="network"/> (see the type's remarks for the model). Travel tables are
    /// computed on the network's open links, so this takes the time of two matrix computations.
    /// </summary>
    /// <param name="network">A network following the node conventions in the type's remarks.</param>
    /// <param name="options">The day, volumes, fleet and rules.</param>
    /// <param name="cache">Optional matrix cache shared across builds (e.g. re-plans on the same network version).</param>
    /// <param name="cancellationToken">Cancels the matrix computations.</param>
    /// <exception cref="ArgumentException">An option is out of range (the message names it), or the network has no
    /// provincial hub or lacks the truck or motorbike profile.</exception>
    /// <exception cref="VolumeFormatException"><see cref="MailRunOptions.Volumes"/> names an unknown or repeated commune, or has a negative or non-finite amount.</exception>
    public static MailRun Build(PostalNetwork network, MailRunOptions options, MatrixCache? cache = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(options);
        CheckOptions(options);
        foreach (var profile in new[] { Profiles.Truck, Profiles.Motorbike })
        {
            if (!network.Profiles.Contains(profile, StringComparer.Ordinal))
            {
                throw new ArgumentException($"Network '{network.Name}' has no '{profile}' profile, which the mail run needs.", nameof(network));
            }
        }

        ImmutableArray<CommuneVolume> volumes;
        if (options.Volumes is { } given)
        {
            var list = given.IsDefault ? [] : given;
            MailVolumes.Validate(list, network);
            volumes = list;
        }
        else
        {
            volumes = MailVolumes.Generate(network, options.Date, options.Seed);
        }

        var hub = network.Nodes.Where(n => n.Kind == NodeKind.ProvincialHub).OrderBy(n => n.Id, StringComparer.Ordinal).FirstOrDefault()
            ?? throw new ArgumentException($"Network '{network.Name}' has no node of kind {nameof(NodeKind.ProvincialHub)} for the trucks to start from.", nameof(network));

        var offices = new SortedDictionary<string, Node>(StringComparer.Ordinal);
        var servicePoints = new Dictionary<string, Node>(StringComparer.Ordinal);
        foreach (var node in network.Nodes)
        {
            if (node.Kind == NodeKind.DistrictOffice && !string.IsNullOrWhiteSpace(node.DistrictCode))
            {
                offices.TryAdd(node.DistrictCode, node);
            }
            else if (node.Kind == NodeKind.CommuneServicePoint && !string.IsNullOrWhiteSpace(node.CommuneCode))
            {
                servicePoints.TryAdd(node.CommuneCode, node);
            }
        }

        var mountain = new HashSet<string>(options.MountainDistrictCodes.IsDefault ? [] : options.MountainDistrictCodes, StringComparer.Ordinal);
        var builder = new ProblemBuilder($"mail-run {network.Name} {options.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}")
            .SetDimensions(DimensionName);
        builder.SetTravel(new NetworkTravel(network, Profiles.Truck, PathMetric.Time, cache), Profiles.Truck);
        builder.SetTravel(new NetworkTravel(network, Profiles.Motorbike, PathMetric.Time, cache), Profiles.Motorbike);
        var locationOf = new Dictionary<string, int>(StringComparer.Ordinal);
        int Location(Node node)
        {
            if (!locationOf.TryGetValue(node.Id, out int index))
            {
                index = builder.AddLocation(new Location(node.Id) { Geo = node.Location });
                locationOf[node.Id] = index;
            }

            return index;
        }

        int hubLocation = Location(hub);
        foreach (var office in offices.Values)
        {
            Location(office);
        }

        // Per district: trunk totals in grams, local job counts.
        var trunkDelivery = new Dictionary<string, long>(StringComparer.Ordinal);
        var trunkPickup = new Dictionary<string, long>(StringComparer.Ordinal);
        var localJobs = new Dictionary<string, (int All, int Mandatory, long Delivery, long Pickup)>(StringComparer.Ordinal);
        var unplanned = ImmutableArray.CreateBuilder<CommuneVolume>();
        var localJobList = new List<Job>();

        // Local jobs in node order (stable for a network with the same nodes), then counter volumes.
        var volumeByCode = volumes.ToDictionary(v => v.CommuneCode, StringComparer.Ordinal);
        foreach (var node in network.Nodes)
        {
            if (node.Kind != NodeKind.CommuneServicePoint || node.CommuneCode is null ||
                !ReferenceEquals(servicePoints.GetValueOrDefault(node.CommuneCode), node) ||
                !volumeByCode.TryGetValue(node.CommuneCode, out var volume))
            {
                continue;
            }

            long delivery = ToGrams(volume.DeliveryKg), pickup = ToGrams(volume.PickupKg);
            string district = node.DistrictCode ?? "";
            if (offices.ContainsKey(district))
            {
                trunkDelivery[district] = trunkDelivery.GetValueOrDefault(district) + delivery;
                trunkPickup[district] = trunkPickup.GetValueOrDefault(district) + pickup;
            }
            else
            {
                unplanned.Add(volume);
            }

            if (delivery == 0 && pickup == 0)
            {
                continue;
            }

            bool optional = delivery == 0 && volume.PickupKg < options.OptionalPickupThresholdKg;
            double service = options.LocalServiceBaseSeconds + (options.LocalServiceSecondsPerKg * volume.HandledKg);
            if (mountain.Contains(district))
            {
                service *= options.MountainServiceFactor;
            }

            localJobList.Add(new Job(LocalJobId(node.Id), Location(node))
            {
                Delivery = [delivery],
                Pickup = [pickup],
                ServiceSeconds = Math.Round(service),
                TimeWindows = options.ServicePointHours.IsDefault ? [] : options.ServicePointHours,
                Skills = [DistrictSkill(district.Length == 0 ? "none" : district)],
                Priority = optional ? 0 : MandatoryLocalPriority,
                Penalty = optional ? options.OptionalStopPenalty : null,
            });
            var counts = localJobs.GetValueOrDefault(district);
            localJobs[district] = (counts.All + 1, counts.Mandatory + (optional ? 0 : 1), counts.Delivery + delivery, counts.Pickup + pickup);
        }

        // Communes with no service point: their mail waits at their district office's counter.
        foreach (var volume in volumes)
        {
            if (servicePoints.ContainsKey(volume.CommuneCode))
            {
                continue;
            }

            string district = network.FindCommune(volume.CommuneCode)?.DistrictCode ?? "";
            if (offices.ContainsKey(district))
            {
                trunkDelivery[district] = trunkDelivery.GetValueOrDefault(district) + ToGrams(volume.DeliveryKg);
                trunkPickup[district] = trunkPickup.GetValueOrDefault(district) + ToGrams(volume.PickupKg);
            }
            else
            {
                unplanned.Add(volume);
            }
        }

        foreach (var (district, office) in offices)
        {
            long delivery = trunkDelivery.GetValueOrDefault(district), pickup = trunkPickup.GetValueOrDefault(district);
            if (delivery == 0 && pickup == 0)
            {
                continue;
            }

            builder.AddJob(new Job(TrunkJobId(office.Id), Location(office))
            {
                Delivery = [delivery],
                Pickup = [pickup],
                ServiceSeconds = Math.Round(options.TrunkServiceBaseSeconds + (options.TrunkServiceSecondsPerKg * (delivery + pickup) / GramsPerKg)),
                TimeWindows = [new(options.TruckShift.Start, options.TrunkArrivalDeadlineSeconds)],
                Skills = [TrunkSkill],
                Priority = TrunkPriority,
            });
        }

        foreach (var job in localJobList)
        {
            builder.AddJob(job);
        }

        var trucks = ImmutableArray.CreateBuilder<string>();
        for (int t = 1; t <= options.TruckCount; t++)
        {
            trucks.Add(TruckId(t));
            builder.AddVehicle(new Vehicle(TruckId(t), hubLocation, hubLocation)
            {
                Profile = Profiles.Truck,
                Capacity = [ToGrams(options.TruckCapacityKg)],
                Shift = options.TruckShift,
                Skills = [TrunkSkill],
                FixedCost = options.TruckFixedCost,
                CostPerKm = options.TruckCostPerKm,
                CostPerHour = options.TruckCostPerHour,
                MaxDurationSeconds = options.TruckMaxRouteHours * 3600,
            });
        }

        var motorbikes = ImmutableArray.CreateBuilder<string>();
        var districts = ImmutableArray.CreateBuilder<MailRunDistrict>();
        double usableGrams = ToGrams(options.MotorbikeCapacityKg) * options.MotorbikeLoadFactor;
        foreach (var (district, office) in offices)
        {
            bool isMountain = mountain.Contains(district);
            var counts = localJobs.GetValueOrDefault(district);
            int count = 0;
            if (counts.All > 0)
            {
                int? maxStops = isMountain ? options.MountainMaxStopsPerMotorbike : options.MaxStopsPerMotorbike;
                count = Math.Max(1, (int)Math.Ceiling(counts.Delivery / usableGrams));
                count = Math.Max(count, (int)Math.Ceiling(counts.Pickup / usableGrams));
                if (maxStops is > 0)
                {
                    count = Math.Max(count, (counts.Mandatory + maxStops.Value - 1) / maxStops.Value);
                }

                count += options.SpareMotorbikesPerDistrict;
            }

            int officeLocation = Location(office);
            for (int m = 1; m <= count; m++)
            {
                string id = MotorbikeId(district, m);
                motorbikes.Add(id);
                builder.AddVehicle(new Vehicle(id, officeLocation, officeLocation)
                {
                    Profile = Profiles.Motorbike,
                    Capacity = [ToGrams(options.MotorbikeCapacityKg)],
                    Shift = options.MotorbikeShift,
                    Skills = [DistrictSkill(district)],
                    FixedCost = options.MotorbikeFixedCost,
                    CostPerKm = options.MotorbikeCostPerKm,
                    CostPerHour = options.MotorbikeCostPerHour,
                    MaxDurationSeconds = options.MotorbikeMaxRouteHours * 3600,
                    MaxStops = isMountain ? options.MountainMaxStopsPerMotorbike : options.MaxStopsPerMotorbike,
                    Breaks = options.LunchBreak is { } lunch ? [lunch] : [],
                });
            }

            districts.Add(new MailRunDistrict(district, office.Id, isMountain, counts.All, counts.Mandatory,
                trunkDelivery.GetValueOrDefault(district) / GramsPerKg, trunkPickup.GetValueOrDefault(district) / GramsPerKg, count));
        }

        var problem = builder.Build(cancellationToken);
        return new MailRun(network, options, volumes, problem, hub.Id, trucks.ToImmutable(), motorbikes.ToImmutable(),
            districts.ToImmutable(), unplanned.ToImmutable());
    }

    private static void CheckOptions(MailRunOptions o)
    {
        void Require(bool ok, string name, string rule, object? value)
        {
            if (!ok)
            {
                throw new ArgumentException(
                    $"MailRunOptions.{name} must be {rule}, got {Convert.ToString(value, CultureInfo.InvariantCulture)}.", "options");
            }
        }

        static bool NonNegative(double x) => double.IsFinite(x) && x >= 0;
        static bool Positive(double x) => double.IsFinite(x) && x > 0;
        Require(o.TruckCount >= 0, nameof(o.TruckCount), "≥ 0", o.TruckCount);
        Require(Positive(o.TruckCapacityKg), nameof(o.TruckCapacityKg), "a finite number > 0", o.TruckCapacityKg);
        Require(Positive(o.MotorbikeCapacityKg), nameof(o.MotorbikeCapacityKg), "a finite number > 0", o.MotorbikeCapacityKg);
        Require(o.MotorbikeLoadFactor is > 0 and <= 1, nameof(o.MotorbikeLoadFactor), "in (0, 1]", o.MotorbikeLoadFactor);
        Require(o.SpareMotorbikesPerDistrict >= 0, nameof(o.SpareMotorbikesPerDistrict), "≥ 0", o.SpareMotorbikesPerDistrict);
        Require(NonNegative(o.TrunkArrivalDeadlineSeconds) && o.TrunkArrivalDeadlineSeconds >= o.TruckShift.Start,
            nameof(o.TrunkArrivalDeadlineSeconds), "≥ TruckShift.Start", o.TrunkArrivalDeadlineSeconds);
        Require(NonNegative(o.TrunkServiceBaseSeconds), nameof(o.TrunkServiceBaseSeconds), "a finite number ≥ 0", o.TrunkServiceBaseSeconds);
        Require(NonNegative(o.TrunkServiceSecondsPerKg), nameof(o.TrunkServiceSecondsPerKg), "a finite number ≥ 0", o.TrunkServiceSecondsPerKg);
        Require(NonNegative(o.LocalServiceBaseSeconds), nameof(o.LocalServiceBaseSeconds), "a finite number ≥ 0", o.LocalServiceBaseSeconds);
        Require(NonNegative(o.LocalServiceSecondsPerKg), nameof(o.LocalServiceSecondsPerKg), "a finite number ≥ 0", o.LocalServiceSecondsPerKg);
        Require(NonNegative(o.MountainServiceFactor), nameof(o.MountainServiceFactor), "a finite number ≥ 0", o.MountainServiceFactor);
        Require(NonNegative(o.OptionalPickupThresholdKg), nameof(o.OptionalPickupThresholdKg), "a finite number ≥ 0", o.OptionalPickupThresholdKg);
        Require(NonNegative(o.OptionalStopPenalty), nameof(o.OptionalStopPenalty), "a finite number ≥ 0", o.OptionalStopPenalty);
        Require(o.TruckMaxRouteHours is null || NonNegative(o.TruckMaxRouteHours.Value), nameof(o.TruckMaxRouteHours), "null or ≥ 0", o.TruckMaxRouteHours);
        Require(o.MotorbikeMaxRouteHours is null || NonNegative(o.MotorbikeMaxRouteHours.Value), nameof(o.MotorbikeMaxRouteHours), "null or ≥ 0", o.MotorbikeMaxRouteHours);
        Require(o.MaxStopsPerMotorbike is null or > 0, nameof(o.MaxStopsPerMotorbike), "null or > 0", o.MaxStopsPerMotorbike);
        Require(o.MountainMaxStopsPerMotorbike is null or > 0, nameof(o.MountainMaxStopsPerMotorbike), "null or > 0", o.MountainMaxStopsPerMotorbike);
        foreach (var (name, value) in new[] { (nameof(o.TruckFixedCost), o.TruckFixedCost), (nameof(o.TruckCostPerKm), o.TruckCostPerKm),
                     (nameof(o.TruckCostPerHour), o.TruckCostPerHour), (nameof(o.MotorbikeFixedCost), o.MotorbikeFixedCost),
                     (nameof(o.MotorbikeCostPerKm), o.MotorbikeCostPerKm), (nameof(o.MotorbikeCostPerHour), o.MotorbikeCostPerHour) })
        {
            Require(NonNegative(value), name, "a finite number ≥ 0", value);
        }
    }
}
