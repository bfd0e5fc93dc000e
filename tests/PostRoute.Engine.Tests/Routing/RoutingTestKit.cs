using PostRoute.Engine.Routing;
using PostRoute.Engine.Routing.Solvers.OrTools;

namespace PostRoute.Engine.Tests.Routing;

/// <summary>Small helpers shared by the routing tests.</summary>
internal static class RoutingTestKit
{
    /// <summary>Short solve options: the instances are tiny, so OR-Tools converges well within this.</summary>
    public static SolveOptions Quick(double seconds = 0.5) => new() { TimeLimit = TimeSpan.FromSeconds(seconds) };

    /// <summary>Solves with OR-Tools and asserts the checker accepts the result.</summary>
    public static RoutingSolution SolveChecked(RoutingProblem problem, SolveOptions? options = null, ISolver? solver = null)
    {
        var result = (solver ?? new OrToolsSolver()).Solve(problem, options ?? Quick());
        var check = SolutionChecker.Check(problem, result.Solution);
        Assert.True(check.IsValid, check.ToString());
        return result.Solution;
    }

    /// <summary>A builder with Euclidean travel (1 unit = 1 m = 1 s) and the given points as locations 0..n-1.</summary>
    public static ProblemBuilder Plane(params (double X, double Y)[] points)
    {
        var builder = new ProblemBuilder("test");
        for (int i = 0; i < points.Length; i++)
        {
            builder.AddLocation($"p{i}", points[i].X, points[i].Y);
        }

        builder.SetTravel(CoordinateTravel.Euclidean());
        return builder;
    }

    /// <summary>Ids of the route's served steps in order.</summary>
    public static string[] StopIds(Route route) =>
        [.. route.Steps.Where(s => s.Kind is StepKind.Job or StepKind.Pickup or StepKind.Delivery).Select(s => s.Id)];
}
