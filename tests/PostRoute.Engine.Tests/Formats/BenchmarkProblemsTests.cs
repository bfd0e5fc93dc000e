using PostRoute.Engine.Formats;
using PostRoute.Engine.Routing;

namespace PostRoute.Engine.Tests.Formats;

public sealed class BenchmarkProblemsTests
{
    [Fact]
    public void Solomon_becomes_jobs_with_windows_and_the_files_fleet()
    {
        var problem = SolomonReader.Read(BenchmarkData.File("solomon", "C101.txt")).ToProblem();
        Assert.Equal("C101", problem.Name);
        Assert.Equal(Objective.MinimizeCost, problem.Objective);
        Assert.Equal(["demand"], problem.DimensionNames.ToArray());
        Assert.Equal(101, problem.Locations.Length);
        Assert.Equal(100, problem.Jobs.Length);
        Assert.Empty(problem.Shipments);
        Assert.Equal(25, problem.Vehicles.Length);

        var job = problem.Jobs[0];
        Assert.Equal("1", job.Id);
        Assert.Equal(1, job.Location);
        Assert.Equal(10, job.Delivery[0]);
        Assert.Equal(90, job.ServiceSeconds);
        Assert.Equal([new TimeWindow(912, 967)], job.TimeWindows.ToArray());

        Assert.All(problem.Vehicles, v =>
        {
            Assert.Equal(0, v.Start);
            Assert.Equal(0, v.End);
            Assert.Equal(200, v.Capacity[0]);
            Assert.Equal(new TimeWindow(0, 1236), v.Shift);
            Assert.Equal(1000, v.CostPerKm);
            Assert.Equal(0, v.CostPerHour);
            Assert.Equal(0, v.FixedCost);
        });

        var travel = problem.TravelOf(0);
        Assert.Equal(Math.Sqrt(349), travel.DistanceMetres(0, 1));
        Assert.Equal(Math.Sqrt(349), travel.DurationSeconds(0, 1));
    }

    [Fact]
    public void Options_choose_vehicles_first_and_the_fleet_size()
    {
        var instance = SolomonReader.Read(BenchmarkData.File("solomon", "C101.txt"));
        var problem = instance.ToProblem(new BenchmarkProblemOptions { Objective = Objective.MinimizeVehiclesFirst, VehicleCount = 12 });
        Assert.Equal(Objective.MinimizeVehiclesFirst, problem.Objective);
        Assert.Equal(12, problem.Vehicles.Length);
        Assert.Throws<ArgumentException>(() => instance.ToProblem(new BenchmarkProblemOptions { VehicleCount = 0 }));
    }

    [Fact]
    public void Li_Lim_becomes_shipments_with_both_windows()
    {
        var problem = LiLimReader.Read(BenchmarkData.File("li-lim", "lc101.txt")).ToProblem();
        Assert.Empty(problem.Jobs);
        Assert.Equal(53, problem.Shipments.Length);
        Assert.Equal(25, problem.Vehicles.Length);

        // Line "3 42 66 10 65 146 90 0 75" and node 75's line "75 ... -10 ... 3 0".
        var shipment = problem.Shipments[problem.IndexOfShipment("3-75")];
        Assert.Equal(3, shipment.Pickup.Location);
        Assert.Equal(75, shipment.Delivery.Location);
        Assert.Equal(10, shipment.Amount[0]);
        Assert.Equal([new TimeWindow(65, 146)], shipment.Pickup.TimeWindows.ToArray());
        Assert.Equal(90, shipment.Pickup.ServiceSeconds);
        Assert.Equal(new TimeWindow(0, 1236), problem.Vehicles[0].Shift);
        Assert.Equal(Math.Sqrt(13), problem.TravelOf(0).DistanceMetres(1, 3));
    }

    [Fact]
    public void CVRP_keeps_rounded_distances_and_gets_a_generous_fleet()
    {
        var instance = CvrplibReader.Read(BenchmarkData.File("cvrplib-x", "X-n106-k14.vrp"));
        var problem = instance.ToProblem();
        Assert.Equal(106, problem.Locations.Length);
        Assert.Equal("1", problem.Locations[0].Id);
        Assert.Equal(105, problem.Jobs.Length);
        Assert.Equal("1", problem.Jobs[0].Id);
        Assert.Equal(1, problem.Jobs[0].Location);
        Assert.Equal(instance.Demands[1], problem.Jobs[0].Delivery[0]);
        Assert.All(problem.Jobs, job => Assert.Empty(job.TimeWindows.Where(w => w != TimeWindow.Unbounded)));
        Assert.Equal(644, problem.TravelOf(0).DistanceMetres(0, 1));
        Assert.Equal(BenchmarkProblems.DefaultFleetSize(instance), problem.Vehicles.Length);
        // At least the k of the name (⌈total demand / capacity⌉ = ⌈7864 / 600⌉ = 14) plus the slack of 3.
        Assert.True(problem.Vehicles.Length >= 17);
        Assert.All(problem.Vehicles, v => Assert.Null(v.MaxDurationSeconds));
    }

    [Fact]
    public void CMT_duration_limit_and_service_time_are_carried_over()
    {
        var problem = CvrplibReader.Read(BenchmarkData.File("cvrp-classic", "CMT6.vrp")).ToProblem();
        Assert.Equal(50, problem.Jobs.Length);
        Assert.All(problem.Jobs, job => Assert.Equal(10, job.ServiceSeconds));
        Assert.Equal(50, problem.Vehicles.Length);
        Assert.All(problem.Vehicles, v => Assert.Equal(200, v.MaxDurationSeconds));
        Assert.Equal(Math.Sqrt(193), problem.TravelOf(0).DistanceMetres(0, 1));
    }

    [Fact]
    public void Explicit_instances_convert_without_coordinates()
    {
        var instance = CvrplibReader.Parse(CvrplibReaderTests.ExplicitInstance("LOWER_ROW", "1 2 4 3 5 6"), "e.vrp");
        var problem = instance.ToProblem();
        Assert.Equal(3, problem.Jobs.Length);
        Assert.Null(problem.Locations[0].X);
        Assert.Equal(6, problem.TravelOf(0).DistanceMetres(2, 3));
        Assert.Equal(3, problem.Vehicles.Length); // 1 FFD route + 3, capped at the 3 customers
    }

    [Theory]
    // Demands 6, 5, 4, 3, 2 into capacity 10: first-fit decreasing packs {6, 4} and {5, 3, 2}: 2 routes + 3 = 5, the customer count.
    [InlineData(new[] { 6, 5, 4, 3, 2 }, 10, 5)]
    // Forty demands of 1 into capacity 10: 4 routes + 3.
    [InlineData(new[] { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 }, 10, 7)]
    // Two customers that each fill a vehicle: never more vehicles than customers.
    [InlineData(new[] { 10, 10 }, 10, 2)]
    public void Default_CVRP_fleet_is_a_first_fit_decreasing_packing_plus_slack(int[] demands, int capacity, int expected)
    {
        var instance = new CvrpInstance
        {
            Name = "t",
            Dimension = demands.Length + 1,
            Capacity = capacity,
            EdgeWeightType = "EUC_2D",
            Coordinates = [.. Enumerable.Range(0, demands.Length + 1).Select(i => new PlanarPoint(i, 0))],
            Demands = [0, .. demands],
            DepotIndices = [0],
        };
        Assert.Equal(expected, BenchmarkProblems.DefaultFleetSize(instance));
    }

    [Fact]
    public void Default_fleet_with_many_routes_gets_ten_percent_slack()
    {
        // 50 customers of demand 10, capacity 10: 50 routes, + max(3, 5) = 55, capped at 50 customers.
        // 50 customers of demand 3, capacity 10: 3 per route → 17 routes, + max(3, 2) = 20.
        Assert.Equal(50, BenchmarkProblems.DefaultFleetSize(Uniform(50, 10, 10)));
        Assert.Equal(20, BenchmarkProblems.DefaultFleetSize(Uniform(50, 3, 10)));
        // 120 customers of demand 4, capacity 10: 2 per route → 60 routes, + max(3, 6) = 66.
        Assert.Equal(66, BenchmarkProblems.DefaultFleetSize(Uniform(120, 4, 10)));
    }

    private static CvrpInstance Uniform(int customers, int demand, int capacity) => new()
    {
        Name = "u",
        Dimension = customers + 1,
        Capacity = capacity,
        EdgeWeightType = "EUC_2D",
        Coordinates = [.. Enumerable.Range(0, customers + 1).Select(i => new PlanarPoint(i, 0))],
        Demands = [0, .. Enumerable.Repeat(demand, customers)],
        DepotIndices = [0],
    };
}
