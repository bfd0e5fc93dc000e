using PostRoute.Engine.Formats;

namespace PostRoute.Engine.Tests.Formats;

public sealed class SolomonReaderTests
{
    private static VrptwInstance C101() => SolomonReader.Read(BenchmarkData.File("solomon", "C101.txt"));

    [Fact]
    public void C101_header_and_counts_match_the_file()
    {
        var instance = C101();
        Assert.Equal("C101", instance.Name);
        Assert.Equal(BenchmarkFormat.Solomon, instance.Format);
        Assert.Equal(25, instance.VehicleCount);
        Assert.Equal(200, instance.VehicleCapacity);
        Assert.Equal(100, instance.CustomerCount);
        Assert.Equal(101, instance.Nodes.Length);
        Assert.Equal(1810, instance.Nodes.Sum(n => n.Demand));
        Assert.Equal(DistanceRounding.None, instance.Rounding);
    }

    [Fact]
    public void C101_rows_keep_the_file_values()
    {
        var instance = C101();
        Assert.Equal(new VrptwNode(0, new PlanarPoint(40, 50), 0, 0, 1236, 0), instance.Depot);
        Assert.Equal(new VrptwNode(1, new PlanarPoint(45, 68), 10, 912, 967, 90), instance.Nodes[1]);
        Assert.Equal(new VrptwNode(100, new PlanarPoint(55, 85), 20, 647, 726, 90), instance.Nodes[100]);
        Assert.All(instance.Nodes.Select((node, i) => (node, i)), pair => Assert.Equal(pair.i, pair.node.Number));
    }

    [Fact]
    public void R201_has_its_own_fleet_and_horizon()
    {
        var instance = SolomonReader.Read(BenchmarkData.File("solomon", "R201.txt"));
        Assert.Equal("R201", instance.Name);
        Assert.Equal(1000, instance.VehicleCapacity);
        Assert.Equal(1000, instance.Depot.DueDate);
        Assert.Equal(1458, instance.Nodes.Sum(n => n.Demand));
        Assert.Equal(new VrptwNode(1, new PlanarPoint(41, 49), 10, 707, 848, 10), instance.Nodes[1]);
    }

    [Fact]
    public void Distance_is_unrounded_euclidean_by_default_and_rounds_on_request()
    {
        var instance = C101();
        // Depot (40, 50) to customer 1 (45, 68): sqrt(5² + 18²) = sqrt(349) ≈ 18.6815.
        Assert.Equal(Math.Sqrt(349), instance.Distance(0, 1));
        Assert.Equal(Math.Sqrt(349), instance.Distance(1, 0));
        Assert.Equal(0, instance.Distance(7, 7));
        Assert.Equal(19, (instance with { Rounding = DistanceRounding.NearestInteger }).Distance(0, 1));
        Assert.Equal(18.6, (instance with { Rounding = DistanceRounding.TruncateOneDecimal }).Distance(0, 1), 12);
    }

    [Theory]
    [InlineData(12, "    2      45         70         30        825        870", "expected 7 numbers")]
    [InlineData(12, "    2      45         7O         30        825        870         90", "YCOORD.")]
    [InlineData(12, "    3      45         70         30        825        870         90", "expected CUST NO. 2")]
    [InlineData(12, "    2      45         70         30        925        870         90", "READY TIME")]
    [InlineData(12, "    2      45         70        -30        825        870         90", "non-negative")]
    [InlineData(3, "VEHICLES", "expected a 'VEHICLE' line")]
    [InlineData(5, "  25", "expected 2 numbers")]
    [InlineData(7, "CUSTOMERS", "expected a 'CUSTOMER' line")]
    public void Malformed_rows_are_reported_with_file_and_line(int line, string replacement, string expected)
    {
        string text = BenchmarkData.WithLine("solomon", "C101.txt", line, replacement);
        var error = Assert.Throws<InstanceFormatException>(() => SolomonReader.Parse(text, "broken.txt"));
        Assert.Equal("broken.txt", error.FileName);
        Assert.Equal(line, error.LineNumber);
        Assert.Contains(expected, error.Detail, StringComparison.Ordinal);
        Assert.StartsWith($"broken.txt, line {line}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_stops_after_the_header_names_what_is_missing()
    {
        var error = Assert.Throws<InstanceFormatException>(
            () => SolomonReader.Parse("C999\r\n\r\nVEHICLE\r\nNUMBER     CAPACITY\r\n  25         200\r\n\r\nCUSTOMER\r\nCUST NO.\r\n", "short.txt"));
        Assert.Equal(9, error.LineNumber);
        Assert.Contains("depot row", error.Detail, StringComparison.Ordinal);
        Assert.IsAssignableFrom<FormatException>(error);
    }
}
