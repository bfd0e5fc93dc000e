using PostRoute.Engine.Network;
using PostRoute.Engine.Planning;
using PostRoute.Engine.Routing;
using PostRoute.Engine.Routing.Solvers.OrTools;

namespace PostRoute.Engine.Tests.Routing;

/// <summary>
/// OR-Tools on the whole Phú Yên mail run (trunk windows, skills per district, lunch breaks, stop limits, optional
/// stops) with both kinds of service-point opening hours. With the noon closure as holes in the cumul domains, building
/// the model alone took minutes and gigabytes (one step per millisecond tick removed), so no plan came back.
/// </summary>
public class OrToolsMailRunTests
{
    private const double Hour = 3600;

    public static TheoryData<string> Hours => new() { "single", "noon-split" };

    private static MailRunOptions Options(string hours)
    {
        // The default opening hours close at noon (07:30–11:30, 13:00–16:30); "single" is one window 07:30–16:00.
        var options = new MailRunOptions { Date = new DateOnly(2026, 12, 1), Seed = 1 };
        return hours == "single" ? options with { ServicePointHours = [new(7.5 * Hour, 16 * Hour)] } : options;
    }

    [Theory]
    [MemberData(nameof(Hours))]
    public void The_daily_mail_run_gets_a_checked_plan_serving_every_mandatory_stop(string hours)
    {
        var run = MailRun.Build(PhuYen.Network, Options(hours));
        // Stop at the first plan that serves every mandatory stop (the test is about getting one, not its cost).
        var options = new SolveOptions { TimeLimit = TimeSpan.FromSeconds(1), StopWhen = [new TargetCost(double.MaxValue)] };

        var result = new OrToolsSolver().Solve(run.Problem, options);

        Assert.Equal(SolveStatus.Completed, result.Status);
        var solution = result.Solution;
        var check = SolutionChecker.Check(run.Problem, solution);
        Assert.True(check.IsValid, check.ToString());
        Assert.True(solution.UnservedMandatoryCount == 0, string.Join("; ", solution.Unassigned));
        Assert.All(solution.Unassigned, u =>
        {
            Assert.True(run.Problem.Jobs[u.TaskIndex].IsOptional, u.ToString());
            Assert.False(string.IsNullOrWhiteSpace(u.Explanation));
        });
        var served = solution.Routes.SelectMany(r => r.Steps).Where(s => s.Kind == StepKind.Job).Select(s => s.Id).ToHashSet();
        Assert.All(run.Problem.Jobs.Where(j => !j.IsOptional), j => Assert.Contains(j.Id, served));
    }

    [Fact]
    public void With_the_noon_closure_no_service_point_is_visited_while_closed()
    {
        Assert.Equal(new TimeWindow[] { new(7.5 * Hour, 11.5 * Hour), new(13 * Hour, 16.5 * Hour) }, new MailRunOptions().ServicePointHours.ToArray());
        var run = MailRun.Build(PhuYen.Network, Options("noon-split"));
        var options = new SolveOptions { TimeLimit = TimeSpan.FromSeconds(1), StopWhen = [new TargetCost(double.MaxValue)] };

        var solution = new OrToolsSolver().Solve(run.Problem, options).Solution;

        var local = solution.Routes.SelectMany(r => r.Steps).Where(s => s.Kind == StepKind.Job && s.Id.StartsWith("deliver-", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(local);
        Assert.All(local, s => Assert.False(
            s.ServiceStartSeconds > 11.5 * Hour && s.ServiceStartSeconds < 13 * Hour, $"{s.Id} served at {s.ServiceStartSeconds / Hour:F2} h"));
    }
}
