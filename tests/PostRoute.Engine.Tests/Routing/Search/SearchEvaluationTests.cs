using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PostRoute.Engine.Routing;
using PostRoute.Engine.Routing.Solvers.Search;

namespace PostRoute.Engine.Tests.Routing.Search;

/// <summary>
/// The constant-time evaluation of the search (prefix/suffix data concatenated by <see cref="SequenceEvaluator"/>)
/// against evaluating the same visit sequence client by client from an empty route.
/// </summary>
public class SearchEvaluationTests
{
    [Property(MaxTest = 200, Replay = "(8128,5)")]
    public void Concatenated_pieces_cost_the_same_as_the_whole_sequence_built_client_by_client(NonNegativeInt seed)
    {
        var problem = SearchProblems.Random(seed.Get, out var variant);
        var model = new SearchModel(problem, UnassignableAnalysis.Analyze(problem));
        if (model.ClientCount == 0)
        {
            return;
        }

        var rng = new System.Random(seed.Get);
        var penalties = new Penalties(model);
        var evaluator = new SequenceEvaluator(model, penalties);
        var nodeRoute = new int[model.ClientCount];
        var nodePos = new int[model.ClientCount];

        // Random routes (feasibility does not matter here).
        var routes = Enumerable.Range(0, model.VehicleCount).Select(v => new SearchRoute(model, v)).ToArray();
        var members = routes.Select(_ => new List<int>()).ToArray();
        foreach (int c in Enumerable.Range(0, model.ClientCount).OrderBy(_ => rng.Next()))
        {
            members[rng.Next(routes.Length)].Add(c);
        }

        for (int r = 0; r < routes.Length; r++)
        {
            routes[r].SetClients([.. members[r]]);
            routes[r].Update(penalties, nodeRoute, nodePos, r);
            double whole = Scratch(routes[r].Vehicle, members[r]);
            Assert.True(Math.Abs(whole - routes[r].Cost) <= 1e-9 * Math.Max(1, Math.Abs(whole)), $"seed {seed.Get}, {variant}: route {r}");
        }

        for (int trial = 0; trial < 20; trial++)
        {
            var a = routes[rng.Next(routes.Length)];
            var b = routes[rng.Next(routes.Length)];
            var clientsA = members[a.Vehicle];
            var clientsB = members[b.Vehicle];

            // Prefix of a, a few loose clients, a middle range of b, then a's suffix (or b's tail and a's end).
            int i = rng.Next(clientsA.Count + 1);
            int j = i + rng.Next(clientsA.Count - i + 1);
            var loose = Enumerable.Range(0, rng.Next(3)).Select(_ => rng.Next(model.ClientCount)).ToList();
            int from = 1 + rng.Next(clientsB.Count + 1);
            int to = from - 1 + rng.Next(clientsB.Count - from + 2);
            bool tailOfB = rng.Next(2) == 0;

            evaluator.Start(a, i);
            loose.ForEach(evaluator.Add);
            evaluator.AddRange(b, from, to);
            var expected = clientsA.Take(i).Concat(loose).Concat(clientsB.Skip(from - 1).Take(to - from + 1)).ToList();
            if (tailOfB)
            {
                evaluator.AddTail(b, from);
                evaluator.End();
                expected.AddRange(clientsB.Skip(from - 1));
            }
            else
            {
                evaluator.EndWith(a, j + 1);
                expected.AddRange(clientsA.Skip(j));
            }

            double scratch = Scratch(a.Vehicle, expected);
            Assert.True(Math.Abs(evaluator.Cost() - scratch) <= 1e-9 * Math.Max(1, Math.Abs(scratch)),
                $"seed {seed.Get}, {variant}, trial {trial}: pieces {evaluator.Cost()}, scratch {scratch}");

            // 2-opt*-like: a's head with b's tail (b's end terminal when the vehicles are interchangeable).
            evaluator.Start(a, i);
            evaluator.EndWith(b, from);
            double swapped = Scratch(a.Vehicle, [.. clientsA.Take(i), .. clientsB.Skip(from - 1)]);
            Assert.True(Math.Abs(evaluator.Cost() - swapped) <= 1e-9 * Math.Max(1, Math.Abs(swapped)),
                $"seed {seed.Get}, {variant}, trial {trial}: tail exchange {evaluator.Cost()}, scratch {swapped}");
        }

        double Scratch(int vehicle, IEnumerable<int> clients)
        {
            evaluator.StartEmpty(vehicle);
            foreach (int c in clients)
            {
                evaluator.Add(c);
            }

            evaluator.End();
            return evaluator.Cost();
        }
    }

    [Fact]
    public void Time_segments_give_the_least_duration_and_time_warp_of_a_schedule()
    {
        // Visits at 0 → 10 → 20 (travel 10 each); windows [30, 40] then [0, 15]: waiting before the first makes the second late.
        var first = TimeSegment.Visit(5, 30, 40);
        var second = TimeSegment.Visit(0, 0, 15);
        var both = TimeSegment.Concat(first, second, 10);
        Assert.Equal(15, both.Duration);
        Assert.Equal(30, both.Warp); // service of the first starts at 30 at the earliest, the second at 45: 30 too late
        var start = TimeSegment.Visit(0, 0, 1000);
        var route = TimeSegment.Concat(TimeSegment.Concat(start, TimeSegment.Visit(5, 30, 40), 10), TimeSegment.Visit(0, 0, 1000), 10);
        Assert.Equal(25, route.Duration); // leave at 20, serve 30–35, back at 45
        Assert.Equal(0, route.Warp);
        Assert.Equal(20, route.Early);
        Assert.Equal(30, route.Late);
    }
}
