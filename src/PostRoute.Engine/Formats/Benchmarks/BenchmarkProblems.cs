using System.Collections.Immutable;
using System.Globalization;
using PostRoute.Engine.Routing;

namespace PostRoute.Engine.Formats;

/// <summary>Choices made when turning a benchmark instance into a <see cref="RoutingProblem"/>. Immutable.</summary>
public sealed record BenchmarkProblemOptions
{
    /// <summary>
    /// How solutions are ranked. <see cref="Objective.MinimizeCost"/> (default) minimises total distance;
    /// <see cref="Objective.MinimizeVehiclesFirst"/> ranks by routes first, as the Solomon / Li &amp; Lim literature does.
    /// </summary>
    public Objective Objective { get; init; } = Objective.MinimizeCost;

    /// <summary>
    /// Number of vehicles to give the problem; null keeps each set's convention (the file's fleet size for VRPTW and
    /// PDPTW, <see cref="BenchmarkProblems.DefaultFleetSize"/> for CVRP). Must be ≥ 1 when given.
    /// </summary>
    public int? VehicleCount { get; init; }
}

/// <summary>
/// Turns benchmark instances into <see cref="RoutingProblem"/>s with the literature's conventions, so that a
/// solution's <see cref="RoutingSolution.DistanceMetres"/> is the set's total distance and is directly comparable with
/// its best-known values.
/// <para>
/// Units: one distance unit of the instance is one metre and one time unit is one second; travel time = distance
/// (speed 1), both from the instance's <c>Distance</c> under its <see cref="BenchmarkInstance.Rounding"/> (an explicit
/// matrix, <see cref="MatrixTravel.FromSingleMatrix"/>). Every vehicle has <see cref="Vehicle.CostPerKm"/> = 1000 and no
/// fixed or time cost, so the cost is the total distance in instance units. One capacity dimension named
/// <c>demand</c>.
/// </para>
/// <para>
/// Ids: location i has id <c>i</c> for Solomon and Li &amp; Lim (row / node index, 0 = depot) and the file's node id
/// (index + 1) for CVRPLIB; a VRPTW or CVRP job's id is its customer number (Solomon CUST NO.; CVRPLIB <c>.sol</c>
/// numbering 1 … n); a Li &amp; Lim shipment's id is <c>pickup-delivery</c> (node indices); vehicles are <c>v1</c>, <c>v2</c>, ….
/// </para>
/// Stateless and thread-safe.
/// </summary>
public static class BenchmarkProblems
{
    /// <summary>Metres per kilometre: <see cref="Vehicle.CostPerKm"/> that makes one distance unit cost 1.</summary>
    public const double CostPerDistanceUnitAsCostPerKm = 1000;

    /// <summary>The name of the single capacity dimension.</summary>
    public const string DemandDimension = "demand";

    /// <summary>Converts any instance read by <see cref="BenchmarkFiles.Read"/> with the conversion for its type.</summary>
    /// <exception cref="ArgumentException">An unknown instance type, or a <see cref="BenchmarkProblemOptions.VehicleCount"/> below 1.</exception>
    public static RoutingProblem ToProblem(this BenchmarkInstance instance, BenchmarkProblemOptions? options = null) => instance switch
    {
        VrptwInstance vrptw => vrptw.ToProblem(options),
        PdptwInstance pdptw => pdptw.ToProblem(options),
        CvrpInstance cvrp => cvrp.ToProblem(options),
        null => throw new ArgumentNullException(nameof(instance)),
        _ => throw new ArgumentException($"No conversion for {instance.GetType().Name}.", nameof(instance)),
    };

    /// <summary>
    /// Solomon / Gehring–Homberger VRPTW: one job per customer (delivery = DEMAND, service = SERVICE TIME, one window
    /// [READY TIME, DUE DATE] for the start of service); the file's fleet (VEHICLE NUMBER identical vehicles of
    /// CAPACITY) starting and ending at the depot, with shift [depot READY TIME, depot DUE DATE] so every route is back
    /// by the depot's due date; waiting allowed.
    /// </summary>
    public static RoutingProblem ToProblem(this VrptwInstance instance, BenchmarkProblemOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        options ??= new BenchmarkProblemOptions();
        var builder = NewBuilder(instance.Name, options);
        AddLocations(builder, instance.Nodes.Select(n => n.Location), index => index);
        for (int i = 1; i < instance.Nodes.Length; i++)
        {
            var node = instance.Nodes[i];
            builder.AddJob(new Job(Id(node.Number), i)
            {
                Delivery = [node.Demand],
                ServiceSeconds = node.ServiceTime,
                TimeWindows = [new TimeWindow(node.ReadyTime, node.DueDate)],
            });
        }

        var shift = new TimeWindow(instance.Depot.ReadyTime, instance.Depot.DueDate);
        AddFleet(builder, VehicleCount(options, instance.VehicleCount), instance.VehicleCapacity, shift, maxDuration: null);
        builder.SetTravel(MatrixTravel.FromSingleMatrix(Matrix(instance.Nodes.Length, instance.Distance)));
        return builder.Build();
    }

    /// <summary>
    /// Li &amp; Lim PDPTW: one shipment per pickup–delivery pair (amount = the pickup's demand; each stop with its own
    /// service time and window for the start of service); the file's fleet (K vehicles of capacity Q) starting and
    /// ending at the depot with shift [depot earliest, depot latest]. The file's speed is not used (time = distance, as
    /// in the published results).
    /// </summary>
    public static RoutingProblem ToProblem(this PdptwInstance instance, BenchmarkProblemOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        options ??= new BenchmarkProblemOptions();
        var builder = NewBuilder(instance.Name, options);
        AddLocations(builder, instance.Nodes.Select(n => n.Location), index => index);
        foreach (var (pickup, delivery) in instance.Pairs)
        {
            var p = instance.Nodes[pickup];
            var d = instance.Nodes[delivery];
            builder.AddShipment(new Shipment(
                $"{Id(pickup)}-{Id(delivery)}",
                new ShipmentStop(pickup) { ServiceSeconds = p.ServiceTime, TimeWindows = [new TimeWindow(p.ReadyTime, p.DueDate)] },
                new ShipmentStop(delivery) { ServiceSeconds = d.ServiceTime, TimeWindows = [new TimeWindow(d.ReadyTime, d.DueDate)] })
            {
                Amount = [p.Demand],
            });
        }

        var shift = new TimeWindow(instance.Depot.ReadyTime, instance.Depot.DueDate);
        AddFleet(builder, VehicleCount(options, instance.VehicleCount), instance.VehicleCapacity, shift, maxDuration: null);
        builder.SetTravel(MatrixTravel.FromSingleMatrix(Matrix(instance.Nodes.Length, instance.Distance)));
        return builder.Build();
    }

    /// <summary>
    /// CVRPLIB CVRP: one job per customer (delivery = demand; service = SERVICE_TIME when given), identical vehicles of
    /// CAPACITY starting and ending at the first depot, no time windows (unbounded shift), and for the CMT variant a
    /// maximum route duration of DISTANCE (travel + service). The literature's fleet is unlimited; the problem gets
    /// <see cref="DefaultFleetSize"/> vehicles unless <see cref="BenchmarkProblemOptions.VehicleCount"/> says otherwise.
    /// </summary>
    public static RoutingProblem ToProblem(this CvrpInstance instance, BenchmarkProblemOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        options ??= new BenchmarkProblemOptions();
        var builder = NewBuilder(instance.Name, options);
        if (instance.Coordinates.IsDefaultOrEmpty)
        {
            for (int i = 0; i < instance.Dimension; i++)
            {
                builder.AddLocation(new Location(Id(i + 1)));
            }
        }
        else
        {
            AddLocations(builder, instance.Coordinates, index => index + 1);
        }

        var customers = instance.CustomerIndices;
        for (int c = 0; c < customers.Length; c++)
        {
            builder.AddJob(new Job(Id(c + 1), customers[c])
            {
                Delivery = [instance.Demands[customers[c]]],
                ServiceSeconds = instance.ServiceTime ?? 0,
            });
        }

        AddFleet(builder, VehicleCount(options, DefaultFleetSize(instance)), instance.Capacity, TimeWindow.Unbounded, instance.MaxRouteDuration,
            depot: instance.DepotIndex);
        builder.SetTravel(MatrixTravel.FromSingleMatrix(Matrix(instance.Dimension, instance.Distance)));
        return builder.Build();
    }

    /// <summary>
    /// Vehicles given to a CVRP problem whose fleet the literature leaves unlimited: enough that the fleet never binds in
    /// practice. Without a route duration limit, the number of routes <c>b</c> a first-fit-decreasing packing of the
    /// demands into CAPACITY needs (always a feasible route count) plus <c>max(3, ⌈b/10⌉)</c>, since best-known
    /// solutions sometimes use a few more routes than the minimum (X-n101-k25 uses 26), capped at the customer count.
    /// With a duration limit (CMT6–10, 13, 14) one vehicle per customer, which is enough whenever each customer can be
    /// served alone. A solution that uses every vehicle hints that the fleet was binding.
    /// </summary>
    public static int DefaultFleetSize(CvrpInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        int customers = instance.CustomerCount;
        if (instance.MaxRouteDuration is not null)
        {
            return Math.Max(1, customers);
        }

        var remaining = new List<long>();
        foreach (int demand in instance.CustomerIndices.Select(i => instance.Demands[i]).OrderDescending())
        {
            int bin = remaining.FindIndex(space => space >= demand);
            if (bin < 0)
            {
                remaining.Add(instance.Capacity - (long)demand);
            }
            else
            {
                remaining[bin] -= demand;
            }
        }

        int bins = remaining.Count;
        return Math.Max(1, Math.Min(customers, bins + Math.Max(3, (bins + 9) / 10)));
    }

    /// <summary>
    /// The CVRPLIB <c>.sol</c> form of <paramref name="solution"/>, a solution of <paramref name="problem"/> built by
    /// <see cref="ToProblem(CvrpInstance, BenchmarkProblemOptions?)"/> from <paramref name="instance"/>: one route per
    /// used vehicle listing its jobs' customer numbers in order, and the cost recomputed by
    /// <see cref="CvrpInstance.Cost"/> under the instance's rounding.
    /// </summary>
    /// <exception cref="ArgumentException">A job id is not a customer number of <paramref name="instance"/>.</exception>
    public static CvrpSolution ToCvrpSolution(this CvrpInstance instance, RoutingProblem problem, RoutingSolution solution)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(solution);
        var routes = solution.Routes
            .Select(route => route.Steps
                .Where(step => step.Kind == StepKind.Job)
                .Select(step => CustomerNumber(problem.Jobs[step.TaskIndex].Id, instance.CustomerCount))
                .ToImmutableArray())
            .ToImmutableArray();
        var result = new CvrpSolution(routes, null);
        return result with { Cost = instance.Cost(result) };
    }

    private static int CustomerNumber(string jobId, int customers) =>
        int.TryParse(jobId, NumberStyles.None, CultureInfo.InvariantCulture, out int number) && number >= 1 && number <= customers
            ? number
            : throw new ArgumentException($"Job id '{jobId}' is not a customer number 1 … {customers}.", nameof(jobId));

    private static ProblemBuilder NewBuilder(string name, BenchmarkProblemOptions options) =>
        new ProblemBuilder(name) { Objective = options.Objective }.SetDimensions(DemandDimension);

    private static void AddLocations(ProblemBuilder builder, IEnumerable<PlanarPoint> points, Func<int, int> idOf)
    {
        int index = 0;
        foreach (var point in points)
        {
            builder.AddLocation(Id(idOf(index++)), point.X, point.Y);
        }
    }

    private static void AddFleet(ProblemBuilder builder, int count, long capacity, TimeWindow shift, double? maxDuration, int depot = 0)
    {
        for (int v = 1; v <= count; v++)
        {
            builder.AddVehicle(new Vehicle("v" + Id(v), depot, depot)
            {
                Capacity = [capacity],
                Shift = shift,
                CostPerKm = CostPerDistanceUnitAsCostPerKm,
                MaxDurationSeconds = maxDuration,
            });
        }
    }

    private static int VehicleCount(BenchmarkProblemOptions options, int conventional)
    {
        if (options.VehicleCount is < 1)
        {
            throw new ArgumentException($"VehicleCount must be at least 1, got {options.VehicleCount}.", nameof(options));
        }

        return options.VehicleCount ?? conventional;
    }

    private static double[,] Matrix(int size, Func<int, int, double> distance)
    {
        var matrix = new double[size, size];
        for (int i = 0; i < size; i++)
        {
            for (int j = 0; j < size; j++)
            {
                matrix[i, j] = distance(i, j);
            }
        }

        return matrix;
    }

    private static string Id(int number) => number.ToString(CultureInfo.InvariantCulture);
}
