using System.Collections.Immutable;

namespace PostRoute.Engine.Routing;

/// <summary>One end of a <see cref="Shipment"/>: where and when it is picked up or delivered. Immutable.</summary>
/// <param name="Location">Index into <see cref="RoutingProblem.Locations"/>.</param>
public sealed record ShipmentStop(int Location)
{
    /// <summary>Time spent at the stop, in seconds (≥ 0).</summary>
    public double ServiceSeconds { get; init; }

    /// <summary>Windows for the start of service, in seconds; empty means any time. Must not overlap.</summary>
    public ImmutableArray<TimeWindow> TimeWindows { get; init; } = [];
}

/// <summary>
/// Goods carried from a pickup stop to a delivery stop by one vehicle, pickup first. The <see cref="Amount"/> is on
/// board between the two stops. Mandatory unless it has a <see cref="Penalty"/>; served entirely or not at all. Immutable.
/// </summary>
/// <param name="Id">Unique id among the problem's jobs and shipments.</param>
/// <param name="Pickup">Where and when the goods are collected.</param>
/// <param name="Delivery">Where and when the goods are handed over.</param>
public sealed record Shipment(string Id, ShipmentStop Pickup, ShipmentStop Delivery)
{
    /// <summary>Amounts carried, one entry per capacity dimension.</summary>
    public Amounts Amount { get; init; }

    /// <summary>Skills the serving vehicle must all have (case-sensitive).</summary>
    public ImmutableArray<string> Skills { get; init; } = [];

    /// <summary>Priority 0–100 (default 0), with the same meaning as <see cref="Job.Priority"/>.</summary>
    public int Priority { get; init; }

    /// <summary>Cost added to the objective when not served (≥ 0); null (default) makes the shipment mandatory.</summary>
    public double? Penalty { get; init; }

    /// <summary>True when the shipment has a <see cref="Penalty"/> and may be left out.</summary>
    public bool IsOptional => Penalty is not null;
}
