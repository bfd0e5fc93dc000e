using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PostRoute.Engine.Routing;
using PostRoute.Engine.Routing.Solvers.OrTools;

namespace PostRoute.Engine.Tests.Routing;

public class SolverPropertyTests
{
    /// <summary>
    /// Random small problems mixing windows, pickups, shipments, skills, optional jobs, breaks, limits, open routes
    /// and several depots: OR-Tools' solutions always pass the independent checker, and every task is either served
    /// or reported with a reason that fits whether it is optional.
    /// </summary>
    [Property(MaxTest = 12, Replay = "(20240611,17)")]
    public Property Random_problems_give_checked_solutions_with_every_task_accounted_for(PositiveInt seed)
    {
        var random = new Random(seed.Get);
        var problem = RandomProblems.Create(seed.Get, jobs: random.Next(1, 12), vehicles: random.Next(1, 4), shipments: random.Next(0, 3), features: true);
        var options = new SolveOptions { TimeLimit = TimeSpan.FromMilliseconds(300), StopWhen = [new NoImprovementFor(TimeSpan.FromMilliseconds(100))] };
        var solution = new OrToolsSolver().Solve(problem, options).Solution;

        var check = SolutionChecker.Check(problem, solution);
        int served = solution.Routes.Sum(r => r.Steps.Count(s => s.Kind is StepKind.Job or StepKind.Pickup));
        bool accounted = served + solution.Unassigned.Length == problem.TaskCount;
        bool reasonsFit = solution.Unassigned.All(u =>
        {
            bool optional = u.Kind == TaskKind.Job ? problem.Jobs[u.TaskIndex].IsOptional : problem.Shipments[u.TaskIndex].IsOptional;
            return u.Explanation.Length > 0 && (u.Reason != UnassignedReason.NoRoomFound || !optional) &&
                   (u.Reason != UnassignedReason.PenaltyCheaperThanService || optional);
        });
        return (check.IsValid && accounted && reasonsFit).Label($"seed {seed.Get}: {check}");
    }
}
