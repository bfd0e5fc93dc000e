using System.Collections.Immutable;

namespace PostRoute.Engine.Formats;

/// <summary>One row of a Solomon / Gehring–Homberger file: the depot (row 0) or a customer.</summary>
/// <param name="Number">CUST NO. as written; equals the row's position (0 = depot).</param>
/// <param name="Location">XCOORD. and YCOORD.</param>
/// <param name="Demand">DEMAND, in the file's capacity unit (0 for the depot).</param>
/// <param name="ReadyTime">READY TIME: earliest start of service, in time units (= distance units).</param>
/// <param name="DueDate">DUE DATE: latest start of service; for the depot, the latest return (route horizon).</param>
/// <param name="ServiceTime">SERVICE TIME, in time units.</param>
public readonly record struct VrptwNode(int Number, PlanarPoint Location, int Demand, double ReadyTime, double DueDate, double ServiceTime);

/// <summary>
/// A Solomon (100 customers) or Gehring–Homberger (200–1000 customers) VRPTW instance, exactly as in its file.
/// Convention of these sets: travel time = distance = double-precision Euclidean distance, not rounded
/// (<see cref="DistanceRounding.None"/>, the reader's default); a vehicle arriving before READY TIME waits; service
/// starts no later than DUE DATE; every route ends at the depot by the depot's DUE DATE. The literature ranks
/// solutions by vehicles first, then total distance (SINTEF tables, 2 decimals). Immutable and thread-safe.
/// </summary>
public sealed record VrptwInstance : BenchmarkInstance
{
    /// <summary>Fleet size (VEHICLE NUMBER), an upper limit on routes.</summary>
    public required int VehicleCount { get; init; }

    /// <summary>Capacity of every vehicle (VEHICLE CAPACITY), in demand units.</summary>
    public required int VehicleCapacity { get; init; }

    /// <summary>All rows in file order: index 0 is the depot, index i ≥ 1 is customer i.</summary>
    public required ImmutableArray<VrptwNode> Nodes { get; init; }

    /// <summary>The depot (row 0).</summary>
    public VrptwNode Depot => Nodes[0];

    /// <inheritdoc />
    public override BenchmarkFormat Format => BenchmarkFormat.Solomon;

    /// <inheritdoc />
    public override int CustomerCount => Nodes.Length - 1;

    /// <summary>Distance (= travel time) between rows <paramref name="from"/> and <paramref name="to"/> under <see cref="BenchmarkInstance.Rounding"/>.</summary>
    /// <exception cref="IndexOutOfRangeException">An index is outside 0 … <see cref="CustomerCount"/>.</exception>
    public double Distance(int from, int to) => Nodes[from].Location.DistanceTo(Nodes[to].Location, Rounding);
}
