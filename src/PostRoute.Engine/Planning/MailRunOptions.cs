using System.Collections.Immutable;
using PostRoute.Engine.Network;
using PostRoute.Engine.Routing;

namespace PostRoute.Engine.Planning;

/// <summary>
/// What <see cref="MailRun.Build"/> plans: the day, the volumes, and the fleet, shifts and service rules of a
/// provincial post. Every default is that of a typical day at a Vietnamese provincial post (Phú Yên scale); see
/// <c>docs/mail-run.md</c>. Times are seconds since midnight of <see cref="Date"/>; masses kilograms; costs thousand
/// VND (indicative). Immutable; the same options on a network with the same nodes always build the same problem
/// (same job and vehicle ids), which re-planning after road closures relies on.
/// </summary>
public sealed record MailRunOptions
{
    private const double Hour = 3600;

    /// <summary>
    /// The day planned. Required in practice: it selects the generated volumes (weekday factor and random stream) and
    /// names the problem; the default (0001-01-01) is accepted but meaningless.
    /// </summary>
    public DateOnly Date { get; init; }

    /// <summary>Seed of the generated volumes (ignored when <see cref="Volumes"/> is given). Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The day's volumes per commune; null (default) generates them with <see cref="MailVolumes.Generate"/> from <see cref="Date"/> and <see cref="Seed"/>.</summary>
    public ImmutableArray<CommuneVolume>? Volumes { get; init; }

    // ---- Trunk tier: trucks hub → district offices ----

    /// <summary>Trucks available at the provincial hub (≥ 0); unused ones cost nothing. Default 5.</summary>
    public int TruckCount { get; init; } = 5;

    /// <summary>Payload of each truck, kilograms (&gt; 0). Default 2 500 kg (a 2.5 t light truck).</summary>
    public double TruckCapacityKg { get; init; } = 2500;

    /// <summary>Truck shift: earliest departure from the hub and latest return. Default 04:30–11:00.</summary>
    public TimeWindow TruckShift { get; init; } = new(4.5 * Hour, 11 * Hour);

    /// <summary>
    /// Latest start of unloading at a district office, seconds since midnight, so the mail is sorted before the
    /// motorbikes leave. Default 07:15 (unloading takes 10–15 min with the default service times, so the mail is in
    /// by about the 07:30 departure of <see cref="MotorbikeShift"/>). Unloading may start from the start of <see cref="TruckShift"/>.
    /// </summary>
    public double TrunkArrivalDeadlineSeconds { get; init; } = 7.25 * Hour;

    /// <summary>Fixed time to unload at and load from a district office, seconds. Default 600 (10 min).</summary>
    public double TrunkServiceBaseSeconds { get; init; } = 600;

    /// <summary>Extra unloading/loading time per kilogram handled (delivered + picked up) at a district office, seconds. Default 0.5.</summary>
    public double TrunkServiceSecondsPerKg { get; init; } = 0.5;

    /// <summary>Longest truck route (hub → offices → hub), hours; null for no limit. Default 6.</summary>
    public double? TruckMaxRouteHours { get; init; } = 6;

    /// <summary>Cost of using a truck for the day. Default 400 (thousand VND).</summary>
    public double TruckFixedCost { get; init; } = 400;

    /// <summary>Truck cost per kilometre (fuel, wear). Default 6 (thousand VND).</summary>
    public double TruckCostPerKm { get; init; } = 6;

    /// <summary>Truck cost per hour of route (driver and mate). Default 100 (thousand VND).</summary>
    public double TruckCostPerHour { get; init; } = 100;

    // ---- Local tier: motorbikes district office → commune service points ----

    /// <summary>Payload of each motorbike (panniers and top box), kilograms (&gt; 0). Default 120 kg.</summary>
    public double MotorbikeCapacityKg { get; init; } = 120;

    /// <summary>Postman's shift: departure from the district office and latest return. Default 07:30–16:30.</summary>
    public TimeWindow MotorbikeShift { get; init; } = new(7.5 * Hour, 16.5 * Hour);

    /// <summary>Longest motorbike route including the lunch break, hours; null for no limit. Default 8.5.</summary>
    public double? MotorbikeMaxRouteHours { get; init; } = 8.5;

    /// <summary>
    /// The postman's lunch break, taken by every used motorbike; null for none. Default: one hour starting between
    /// 11:00 and 12:30.
    /// </summary>
    public Break? LunchBreak { get; init; } = new("lunch", [new(11 * Hour, 12.5 * Hour)], Hour);

    /// <summary>
    /// Opening hours of a commune service point: windows for the start of service. Default 07:30–11:30 and
    /// 13:00–16:30 (closed at noon, while the postman takes the <see cref="LunchBreak"/>). Any number of windows;
    /// empty means any time.
    /// </summary>
    public ImmutableArray<TimeWindow> ServicePointHours { get; init; } = [new(7.5 * Hour, 11.5 * Hour), new(13 * Hour, 16.5 * Hour)];

    /// <summary>Fixed time at a service point (parking, handover, signatures), seconds. Default 300 (5 min).</summary>
    public double LocalServiceBaseSeconds { get; init; } = 300;

    /// <summary>Extra time per kilogram handled (delivered + picked up) at a service point, seconds. Default 12.</summary>
    public double LocalServiceSecondsPerKg { get; init; } = 12;

    /// <summary>Districts whose service times are longer and whose motorbikes make fewer stops. Default <see cref="PhuYen.MountainDistrictCodes"/>.</summary>
    public ImmutableArray<string> MountainDistrictCodes { get; init; } = PhuYen.MountainDistrictCodes;

    /// <summary>Service-time multiplier at service points of a mountain district (≥ 1 in practice). Default 1.5.</summary>
    public double MountainServiceFactor { get; init; } = 1.5;

    /// <summary>Most stops a motorbike makes in a day outside the mountain districts; null for no limit. Default 12.</summary>
    public int? MaxStopsPerMotorbike { get; init; } = 12;

    /// <summary>Most stops a motorbike makes in a day in a mountain district; null for no limit. Default 6.</summary>
    public int? MountainMaxStopsPerMotorbike { get; init; } = 6;

    /// <summary>
    /// Fraction of <see cref="MotorbikeCapacityKg"/> assumed usable when sizing a district's fleet (0 &lt; f ≤ 1),
    /// leaving room for an uneven split of the stops. Default 0.8.
    /// </summary>
    public double MotorbikeLoadFactor { get; init; } = 0.8;

    /// <summary>Motorbikes added to each district's computed count, as slack for time windows (≥ 0). Default 1.</summary>
    public int SpareMotorbikesPerDistrict { get; init; } = 1;

    /// <summary>Cost of using a motorbike for the day. Default 150 (thousand VND).</summary>
    public double MotorbikeFixedCost { get; init; } = 150;

    /// <summary>Motorbike cost per kilometre. Default 1.5 (thousand VND).</summary>
    public double MotorbikeCostPerKm { get; init; } = 1.5;

    /// <summary>Motorbike cost per hour of route (the postman). Default 40 (thousand VND).</summary>
    public double MotorbikeCostPerHour { get; init; } = 40;

    /// <summary>
    /// A collection-only stop (no incoming mail) whose outgoing mail is below this many kilograms is optional: the
    /// planner may leave it for another day at <see cref="OptionalStopPenalty"/>. 0 makes every stop mandatory. Default 5.
    /// </summary>
    public double OptionalPickupThresholdKg { get; init; } = 5;

    /// <summary>Cost of leaving an optional collection-only stop unserved (≥ 0). Default 100 (thousand VND).</summary>
    public double OptionalStopPenalty { get; init; } = 100;
}
