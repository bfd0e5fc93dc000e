using System.Collections.Immutable;
using PostRoute.Engine.Routing;
using PostRoute.Engine.Routing.Solvers.OrTools;
using static PostRoute.Engine.Tests.Routing.RoutingTestKit;

namespace PostRoute.Engine.Tests.Routing;

public class OrToolsSolverTests
{
    [Fact]
    public void Cvrp_two_clusters_use_two_vehicles_with_the_optimal_distance()
    {
        // Depot at the origin; two customers at (0, ±10) and two at (±10, 0)... built so that capacity 2 forces pairs.
        var b = Plane((0, 0), (10, 0), (10, 1), (-10, 0), (-10, 1));
        for (int i = 1; i <= 4; i++)
        {
            b.AddJob(new Job($"c{i}", i) { Delivery = [1] });
        }

        b.AddVehicle(new Vehicle("v1", 0, 0) { Capacity = [2], CostPerKm = 1000 });
        b.AddVehicle(new Vehicle("v2", 0, 0) { Capacity = [2], CostPerKm = 1000 });
        var problem = b.Build();

        var solution = SolveChecked(problem);

        Assert.Empty(solution.Unassigned);
        Assert.Equal(2, solution.VehiclesUsed);
        // Each route: 10 + 1 + sqrt(101) by construction.
        Assert.Equal(2 * (11 + Math.Sqrt(101)), solution.DistanceMetres, 6);
        Assert.Equal(2 * (11 + Math.Sqrt(101)), solution.Cost.Total, 6);
    }
}
