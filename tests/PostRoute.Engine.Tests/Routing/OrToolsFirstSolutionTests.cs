using PostRoute.Engine.Routing;
using PostRoute.Engine.Routing.Solvers.OrTools;

namespace PostRoute.Engine.Tests.Routing;

public class OrToolsFirstSolutionTests
{
    /// <summary>
    /// A time limit far too short for OR-Tools' first solution (or a starved CPU) must not give an empty plan:
    /// the solver searches on to its first solution (<see cref="OrToolsSolver.FirstSolutionGrace"/>).
    /// </summary>
    [Fact]
    public void A_time_limit_too_short_for_any_solution_still_returns_a_checked_plan()
    {
        var random = new Random(7);
        var builder = new ProblemBuilder("first-solution").SetDimensions("parcels");
        int depot = builder.AddLocation(Location.AtPoint("depot", 50, 50));
        for (int i = 0; i < 250; i++)
        {
            int at = builder.AddLocation(Location.AtPoint($"c{i}", random.NextDouble() * 100, random.NextDouble() * 100));
            double open = random.Next(0, 600);
            builder.AddJob(new Job($"c{i}", at) { Delivery = [random.Next(1, 10)], ServiceSeconds = 10, TimeWindows = [new(open, open + 400)] });
        }

        for (int v = 0; v < 40; v++)
        {
            builder.AddVehicle(new Vehicle($"v{v}", depot, depot) { Capacity = [100], Shift = new(0, 2000) });
        }

        builder.SetTravel(CoordinateTravel.Euclidean());
        var problem = builder.Build();

        var result = new OrToolsSolver().Solve(problem, new SolveOptions { TimeLimit = TimeSpan.FromTicks(1) });

        Assert.NotEqual(SolveStatus.NoSolutionFound, result.Status);
        Assert.NotEmpty(result.Solution.Routes);
        var check = SolutionChecker.Check(problem, result.Solution);
        Assert.True(check.IsValid, check.ToString());
    }
}
