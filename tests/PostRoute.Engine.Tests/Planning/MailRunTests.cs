using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PostRoute.Engine.Network;
using PostRoute.Engine.Planning;
using PostRoute.Engine.Routing;
using PostRoute.Engine.Routing.Solvers.OrTools;
using PostRoute.Engine.Routing.Solvers.Search;

namespace PostRoute.Engine.Tests.Planning;

public class MailRunTests
{
    private static readonly DateOnly Monday = new(2025, 3, 10);

    public static TheoryData<int, string, string> Days => new()
    {
        { 1, "2025-03-10", "search" },
        { 1, "2025-03-10", "ortools" },
        { 42, "2025-06-14", "search" },
        { 42, "2025-06-14", "ortools" },
    };

    [Theory]
    [MemberData(nameof(Days))]
    public void Both_solvers_serve_every_mandatory_stop_on_Phu_Yen(int seed, string date, string solverName)
    {
        var run = MailRun.Build(PhuYen.Network, new MailRunOptions { Date = DateOnly.Parse(date), Seed = seed });
        ISolver solver = solverName == "search" ? new SearchSolver() : new OrToolsSolver();
        var options = solverName == "search"
            ? new SolveOptions { TimeLimit = TimeSpan.FromSeconds(1), Seed = 1, SolverOptions = [new SearchOptions { MaxIterations = 1500 }] }
            : new SolveOptions { TimeLimit = TimeSpan.FromSeconds(2) };

        var solution = solver.Solve(run.Problem, options).Solution;

        var check = SolutionChecker.Check(run.Problem, solution);
        Assert.True(check.IsValid, check.ToString());
        Assert.True(solution.UnservedMandatoryCount == 0, string.Join("; ", solution.Unassigned));
        foreach (var route in solution.Routes)
        {
            bool truck = run.IsTrunkVehicle(route.VehicleId);
            Assert.All(route.Steps.Where(s => s.Kind == StepKind.Job), s => Assert.Equal(truck, s.Id.StartsWith("trunk-", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void Trunk_jobs_carry_each_districts_totals_and_only_trucks_have_the_trunk_skill()
    {
        var run = MailRun.Build(PhuYen.Network, new MailRunOptions { Date = Monday });
        var problem = run.Problem;
        Assert.Equal(["g"], problem.DimensionNames.ToArray());
        foreach (var office in PhuYen.DistrictOfficeIds)
        {
            string district = PhuYen.Network.FindNode(office)!.DistrictCode!;
            var communes = PhuYen.Network.Nodes.Where(n => n.Kind == NodeKind.CommuneServicePoint && n.DistrictCode == district)
                .Select(n => n.CommuneCode).ToHashSet();
            var volumes = run.Volumes.Where(v => communes.Contains(v.CommuneCode)).ToList();
            var job = problem.Jobs[problem.IndexOfJob("trunk-" + office)];
            Assert.Equal(volumes.Sum(v => (long)Math.Round(v.DeliveryKg * 1000)), job.Delivery[0]);
            Assert.Equal(volumes.Sum(v => (long)Math.Round(v.PickupKg * 1000)), job.Pickup[0]);
            Assert.Equal(["trunk"], job.Skills.ToArray());
            Assert.Equal(new TimeWindow(4.5 * 3600, 7.25 * 3600), job.TimeWindows.Single());
        }

        Assert.Equal(["truck-1", "truck-2", "truck-3", "truck-4", "truck-5"], run.TrunkVehicleIds.ToArray());
        Assert.All(problem.Vehicles, v => Assert.Equal(run.IsTrunkVehicle(v.Id), v.Skills.Contains("trunk")));
        Assert.All(problem.Vehicles.Where(v => v.Profile == Profiles.Motorbike), v => Assert.Single(v.Breaks));
    }

    [Fact]
    public void Motorbike_counts_follow_the_documented_rule()
    {
        var options = new MailRunOptions { Date = Monday, Seed = 3 };
        var run = MailRun.Build(PhuYen.Network, options);
        foreach (var d in run.Districts)
        {
            var jobs = run.Problem.Jobs.Where(j => j.Skills.Contains("district-" + d.DistrictCode)).ToList();
            double usable = 120 * 1000 * 0.8;
            int maxStops = d.IsMountain ? 6 : 12;
            int expected = new[]
            {
                1,
                (int)Math.Ceiling(jobs.Sum(j => j.Delivery[0]) / usable),
                (int)Math.Ceiling(jobs.Sum(j => j.Pickup[0]) / usable),
                (int)Math.Ceiling(jobs.Count(j => !j.IsOptional) / (double)maxStops),
            }.Max() + 1;
            Assert.Equal(expected, d.Motorbikes);
            Assert.Equal(d.IsMountain, PhuYen.MountainDistrictCodes.Contains(d.DistrictCode));
            Assert.Equal(Enumerable.Range(1, expected).Select(k => $"moto-{d.DistrictCode}-{k}"),
                run.Problem.Vehicles.Where(v => v.Skills.Contains("district-" + d.DistrictCode)).Select(v => v.Id));
        }
    }

    [Fact]
    public void Mountain_stops_take_longer_for_the_same_mail()
    {
        var volumes = PhuYen.Network.Nodes.Where(n => n.Kind == NodeKind.CommuneServicePoint)
            .Select(n => new CommuneVolume(n.CommuneCode!, 10, 2)).ToList();
        var run = MailRun.Build(PhuYen.Network, new MailRunOptions { Date = Monday, Volumes = [.. volumes] });
        var services = run.Problem.Jobs.Where(j => j.Id.StartsWith("deliver-", StringComparison.Ordinal))
            .Select(j => (Mountain: PhuYen.MountainDistrictCodes.Contains(PhuYen.Network.FindNode(j.Id["deliver-".Length..])!.DistrictCode!), j.ServiceSeconds))
            .ToList();
        Assert.All(services.Where(s => !s.Mountain), s => Assert.Equal(300 + (12 * 12), s.ServiceSeconds));
        Assert.All(services.Where(s => s.Mountain), s => Assert.Equal(1.5 * (300 + (12 * 12)), s.ServiceSeconds));
    }

    [Fact]
    public void Ids_are_stable_across_builds_and_road_closures()
    {
        var options = new MailRunOptions { Date = Monday, Seed = 9 };
        var a = MailRun.Build(PhuYen.Network, options);
        var closed = MailRun.Build(PhuYen.Network.WithLinksClosed(PhuYen.Network.Links.Take(3).Select(l => l.Id)), options);
        Assert.Equal(a.Problem.Jobs.Select(j => j.Id), closed.Problem.Jobs.Select(j => j.Id));
        Assert.Equal(a.Problem.Vehicles.Select(v => v.Id), closed.Problem.Vehicles.Select(v => v.Id));
        Assert.Equal(a.Volumes.ToArray(), closed.Volumes.ToArray());
        Assert.Contains("deliver-sp-22015", a.Problem.Jobs.Select(j => j.Id));
    }

    [Fact]
    public void A_service_point_cut_off_by_closures_is_reported_unreachable()
    {
        var network = PhuYen.Network;
        var servicePoint = PhuYen.ServicePointIds.First(id => network.FindNode(id)!.DistrictCode == "563");
        var links = network.Links.Where(l => l.From == servicePoint || l.To == servicePoint).Select(l => l.Id).ToList();
        var run = MailRun.Build(network.WithLinksClosed(links), new MailRunOptions { Date = Monday });

        var solution = new SearchSolver().Solve(run.Problem,
            new SolveOptions { TimeLimit = TimeSpan.FromSeconds(1), SolverOptions = [new SearchOptions { MaxIterations = 300 }] }).Solution;

        Assert.True(SolutionChecker.Check(run.Problem, solution).IsValid);
        var unassigned = Assert.Single(solution.Unassigned, u => u.Id == "deliver-" + servicePoint);
        Assert.Equal(UnassignedReason.Unreachable, unassigned.Reason);
    }

    [Fact]
    public void Volumes_of_communes_without_a_service_point_go_to_their_district_office()
    {
        var unlocated = PhuYen.Network.Communes.First(c => c.Location is null);
        var run = MailRun.Build(PhuYen.Network, new MailRunOptions { Date = Monday, Volumes = [new CommuneVolume(unlocated.Code, 3, 1)] });
        var job = Assert.Single(run.Problem.Jobs);
        Assert.Equal("trunk-do-" + unlocated.DistrictCode, job.Id);
        Assert.Equal((3000L, 1000L), (job.Delivery[0], job.Pickup[0]));
        Assert.Empty(run.LocalVehicleIds);
    }

    [Fact]
    public void Collection_only_stops_below_the_threshold_are_optional()
    {
        var run = MailRun.Build(PhuYen.Network, new MailRunOptions
        {
            Date = Monday,
            Volumes = [new("22015", 0, 4.9), new("22018", 0, 5), new("22024", 1, 0), new("22030", 0, 0)],
        });
        Assert.True(run.Problem.Jobs[run.Problem.IndexOfJob("deliver-sp-22015")].IsOptional);
        Assert.False(run.Problem.Jobs[run.Problem.IndexOfJob("deliver-sp-22018")].IsOptional);
        Assert.False(run.Problem.Jobs[run.Problem.IndexOfJob("deliver-sp-22024")].IsOptional);
        Assert.Equal(-1, run.Problem.IndexOfJob("deliver-sp-22030")); // nothing to do there
    }

    [Fact]
    public void Bad_options_and_volumes_are_rejected_naming_the_field()
    {
        var bad = Assert.Throws<ArgumentException>(() => MailRun.Build(PhuYen.Network, new MailRunOptions { Date = Monday, MotorbikeCapacityKg = -1 }));
        Assert.Contains("MotorbikeCapacityKg", bad.Message);
        var unknown = Assert.Throws<VolumeFormatException>(() =>
            MailRun.Build(PhuYen.Network, new MailRunOptions { Date = Monday, Volumes = [new("12345", 1, 1)] }));
        Assert.Equal(("volumes[0]", "communeCode"), (unknown.Errors[0].Path, unknown.Errors[0].Field));
    }

    /// <summary>Over seeds and dates: the problem builds, every volume is carried once by the trunk and once locally.</summary>
    [Property(MaxTest = 8, Replay = "(20250310,11)")]
    public Property Built_problems_are_valid_and_totals_match_the_volumes(int seed, byte dayOffset)
    {
        var date = Monday.AddDays(dayOffset);
        var run = MailRun.Build(PhuYen.Network, new MailRunOptions { Date = date, Seed = seed });
        var jobs = run.Problem.Jobs;
        long expectedDelivery = run.Volumes.Sum(v => (long)Math.Round(v.DeliveryKg * 1000));
        long expectedPickup = run.Volumes.Sum(v => (long)Math.Round(v.PickupKg * 1000));
        var trunk = jobs.Where(j => j.Id.StartsWith("trunk-", StringComparison.Ordinal)).ToList();
        var local = jobs.Where(j => j.Id.StartsWith("deliver-", StringComparison.Ordinal)).ToList();
        bool ok = trunk.Count + local.Count == jobs.Length &&
                  trunk.Sum(j => j.Delivery[0]) == expectedDelivery && local.Sum(j => j.Delivery[0]) == expectedDelivery &&
                  trunk.Sum(j => j.Pickup[0]) == expectedPickup && local.Sum(j => j.Pickup[0]) == expectedPickup &&
                  run.Volumes.Length == PhuYen.ServicePointIds.Length && run.UnplannedVolumes.IsEmpty &&
                  run.Problem.Name.Contains(date.ToString("yyyy-MM-dd"));
        return ok.Label($"seed {seed}, {date}");
    }
}
