using System.Collections.Immutable;

namespace PostRoute.Engine.Formats;

/// <summary>
/// A capacitated VRP instance from a TSPLIB / CVRPLIB <c>.vrp</c> file, exactly as the file gives it. Nodes are
/// addressed by 0-based index = file id − 1. Distances follow <see cref="BenchmarkInstance.Rounding"/>; the reader's
/// default per set is: EUC_2D with integer coordinates (Augerat A, B, P; Uchoa X) → <see cref="DistanceRounding.NearestInteger"/>
/// (TSPLIB nint); EUC_2D written by HGS-CVRP with decimal coordinates or DISTANCE / SERVICE_TIME (CMT, Golden) →
/// <see cref="DistanceRounding.None"/>; EXPLICIT → <see cref="DistanceRounding.None"/> (weights as written).
/// The fleet of these sets is unlimited. Immutable and thread-safe.
/// </summary>
public sealed record CvrpInstance : BenchmarkInstance
{
    /// <summary>COMMENT, or empty when absent.</summary>
    public string Comment { get; init; } = "";

    /// <summary>DIMENSION: number of nodes including the depot(s).</summary>
    public required int Dimension { get; init; }

    /// <summary>CAPACITY of every vehicle, in demand units.</summary>
    public required int Capacity { get; init; }

    /// <summary>EDGE_WEIGHT_TYPE: <c>EUC_2D</c> or <c>EXPLICIT</c>.</summary>
    public required string EdgeWeightType { get; init; }

    /// <summary>EDGE_WEIGHT_FORMAT for EXPLICIT instances (e.g. <c>LOWER_ROW</c>); null otherwise.</summary>
    public string? EdgeWeightFormat { get; init; }

    /// <summary>
    /// Coordinates by node index from NODE_COORD_SECTION (or from DISPLAY_DATA_SECTION when the file has only that);
    /// empty when the file has neither.
    /// </summary>
    public ImmutableArray<PlanarPoint> Coordinates { get; init; } = [];

    /// <summary>
    /// Explicit arc weights as a full row-major <see cref="Dimension"/>² matrix (entry <c>i·Dimension + j</c>),
    /// expanded from the file's EDGE_WEIGHT_FORMAT; empty unless EXPLICIT.
    /// </summary>
    public ImmutableArray<double> EdgeWeights { get; init; } = [];

    /// <summary>DEMAND_SECTION by node index, in capacity units.</summary>
    public required ImmutableArray<int> Demands { get; init; }

    /// <summary>DEPOT_SECTION as node indices (usually just 0); node 0 when the file has no DEPOT_SECTION.</summary>
    public required ImmutableArray<int> DepotIndices { get; init; }

    /// <summary>
    /// DISTANCE (CMT variant): maximum duration of a route = travel distance + service times, in distance units;
    /// null when absent.
    /// </summary>
    public double? MaxRouteDuration { get; init; }

    /// <summary>SERVICE_TIME (CMT variant): service duration at every customer, in distance units; null when absent.</summary>
    public double? ServiceTime { get; init; }

    /// <summary>VEHICLES when the file gives it (a few CVRPLIB sets do); null otherwise. Not a limit in the CVRP literature.</summary>
    public int? Vehicles { get; init; }

    /// <summary>Every <c>KEY : value</c> line of the header, keys upper-cased, values trimmed.</summary>
    public ImmutableDictionary<string, string> Header { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>The depot used for routes: the first of <see cref="DepotIndices"/>.</summary>
    public int DepotIndex => DepotIndices[0];

    /// <summary>
    /// Node indices of the customers (every node not in <see cref="DepotIndices"/>) in file order. Customer number c
    /// of a <c>.sol</c> file is node <c>CustomerIndices[c − 1]</c> (node id c + 1 when the depot is node 1).
    /// </summary>
    public ImmutableArray<int> CustomerIndices =>
        [.. Enumerable.Range(0, Dimension).Where(index => !DepotIndices.Contains(index))];

    /// <inheritdoc />
    public override BenchmarkFormat Format => BenchmarkFormat.Cvrplib;

    /// <inheritdoc />
    public override int CustomerCount => Dimension - DepotIndices.Length;

    /// <summary>True when arcs come from <see cref="EdgeWeights"/> rather than coordinates.</summary>
    public bool IsExplicit => !EdgeWeights.IsDefaultOrEmpty;

    /// <summary>
    /// Cost (= travel time) of the arc between node indices <paramref name="from"/> and <paramref name="to"/>: the
    /// explicit weight or the Euclidean distance, rounded per <see cref="BenchmarkInstance.Rounding"/>.
    /// </summary>
    /// <exception cref="IndexOutOfRangeException">An index is outside 0 … <see cref="Dimension"/> − 1.</exception>
    public double Distance(int from, int to)
    {
        if (IsExplicit)
        {
            if ((uint)from >= (uint)Dimension || (uint)to >= (uint)Dimension)
            {
                throw new IndexOutOfRangeException($"Node index {from} or {to} is outside 0 … {Dimension - 1}.");
            }

            return BenchmarkDistances.Round(EdgeWeights[from * Dimension + to], Rounding);
        }

        return Coordinates[from].DistanceTo(Coordinates[to], Rounding);
    }

    /// <summary>
    /// Total cost of <paramref name="solution"/>: every route runs depot → its customers in order → depot, each arc
    /// costed by <see cref="Distance"/>. Does not check capacity or coverage.
    /// </summary>
    /// <exception cref="ArgumentException">A route names a customer outside 1 … <see cref="CustomerCount"/>.</exception>
    public double Cost(CvrpSolution solution)
    {
        ArgumentNullException.ThrowIfNull(solution);
        var customers = CustomerIndices;
        double total = 0;
        for (int r = 0; r < solution.Routes.Length; r++)
        {
            var route = solution.Routes[r];
            if (route.IsEmpty)
            {
                continue;
            }

            int previous = DepotIndex;
            foreach (int customer in route)
            {
                if (customer < 1 || customer > customers.Length)
                {
                    throw new ArgumentException(
                        $"Route #{r + 1} visits customer {customer}, but customers are numbered 1 … {customers.Length}.", nameof(solution));
                }

                int node = customers[customer - 1];
                total += Distance(previous, node);
                previous = node;
            }

            total += Distance(previous, DepotIndex);
        }

        return total;
    }
}
