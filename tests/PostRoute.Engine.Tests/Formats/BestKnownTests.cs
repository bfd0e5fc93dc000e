using PostRoute.Engine.Formats;

namespace PostRoute.Engine.Tests.Formats;

public sealed class BestKnownTests
{
    [Fact]
    public void Reads_vehicles_first_values_with_their_source()
    {
        var table = BestKnown.Read(BenchmarkData.File("solomon", "bks.csv"));
        Assert.Equal(2, table.Count);
        Assert.True(table.TryGet("c101", out var c101));
        Assert.Equal("C101", c101.Instance);
        Assert.Equal(10, c101.Vehicles);
        Assert.Equal(828.94, c101.Distance);
        Assert.StartsWith("VROOM-Project/vroom-scripts@0f5ee1e", c101.Source, StringComparison.Ordinal);
        Assert.False(table.TryGet("C102", out _));
    }

    [Fact]
    public void CVRP_values_have_no_vehicle_count()
    {
        var table = BestKnown.Read(BenchmarkData.File("cvrp-classic", "bks.csv"));
        Assert.True(table.TryGet("CMT6", out var cmt6));
        Assert.Null(cmt6.Vehicles);
        Assert.Equal(555.43, cmt6.Distance);
        Assert.Equal(["A-n32-k5", "CMT1", "CMT6"], table.Values.Select(v => v.Instance));
    }

    [Fact]
    public void Columns_are_found_by_name_and_quoted_fields_may_hold_commas()
    {
        var table = BestKnown.Read(new StringReader("distance,instance,source\n12.5,\"a,b\",\"said \"\"x\"\", then y\"\n"), "b.csv");
        Assert.True(table.TryGet("a,b", out var value));
        Assert.Equal(12.5, value.Distance);
        Assert.Null(value.Vehicles);
        Assert.Equal("said \"x\", then y", value.Source);
    }

    [Theory]
    [InlineData("name,cost\nC101,1\n", 1, "'instance' and 'distance'")]
    [InlineData("instance,vehicles,distance,source\nC101,10,828.94\n", 2, "expected 4 comma-separated fields")]
    [InlineData("instance,vehicles,distance,source\nC101,ten,828.94,s\n", 2, "vehicles as an integer")]
    [InlineData("instance,vehicles,distance,source\nC101,10,,s\n", 2, "distance as a finite number")]
    [InlineData("instance,vehicles,distance,source\nC101,10,1,s\n\nc101,10,2,s\n", 4, "first at line 2")]
    [InlineData("instance,vehicles,distance,source\nC101,10,1,\"s\n", 2, "closing double quote")]
    public void Malformed_tables_are_reported_with_the_line(string text, int line, string expected)
    {
        var error = Assert.Throws<InstanceFormatException>(() => BestKnown.Read(new StringReader(text), "bks.csv"));
        Assert.Equal(line, error.LineNumber);
        Assert.Contains(expected, error.Detail, StringComparison.Ordinal);
    }
}
