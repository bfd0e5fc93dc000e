namespace PostRoute.Cli.Tests;

public sealed class HelpAndUsageTests
{
    [Theory]
    [InlineData("plan", "--date")]
    [InlineData("solve", "--objective")]
    [InlineData("path", "--profile")]
    [InlineData("matrix", "--from")]
    [InlineData("network export", "--format")]
    [InlineData("coverage", "--points")]
    [InlineData("site", "--max-k")]
    [InlineData("closure", "--close-node")]
    [InlineData("flood", "--close")]
    [InlineData("critical-roads", "--minutes")]
    public async Task Every_verb_has_help_with_its_options_and_the_exit_codes(string verb, string option)
    {
        var run = await CliHarness.RunAsync([.. verb.Split(' '), "--help"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("USAGE", run.Out);
        Assert.Contains(option, run.Out);
        Assert.Contains("EXIT CODES", run.Out);
        Assert.Contains("130 cancelled", run.Out);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task Root_help_lists_the_verbs()
    {
        var run = await CliHarness.RunAsync("--help");

        Assert.Equal(0, run.ExitCode);
        foreach (string verb in new[] { "plan", "solve", "path", "matrix", "network", "coverage", "site", "closure", "critical-roads" })
        {
            Assert.Contains(verb, run.Out);
        }
    }

    [Theory]
    [InlineData("solve", "x.txt", "--bogus")]
    [InlineData("frobnicate")]
    [InlineData("path", "hub-tuy-hoa")]
    [InlineData("solve", "x.txt", "--time", "-1")]
    [InlineData("solve", "x.txt", "--time", "soon")]
    [InlineData("solve", "x.txt", "--solver", "magic")]
    [InlineData("solve", "x.txt", "--objective", "speed")]
    [InlineData("solve", "x.txt", "--format", "xls")]
    [InlineData("matrix", "--metric", "beauty")]
    [InlineData("matrix", "--format", "xml")]
    [InlineData("network", "export", "--format", "csv")]
    [InlineData("path", "hub-tuy-hoa", "no-such-node")]
    [InlineData("path", "hub-tuy-hoa", "do-555", "--profile", "bicycle")]
    public async Task Bad_usage_exits_2_with_a_message_on_stderr_only(params string[] args)
    {
        var run = await CliHarness.RunAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error:", run.Error);
        Assert.Equal("", run.Out);
        Assert.DoesNotContain("   at ", run.Error); // no stack trace
    }
}
