using PostRoute.Engine.Formats;

namespace PostRoute.Engine.Tests.Formats;

public sealed class LiLimReaderTests
{
    private static PdptwInstance Lc101() => LiLimReader.Read(BenchmarkData.File("li-lim", "lc101.txt"));

    [Fact]
    public void Lc101_header_counts_and_pairs_match_the_file()
    {
        var instance = Lc101();
        Assert.Equal("lc101", instance.Name);
        Assert.Equal(BenchmarkFormat.LiLim, instance.Format);
        Assert.Equal(25, instance.VehicleCount);
        Assert.Equal(200, instance.VehicleCapacity);
        Assert.Equal(1, instance.Speed);
        Assert.Equal(107, instance.Nodes.Length);
        Assert.Equal(106, instance.CustomerCount);
        Assert.Equal(53, instance.Pairs.Count());
        Assert.Equal(DistanceRounding.None, instance.Rounding);
    }

    [Fact]
    public void Lc101_lines_keep_the_file_values()
    {
        var instance = Lc101();
        Assert.Equal(new PdptwNode(0, new PlanarPoint(40, 50), 0, 0, 1236, 0, 0, 0), instance.Depot);
        // "1 45 68 -10 912 967 90 11 0": a delivery whose pickup is node 11.
        Assert.Equal(new PdptwNode(1, new PlanarPoint(45, 68), -10, 912, 967, 90, 11, 0), instance.Nodes[1]);
        // "3 42 66 10 65 146 90 0 75": a pickup whose delivery is node 75.
        Assert.Equal(new PdptwNode(3, new PlanarPoint(42, 66), 10, 65, 146, 90, 0, 75), instance.Nodes[3]);
        Assert.True(instance.Nodes[3].IsPickup);
        Assert.True(instance.Nodes[1].IsDelivery);
        Assert.Contains((3, 75), instance.Pairs);
        Assert.Contains((11, 1), instance.Pairs);
    }

    [Fact]
    public void Every_pair_is_consistent_and_covers_each_customer_once()
    {
        var instance = Lc101();
        var pairs = instance.Pairs.ToList();
        Assert.All(pairs, pair =>
        {
            Assert.Equal(pair.Pickup, instance.Nodes[pair.Delivery].PickupIndex);
            Assert.Equal(-instance.Nodes[pair.Pickup].Demand, instance.Nodes[pair.Delivery].Demand);
        });
        var covered = pairs.SelectMany(p => new[] { p.Pickup, p.Delivery }).Order().ToList();
        Assert.Equal(Enumerable.Range(1, 106), covered);
    }

    [Fact]
    public void Distance_is_unrounded_euclidean()
    {
        // Node 1 (45, 68) to node 3 (42, 66): sqrt(3² + 2²) = sqrt(13).
        Assert.Equal(Math.Sqrt(13), Lc101().Distance(1, 3));
    }

    [Theory]
    [InlineData(1, "25\t200", "expected 3 numbers")]
    [InlineData(3, "1\t45\t68\t-10\t912\t967\t90\t11", "expected 9 numbers")]
    [InlineData(3, "2\t45\t68\t-10\t912\t967\t90\t11\t0", "expected node index 1")]
    [InlineData(3, "1\t45\t68\t-10\t912\t967\t90\t0\t0", "neither")]
    [InlineData(3, "1\t45\t68\t-10\t912\t967\tninety\t11\t0", "service")]
    [InlineData(3, "1\t45\t68\t-10\t999\t967\t90\t11\t0", "earliest")]
    [InlineData(3, "1\t45\t68\t-10\t912\t967\t90\t999\t0", "pickup index of node 1")]
    public void Malformed_lines_are_reported_with_file_and_line(int line, string replacement, string expected)
    {
        string text = BenchmarkData.WithLine("li-lim", "lc101.txt", line, replacement);
        var error = Assert.Throws<InstanceFormatException>(() => LiLimReader.Parse(text, "lc101.txt"));
        Assert.Equal(line, error.LineNumber);
        Assert.Contains(expected, error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_partner_that_does_not_point_back_is_reported_on_the_partner_line()
    {
        // Node 3 is a pickup for delivery 75 (file line 77: node k is on line k + 2); make line 77 name pickup 4 instead.
        string original = File.ReadAllLines(BenchmarkData.File("li-lim", "lc101.txt"))[76];
        string[] fields = original.Split('\t');
        Assert.Equal("75", fields[0]);
        Assert.Equal("3", fields[7]);
        fields[7] = "4";
        string text = BenchmarkData.WithLine("li-lim", "lc101.txt", 77, string.Join('\t', fields));
        var error = Assert.Throws<InstanceFormatException>(() => LiLimReader.Parse(text, "lc101.txt"));
        Assert.Equal(77, error.LineNumber);
        Assert.Contains("node 75", error.Detail, StringComparison.Ordinal);
    }
}
