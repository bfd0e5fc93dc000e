namespace PostRoute.Cli.Tests;

public sealed class ProgressTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_solve_longer_than_a_second_on_a_terminal_shows_the_live_progress_line()
    {
        string file = _temp.File("T1.txt", Instances.Solomon);

        var run = await CliHarness.RunAsync(["solve", file, "--time", "2"], interactive: true);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("(Ctrl+C stops and keeps the best)", run.Out); // only the live line says so
    }

    [Theory]
    [InlineData("--quiet")]
    [InlineData("--json")]
    public async Task Quiet_and_json_show_no_progress(string option)
    {
        string file = _temp.File("T1.txt", Instances.Solomon);

        var run = await CliHarness.RunAsync(["solve", file, "--time", "2", option], interactive: true);

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("Ctrl+C", run.Out);
    }
}
