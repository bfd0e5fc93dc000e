using PostRoute.Engine.Formats;

namespace PostRoute.Engine.Tests.Formats;

public sealed class BenchmarkFilesTests
{
    [Theory]
    [InlineData("solomon", "C101.txt", BenchmarkFormat.Solomon)]
    [InlineData("solomon", "R201.txt", BenchmarkFormat.Solomon)]
    [InlineData("li-lim", "lc101.txt", BenchmarkFormat.LiLim)]
    [InlineData("cvrplib-x", "X-n106-k14.vrp", BenchmarkFormat.Cvrplib)]
    [InlineData("cvrp-classic", "A-n32-k5.vrp", BenchmarkFormat.Cvrplib)]
    [InlineData("cvrp-classic", "CMT6.vrp", BenchmarkFormat.Cvrplib)]
    public void Instance_files_are_recognised_by_content(string set, string file, BenchmarkFormat format)
    {
        string path = BenchmarkData.File(set, file);
        Assert.Equal(format, BenchmarkFiles.Detect(path));
        var instance = BenchmarkFiles.Read(path);
        Assert.Equal(format, instance.Format);
        Assert.Equal(Path.GetFileNameWithoutExtension(file), instance.Name);
    }

    [Theory]
    [InlineData("cvrplib-x", "X-n106-k14.sol")]
    [InlineData("cvrplib-x", "bks.csv")]
    [InlineData("", "SOURCES.md")]
    public void Other_files_are_not_instances(string set, string file)
    {
        string path = BenchmarkData.File(set, file);
        Assert.Null(BenchmarkFiles.Detect(path));
        var error = Assert.Throws<InstanceFormatException>(() => BenchmarkFiles.Read(path));
        Assert.Equal(1, error.LineNumber);
    }

    [Fact]
    public void Detection_needs_more_than_an_empty_or_one_line_file()
    {
        Assert.Null(BenchmarkFiles.Detect(new StringReader("")));
        Assert.Null(BenchmarkFiles.Detect(new StringReader("C101\n")));
        Assert.Null(BenchmarkFiles.Detect(new StringReader("25 200 1\n0 40 50 0 0 1236 0 0\n")));
    }

    [Fact]
    public void Read_passes_a_rounding_override_to_every_reader()
    {
        var solomon = BenchmarkFiles.Read(BenchmarkData.File("solomon", "C101.txt"), DistanceRounding.TruncateOneDecimal);
        var x = BenchmarkFiles.Read(BenchmarkData.File("cvrplib-x", "X-n106-k14.vrp"), DistanceRounding.None);
        Assert.Equal(DistanceRounding.TruncateOneDecimal, solomon.Rounding);
        Assert.Equal(DistanceRounding.None, x.Rounding);
        Assert.Equal(DistanceRounding.NearestInteger, BenchmarkFiles.Read(BenchmarkData.File("cvrplib-x", "X-n106-k14.vrp")).Rounding);
    }

    [Theory]
    [InlineData("solomon", "C101.txt", "C1")]
    [InlineData("solomon", "R201.txt", "R2")]
    [InlineData("li-lim", "lc101.txt", "LC1")]
    [InlineData("cvrplib-x", "X-n106-k14.vrp", "X n<=200")]
    [InlineData("cvrp-classic", "A-n32-k5.vrp", "A")]
    [InlineData("cvrp-classic", "CMT6.vrp", "CMT")]
    public void Shipped_instances_fall_in_their_literature_class(string set, string file, string expected) =>
        Assert.Equal(expected, BenchmarkFiles.ClassOf(BenchmarkFiles.Read(BenchmarkData.File(set, file))));

    [Theory]
    [InlineData("RC208", "RC2")]
    [InlineData("C1_2_1", "C1_2")]
    [InlineData("RC2_10_5", "RC2_10")]
    [InlineData("unnamed", "Solomon")]
    public void Vrptw_names_give_Solomon_and_Gehring_Homberger_classes(string name, string expected)
    {
        var instance = SolomonReader.Read(BenchmarkData.File("solomon", "C101.txt")) with { Name = name };
        Assert.Equal(expected, BenchmarkFiles.ClassOf(instance));
    }

    [Theory]
    [InlineData(199, "X n<=200")]
    [InlineData(200, "X n<=200")]
    [InlineData(201, "X 200<n<=400")]
    [InlineData(400, "X 200<n<=400")]
    [InlineData(700, "X 400<n<=700")]
    [InlineData(1000, "X n>700")]
    public void X_instances_are_banded_by_customer_count(int customers, string expected)
    {
        var instance = new CvrpInstance
        {
            Name = $"X-n{customers + 1}-k10",
            Dimension = customers + 1,
            Capacity = 100,
            EdgeWeightType = "EUC_2D",
            Demands = [.. new int[customers + 1]],
            DepotIndices = [0],
        };
        Assert.Equal(expected, BenchmarkFiles.ClassOf(instance));
    }
}
