namespace PostRoute.Cli.Tests;

public sealed class CancellationTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Cancelled_before_any_solution_exits_130_and_writes_nothing()
    {
        string file = _temp.File("T1.txt", Instances.Solomon);
        string outDir = _temp.Combine("out");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var run = await CliHarness.RunAsync(["solve", file, "--time", "30", "--out", outDir], cancelled.Token);

        Assert.Equal(130, run.ExitCode);
        Assert.Contains("before any solution", run.Error);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public async Task Cancelled_during_the_search_keeps_the_best_solution_and_writes_the_outputs()
    {
        string file = _temp.File("T1.txt", Instances.Solomon);
        string outDir = _temp.Combine("out");
        // A 6-customer instance has a solution within milliseconds; the search would run 60 s without the cancellation.
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(1));

        var run = await CliHarness.RunAsync(["solve", file, "--time", "60", "--out", outDir], cancellation.Token);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("stopped by Ctrl+C", run.Error);
        Assert.Contains("cancelled", run.Out);
        Assert.True(File.Exists(Path.Combine(outDir, "T1.solution.json")));
    }
}
