using PostRoute.Engine.Maps;
using PostRoute.Engine.Network;
using PostRoute.Engine.Paths;
using PostRoute.Engine.Planning;
using PostRoute.Engine.Routing;
using PostRoute.Engine.Routing.Solvers.OrTools;
using PostRoute.Engine.Routing.Solvers.Search;

namespace PostRoute.Engine.Tests.Readme;

/// <summary>
/// README.md's library example, compiled and run here. The test also checks that README still shows exactly the
/// lines between the <c>// README:begin</c> and <c>// README:end</c> markers, so the two cannot drift apart.
/// </summary>
public class ReadmeExampleTests
{
    [Fact]
    public void Library_example_runs_and_its_plan_passes_the_checker()
    {
        // README:begin
        PostalNetwork network = PhuYen.Network;

        // Shortest path by truck from the Tuy Hòa hub to the Sơn Hòa district office.
        PathResult path = ShortestPaths.Find(network, PhuYen.HubId, "do-560", Profiles.Truck);

        // A flood closes the first road of that path: a new network version, built cheaply.
        PostalNetwork flooded = network.WithLinksClosed(path.LinkIds[0]);
        PathResult detour = ShortestPaths.Find(flooded, PhuYen.HubId, "do-560", Profiles.Truck);

        // Two motorbikes from the Sơn Hòa office through the district's service points.
        var builder = new ProblemBuilder("son-hoa").SetDimensions("parcels");
        int office = builder.AddLocation(new Location("do-560"));
        foreach (var point in network.Nodes.Where(n => n.Kind == NodeKind.CommuneServicePoint && n.DistrictCode == "560"))
        {
            int stop = builder.AddLocation(new Location(point.Id));
            builder.AddJob(new Job(point.Id, stop) { Delivery = [10], ServiceSeconds = 300 });
        }

        foreach (string bike in new[] { "bike-1", "bike-2" })
        {
            builder.AddVehicle(new Vehicle(bike, office, office)
            {
                Profile = Profiles.Motorbike, Capacity = [150], Shift = new(7 * 3600, 17 * 3600),
            });
        }
        builder.SetTravel(new NetworkTravel(flooded, Profiles.Motorbike), Profiles.Motorbike);
        RoutingProblem problem = builder.Build();

        SolveResult result = new OrToolsSolver().Solve(problem, new SolveOptions { TimeLimit = TimeSpan.FromSeconds(1) });
        CheckResult check = SolutionChecker.Check(problem, result.Solution);
        // README:end

        Assert.True(path.Found);
        Assert.True(detour.Found);
        Assert.DoesNotContain(path.LinkIds[0], detour.LinkIds);
        Assert.True(detour.DurationSeconds >= path.DurationSeconds);
        Assert.True(check.IsValid, string.Join("; ", check.Violations));
        Assert.Empty(result.Solution.Unassigned);
        Assert.Equal(problem.Jobs.Length, result.Solution.Routes.Sum(r => r.Steps.Count(s => s.Kind == StepKind.Job)));
    }

    [Fact]
    public void Planner_example_plans_the_day_draws_it_and_replans_after_closing_the_most_critical_road()
    {
        // README:begin
        // The day's mail run as one problem: trucks hub → district offices, motorbike loops through the communes.
        MailRun run = MailRun.Build(PhuYen.Network, new MailRunOptions { Date = new DateOnly(2026, 12, 1), Seed = 1 });
        var options = new SolveOptions { TimeLimit = TimeSpan.FromSeconds(30), SolverOptions = [new SearchOptions { MaxIterations = 200 }] };
        SolveResult day = new SearchSolver().Solve(run.Problem, options);
        SolutionSummary table = SolutionSummary.From(run.Problem, day.Solution);
        string svg = SvgMap.Render(run.Network, run.Problem, day.Solution, new MapOptions { Title = "Phú Yên, 1 Dec 2026" });

        // The road whose closure hurts most communes; a flood closes it and the day is re-planned from the old routes.
        CriticalRoad worst = CriticalRoads.Scan(PhuYen.Network).Roads[0];
        MailRun flooded = MailRun.Build(PhuYen.Network.WithLinksClosed(worst.LinkId), run.Options);
        ReplanResult replan = Closures.Replan(flooded.Problem, day.Solution, new SearchSolver(), options);
        // README:end

        Assert.True(SolutionChecker.Check(run.Problem, day.Solution).IsValid);
        Assert.Equal(day.Solution.Routes.Length, table.Routes.Length);
        Assert.Equal(table.Routes.Length, System.Xml.Linq.XDocument.Parse(svg).Descendants()
            .Count(e => e.Name.LocalName == "path" && ((string?)e.Attribute("class"))?.Split(' ').Contains("route") == true));
        Assert.True(worst.AffectedCommunes > 0);
        var check = SolutionChecker.Check(flooded.Problem, replan.Solution);
        Assert.True(check.IsValid, string.Join("; ", check.Violations));
        Assert.Equal(replan.Solution.Cost.Total - day.Solution.Cost.Total, replan.CostDifference, 6);
    }

    [Fact]
    public void Readme_shows_the_compiled_example_verbatim()
    {
        string root = FindRepositoryRoot();
        string readme = File.ReadAllText(Path.Combine(root, "README.md"));
        string source = File.ReadAllText(Path.Combine(root, "tests", "PostRoute.Engine.Tests", "Readme", "ReadmeExampleTests.cs"));
        var readmeLines = readme.Split('\n').Select(l => l.Trim()).ToHashSet(StringComparer.Ordinal);
        var missing = new List<string>();
        int examples = 0;
        List<string>? block = null;
        foreach (string line in source.Split('\n').Select(l => l.Trim()))
        {
            if (line == "// README:begin")
            {
                block = [];
                examples++;
            }
            else if (line == "// README:end" && block is not null)
            {
                missing.AddRange(block.Where(l => l.Length > 0 && !readmeLines.Contains(l)));
                block = null;
            }
            else
            {
                block?.Add(line);
            }
        }

        Assert.Equal(2, examples);
        Assert.True(missing.Count == 0, "README.md lacks these lines of the compiled example:\n" + string.Join("\n", missing));
    }

    private static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PostRoute.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("PostRoute.sln not found above the test folder");
    }
}
