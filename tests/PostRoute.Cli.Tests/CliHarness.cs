using Spectre.Console.Testing;

namespace PostRoute.Cli.Tests;

/// <summary>The outcome of one in-process run.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error);

/// <summary>Runs the CLI in-process with test consoles for standard output and standard error.</summary>
public static class CliHarness
{
    /// <param name="progressDelay">The environment's <see cref="CliEnvironment.ProgressDelay"/>; null keeps its default.</param>
    public static async Task<CliRun> RunAsync(string[] args, CancellationToken cancellationToken = default, bool interactive = false,
        TimeSpan? progressDelay = null)
    {
        var output = new TestConsole();
        if (interactive)
        {
            output.Interactive();
        }

        output.Profile.Width = 240; // no wrapping of table rows
        var error = new TestConsole();
        error.Profile.Width = 240;
        var environment = new CliEnvironment(output, error, interactive);
        if (progressDelay is { } delay)
        {
            environment = environment with { ProgressDelay = delay };
        }

        int code = await CliApp.RunAsync(args, environment, cancellationToken);
        return new CliRun(code, output.Output, error.Output);
    }

    public static Task<CliRun> RunAsync(params string[] args) => RunAsync(args, CancellationToken.None);
}

/// <summary>A fresh folder under the system temp folder, deleted on dispose; tests write only here.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "postroute-cli-tests", Guid.NewGuid().ToString("N"));

    public string File(string name, string content)
    {
        string path = Combine(name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a stray file in the temp folder is harmless
        }
    }
}
