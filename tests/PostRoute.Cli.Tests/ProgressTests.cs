namespace PostRoute.Cli.Tests;

public sealed class ProgressTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_solve_longer_than_the_progress_delay_on_a_terminal_shows_the_live_progress_line()
    {
        string file = _temp.File("T1.txt", Instances.Solomon);

        // Delay 0 instead of the default second: the line must not depend on how loaded the machine is.
        var run = await CliHarness.RunAsync(["solve", file, "--time", "1"], CancellationToken.None, interactive: true, progressDelay: TimeSpan.Zero);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("(Ctrl+C stops and keeps the best)", run.Out); // only the live line says so
    }

    [Theory]
    [InlineData("--quiet")]
    [InlineData("--json")]
    public async Task Quiet_and_json_show_no_progress(string option)
    {
        string file = _temp.File("T1.txt", Instances.Solomon);

        var run = await CliHarness.RunAsync(["solve", file, "--time", "1", option], CancellationToken.None, interactive: true, progressDelay: TimeSpan.Zero);

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("Ctrl+C", run.Out);
    }
}
