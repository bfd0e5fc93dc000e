using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PostRoute.Engine.Formats;

namespace PostRoute.Engine.Tests.Formats;

public sealed class CvrpSolutionFormatTests
{
    [Fact]
    public void Writes_the_CVRPLIB_layout()
    {
        var solution = new CvrpSolution([[3, 1], [], [2]], 26362);
        Assert.Equal("Route #1: 3 1\nRoute #2: 2\nCost 26362\n", CvrpSolutionFormat.ToText(solution));
        Assert.Equal("Route #1: 2\nCost 524.61\n", CvrpSolutionFormat.ToText(new CvrpSolution([[2]], 524.61)));
        Assert.Equal("Route #1: 2\n", CvrpSolutionFormat.ToText(new CvrpSolution([[2]], null)));
    }

    [Fact]
    public void Shipped_solution_survives_a_write_and_read_back()
    {
        var original = CvrpSolutionFormat.Read(BenchmarkData.File("cvrplib-x", "X-n106-k14.sol"));
        string path = Path.Combine(Path.GetTempPath(), $"postroute-{Guid.NewGuid():N}.sol");
        try
        {
            CvrpSolutionFormat.WriteFile(path, original);
            var copy = CvrpSolutionFormat.Read(path);
            Assert.Equal(original.Cost, copy.Cost);
            Assert.Equal(original.Routes.Length, copy.Routes.Length);
            Assert.All(original.Routes.Zip(copy.Routes), pair => Assert.Equal(pair.First.AsEnumerable(), pair.Second.AsEnumerable()));
            Assert.Equal(
                File.ReadAllText(BenchmarkData.File("cvrplib-x", "X-n106-k14.sol")).ReplaceLineEndings("\n").TrimEnd('\n'),
                File.ReadAllText(path).TrimEnd('\n'));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Property(Arbitrary = [typeof(SolutionArbitrary)], MaxTest = 200, Replay = "12345,67891")]
    public bool Any_solution_round_trips(CvrpSolution solution)
    {
        var copy = CvrpSolutionFormat.Read(new StringReader(CvrpSolutionFormat.ToText(solution)), "p.sol");
        var nonEmpty = solution.Routes.Where(r => !r.IsEmpty).ToList();
        return copy.Cost == solution.Cost &&
               copy.Routes.Length == nonEmpty.Count &&
               copy.Routes.Zip(nonEmpty).All(pair => pair.First.SequenceEqual(pair.Second));
    }

    [Theory]
    [InlineData("Route #1: 1 2\nRoute 2 3\n", 2, "with a colon")]
    [InlineData("Route #1: 1 x\n", 1, "customer number")]
    [InlineData("Route #1: 0 2\n", 1, "≥ 1")]
    [InlineData("Route #1: 1\nCost\n", 2, "'Cost N'")]
    [InlineData("Route #1: 1\nCost 5\nCost 6\n", 3, "one Cost line")]
    [InlineData("Route #1: 1\nTotal 5\n", 2, "expected a 'Route #r: c1 c2 …' line")]
    public void Malformed_solutions_are_reported_with_the_line(string text, int line, string expected)
    {
        var error = Assert.Throws<InstanceFormatException>(() => CvrpSolutionFormat.Read(new StringReader(text), "bad.sol"));
        Assert.Equal(line, error.LineNumber);
        Assert.Equal("bad.sol", error.FileName);
        Assert.Contains(expected, error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Cost_rejects_customers_outside_the_instance()
    {
        var instance = CvrplibReader.Read(BenchmarkData.File("cvrp-classic", "A-n32-k5.vrp"));
        var error = Assert.Throws<ArgumentException>(() => instance.Cost(new CvrpSolution([[1, 32]], null)));
        Assert.Contains("customer 32", error.Message, StringComparison.Ordinal);
    }

    public static class SolutionArbitrary
    {
        public static Arbitrary<CvrpSolution> Solutions() =>
            (from routes in Gen.ListOf(Gen.ListOf(Gen.Choose(1, 1000)))
             from cost in Gen.OneOf(Gen.Constant<double?>(null), Gen.Choose(0, 1_000_000).Select(c => (double?)(c / 100.0)))
             select new CvrpSolution([.. routes.Select(r => r.ToImmutableArray())], cost)).ToArbitrary();
    }
}
