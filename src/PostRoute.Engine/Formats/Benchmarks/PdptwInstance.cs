using System.Collections.Immutable;

namespace PostRoute.Engine.Formats;

/// <summary>One node line of a Li &amp; Lim file: <c>index x y demand earliest latest service pickup delivery</c>.</summary>
/// <param name="Index">Node index as written; equals the line's position after the header (0 = depot).</param>
/// <param name="Location">x and y.</param>
/// <param name="Demand">Load change: positive at a pickup, the same amount negative at its delivery, 0 at the depot.</param>
/// <param name="ReadyTime">Earliest start of service, in time units (= distance units).</param>
/// <param name="DueDate">Latest start of service; for the depot, the latest return.</param>
/// <param name="ServiceTime">Service duration, in time units.</param>
/// <param name="PickupIndex">For a delivery node, the index of its pickup; 0 otherwise.</param>
/// <param name="DeliveryIndex">For a pickup node, the index of its delivery; 0 otherwise.</param>
public readonly record struct PdptwNode(
    int Index, PlanarPoint Location, int Demand, double ReadyTime, double DueDate, double ServiceTime, int PickupIndex, int DeliveryIndex)
{
    /// <summary>True for a pickup node (it names its delivery).</summary>
    public bool IsPickup => DeliveryIndex != 0;

    /// <summary>True for a delivery node (it names its pickup).</summary>
    public bool IsDelivery => PickupIndex != 0;
}

/// <summary>
/// A Li &amp; Lim pickup-and-delivery instance with time windows, exactly as in its file. Convention: travel time =
/// distance = double-precision Euclidean distance, not rounded (<see cref="DistanceRounding.None"/>, the reader's
/// default); waiting is allowed; each pickup precedes its delivery on the same route; the load stays within
/// [0, <see cref="VehicleCapacity"/>]. The literature ranks solutions by vehicles first, then distance.
/// The reader has checked that every non-depot node is paired consistently. Immutable and thread-safe.
/// </summary>
public sealed record PdptwInstance : BenchmarkInstance
{
    /// <summary>Fleet size K from the first line, an upper limit on routes.</summary>
    public required int VehicleCount { get; init; }

    /// <summary>Vehicle capacity Q from the first line.</summary>
    public required int VehicleCapacity { get; init; }

    /// <summary>Speed S from the first line (always 1 in the published set; travel time = distance regardless).</summary>
    public required double Speed { get; init; }

    /// <summary>All node lines in file order; index 0 is the depot.</summary>
    public required ImmutableArray<PdptwNode> Nodes { get; init; }

    /// <summary>The depot (node 0).</summary>
    public PdptwNode Depot => Nodes[0];

    /// <inheritdoc />
    public override BenchmarkFormat Format => BenchmarkFormat.LiLim;

    /// <inheritdoc />
    public override int CustomerCount => Nodes.Length - 1;

    /// <summary>The pickup–delivery pairs as node indices, in the file order of their pickups.</summary>
    public IEnumerable<(int Pickup, int Delivery)> Pairs =>
        Nodes.Where(node => node.IsPickup).Select(node => (node.Index, node.DeliveryIndex));

    /// <summary>Distance (= travel time) between nodes <paramref name="from"/> and <paramref name="to"/> under <see cref="BenchmarkInstance.Rounding"/>.</summary>
    /// <exception cref="IndexOutOfRangeException">An index is outside 0 … <see cref="CustomerCount"/>.</exception>
    public double Distance(int from, int to) => Nodes[from].Location.DistanceTo(Nodes[to].Location, Rounding);
}
