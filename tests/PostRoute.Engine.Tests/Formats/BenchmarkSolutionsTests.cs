using System.Collections.Immutable;
using PostRoute.Engine.Formats;
using PostRoute.Engine.Routing;
using PostRoute.Engine.Routing.Solvers.OrTools;

namespace PostRoute.Engine.Tests.Formats;

/// <summary>Published solutions and solver runs on converted instances, verified by the independent checker.</summary>
public sealed class BenchmarkSolutionsTests
{
    [Theory]
    [InlineData("cvrplib-x", "X-n106-k14", 26362)]
    [InlineData("cvrp-classic", "A-n32-k5", 784)]
    public void Best_known_CVRP_solutions_are_valid_in_the_converted_problem_at_their_published_cost(string set, string name, double cost)
    {
        var instance = CvrplibReader.Read(BenchmarkData.File(set, name + ".vrp"));
        var published = CvrpSolutionFormat.Read(BenchmarkData.File(set, name + ".sol"));
        var problem = instance.ToProblem();

        // Customer c of the .sol is job c − 1 of the problem (job id "c").
        var plans = published.Routes.Select((route, r) =>
            new RoutePlan(r, [.. route.Select(customer => Visit.Job(problem.IndexOfJob(customer.ToString(System.Globalization.CultureInfo.InvariantCulture))))]));
        var solution = SolutionFactory.Create(problem, plans);

        var check = SolutionChecker.Check(problem, solution);
        Assert.True(check.IsValid, check.ToString());
        Assert.Empty(solution.Unassigned);
        Assert.Equal(cost, solution.DistanceMetres);
        Assert.Equal(cost, solution.Cost.Total, 6);

        var back = instance.ToCvrpSolution(problem, solution);
        Assert.Equal(cost, back.Cost);
        Assert.Equal(published.Routes.Select(r => string.Join(' ', r)), back.Routes.Select(r => string.Join(' ', r)));
    }

    [Fact]
    public void A_published_solution_over_capacity_in_the_converted_problem_is_caught()
    {
        var instance = CvrplibReader.Read(BenchmarkData.File("cvrp-classic", "A-n32-k5.vrp"));
        var problem = instance.ToProblem();
        // Routes 1 and 4 of the optimum carry 98 + 98 > 100 when merged.
        int[] merged = [21, 31, 19, 17, 13, 7, 26, 29, 18, 8, 9, 22, 15, 10, 25, 5, 20];
        var plan = new RoutePlan(0, [.. merged.Select(c => Visit.Job(c - 1))]);
        var check = SolutionChecker.Check(problem, SolutionFactory.Create(problem, [plan]));
        Assert.True(check.Has(ViolationKind.Capacity), check.ToString());
    }

    [Fact]
    public void OR_Tools_on_a_converted_Augerat_instance_is_valid_and_not_below_the_proven_optimum()
    {
        var instance = CvrplibReader.Read(BenchmarkData.File("cvrp-classic", "A-n32-k5.vrp"));
        var problem = instance.ToProblem();
        var result = new OrToolsSolver().Solve(problem, new SolveOptions { TimeLimit = TimeSpan.FromSeconds(1) });

        var check = SolutionChecker.Check(problem, result.Solution);
        Assert.True(check.IsValid, check.ToString());
        Assert.Empty(result.Solution.Unassigned);
        Assert.True(result.Solution.DistanceMetres >= 784, $"cost {result.Solution.DistanceMetres} is below the proven optimum 784");
        Assert.Equal(result.Solution.DistanceMetres, instance.Cost(instance.ToCvrpSolution(problem, result.Solution)));
    }

    [Fact]
    public void OR_Tools_on_a_converted_Li_Lim_instance_serves_every_shipment_validly()
    {
        var problem = LiLimReader.Read(BenchmarkData.File("li-lim", "lc101.txt"))
            .ToProblem(new BenchmarkProblemOptions { Objective = Objective.MinimizeVehiclesFirst });
        var result = new OrToolsSolver().Solve(problem, new SolveOptions { TimeLimit = TimeSpan.FromSeconds(1) });

        var check = SolutionChecker.Check(problem, result.Solution);
        Assert.True(check.IsValid, check.ToString());
        Assert.Empty(result.Solution.Unassigned);
    }

    [Fact]
    public void OR_Tools_on_a_converted_Solomon_instance_keeps_windows_and_the_depot_horizon()
    {
        var instance = SolomonReader.Read(BenchmarkData.File("solomon", "C101.txt"));
        var problem = instance.ToProblem();
        var result = new OrToolsSolver().Solve(problem, new SolveOptions { TimeLimit = TimeSpan.FromSeconds(1) });

        var check = SolutionChecker.Check(problem, result.Solution);
        Assert.True(check.IsValid, check.ToString());
        Assert.Empty(result.Solution.Unassigned);
        Assert.All(result.Solution.Routes, route => Assert.True(route.EndSeconds <= instance.Depot.DueDate + 1e-9));
        // Total distance recomputed from the file's coordinates along the routes, independently of the travel table.
        double recomputed = result.Solution.Routes.Sum(route =>
        {
            var nodes = route.Steps.Select(step => step.Location!.Value).ToList();
            return nodes.Zip(nodes.Skip(1)).Sum(leg =>
            {
                var (a, b) = (instance.Nodes[leg.First].Location, instance.Nodes[leg.Second].Location);
                return Math.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));
            });
        });
        Assert.Equal(recomputed, result.Solution.DistanceMetres, 6);
    }
}
