using Spectre.Console;

namespace PostRoute.Cli;

/// <summary>
/// Where a command writes: <see cref="Out"/> is standard output (tables, or the one JSON document of <c>--json</c>),
/// <see cref="Error"/> standard error (errors and warnings). <see cref="Interactive"/> is true when standard output is
/// a terminal, which allows the live progress display. Tests pass test consoles.
/// </summary>
public sealed record CliEnvironment(IAnsiConsole Out, IAnsiConsole Error, bool Interactive)
{
    /// <summary>
    /// How long a solve runs before the live progress line appears (1 s: shorter solves print no progress). Tests set
    /// it to zero so that the line's appearance does not depend on the machine's load.
    /// </summary>
    public TimeSpan ProgressDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The process's own console.</summary>
    public static CliEnvironment ForConsole()
    {
        var error = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        bool interactive = !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        return new CliEnvironment(AnsiConsole.Console, error, interactive);
    }

    /// <summary>Writes <paramref name="text"/> to standard output as is (no markup, no wrapping), e.g. a JSON document.</summary>
    public void WriteRaw(string text)
    {
        Out.Profile.Out.Writer.Write(text);
        Out.Profile.Out.Writer.Flush();
    }

    /// <summary>Writes a line to standard output as is (never wrapped, so paths and messages stay whole for scripts).</summary>
    public void WriteLine(string line) => WriteRaw(line + "\n");

    /// <summary>Writes an error line to standard error (unwrapped).</summary>
    public void WriteError(string message) => WriteErrorLine("error: " + message);

    /// <summary>Writes a warning line to standard error (unwrapped).</summary>
    public void WriteWarning(string message) => WriteErrorLine("warning: " + message);

    /// <summary>Writes a line to standard error as is.</summary>
    public void WriteErrorLine(string line)
    {
        Error.Profile.Out.Writer.Write(line + "\n");
        Error.Profile.Out.Writer.Flush();
    }
}
