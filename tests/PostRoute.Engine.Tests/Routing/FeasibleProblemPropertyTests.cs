using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PostRoute.Engine.Routing;
using PostRoute.Engine.Routing.Solvers.OrTools;

namespace PostRoute.Engine.Tests.Routing;

public class FeasibleProblemPropertyTests
{
    /// <summary>
    /// Every combination of breaks, per-hour and fixed costs, duration and shift limits, time windows, open routes and
    /// shipments, on problems with a known solution serving every task (checked here too): OR-Tools serves every
    /// task, validly. The search stops as soon as every task is served.
    /// </summary>
    [Property(Arbitrary = [typeof(FeasibleProblems)], MaxTest = 64, Replay = "(1181820319,296876351)")]
    public Property OrTools_serves_every_task_that_provably_fits(FeasibleCase c)
    {
        var reference = SolutionChecker.Check(c.Problem, SolutionFactory.Create(c.Problem, c.Reference));
        var options = new SolveOptions { TimeLimit = TimeSpan.FromSeconds(1), StopWhen = [new TargetCost(double.MaxValue)] };
        var solution = new OrToolsSolver().Solve(c.Problem, options).Solution;
        var check = SolutionChecker.Check(c.Problem, solution);
        return (reference.IsValid && check.IsValid && solution.Unassigned.IsEmpty)
            .Label($"{c}: reference {reference}; solution {check}, unassigned [{string.Join(", ", solution.Unassigned.Select(u => u.Id))}]");
    }
}
