using FsCheck;
using FsCheck.Xunit;
using PostRoute.Engine.Routing;
using PostRoute.Engine.Routing.Solvers.Search;

namespace PostRoute.Engine.Tests.Routing.Search;

public sealed class NeighbourhoodTests
{
    [Property(MaxTest = 150)]
    public void Neighbours_are_symmetric_and_always_share_a_vehicle_that_may_serve_both(NonNegativeInt seed)
    {
        var problem = SearchProblems.Random(seed.Get, out _);
        var model = new SearchModel(problem, UnassignableAnalysis.Analyze(problem));
        var neighbours = Neighbourhoods.Build(model, 10);

        for (int i = 0; i < model.ClientCount; i++)
        {
            Assert.DoesNotContain(i, neighbours[i]);
            foreach (int j in neighbours[i])
            {
                Assert.Contains(i, neighbours[j]);
                bool shared = Enumerable.Range(0, model.VehicleCount).Any(v => model.IsAllowed(v, i) && model.IsAllowed(v, j));
                Assert.True(shared, $"clients {i} and {j} are neighbours but no vehicle may serve both");
            }
        }
    }

    [Fact]
    public void Clients_of_different_skill_groups_are_not_neighbours_but_each_group_keeps_its_nearest()
    {
        // Two districts on a line: a1..a4 near x = 0..3, b1..b4 near x = 0.5..3.5 (interleaved, so by distance alone
        // every client's nearest neighbour is of the other district).
        var builder = new ProblemBuilder("districts");
        builder.SetTravel(CoordinateTravel.Euclidean());
        int depot = builder.AddLocation("depot", 0, 0);
        for (int k = 0; k < 4; k++)
        {
            int a = builder.AddLocation($"a{k}", k, 1);
            int b = builder.AddLocation($"b{k}", k + 0.5, 1);
            builder.AddJob(new Job($"a{k}", a) { Skills = ["district-a"] });
            builder.AddJob(new Job($"b{k}", b) { Skills = ["district-b"] });
        }

        builder.AddVehicle(new Vehicle("moto-a", depot, depot) { Skills = ["district-a"] });
        builder.AddVehicle(new Vehicle("moto-b", depot, depot) { Skills = ["district-b"] });
        var problem = builder.Build();
        var model = new SearchModel(problem, UnassignableAnalysis.Analyze(problem));

        var neighbours = Neighbourhoods.Build(model, 2);

        for (int i = 0; i < model.ClientCount; i++)
        {
            string group = problem.Jobs[model.ClientTask[i]].Id[..1];
            Assert.NotEmpty(neighbours[i]);
            Assert.All(neighbours[i], j => Assert.Equal(group, problem.Jobs[model.ClientTask[j]].Id[..1]));
        }
    }
}
