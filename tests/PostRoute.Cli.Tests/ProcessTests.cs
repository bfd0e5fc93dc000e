using System.Diagnostics;
using System.Text.Json;

namespace PostRoute.Cli.Tests;

/// <summary>Runs the built <c>postroute.dll</c> as a real process.</summary>
public sealed class ProcessTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Malformed_file_exits_3()
    {
        string file = _temp.File("T1.txt", Instances.SolomonMalformed);

        var (code, stdout, stderr) = Run("solve", file, "--time", "1");

        Assert.Equal(3, code);
        Assert.Equal("", stdout);
        Assert.Contains("line 12", stderr);
    }

    [Fact]
    public void Unknown_option_exits_2()
    {
        var (code, stdout, stderr) = Run("solve", "x.txt", "--no-such-option");

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains("no-such-option", stderr);
    }

    [Fact]
    public void Json_mode_prints_one_json_document_and_nothing_else()
    {
        string file = _temp.File("T1.txt", Instances.Solomon);

        var (code, stdout, stderr) = Run("solve", file, "--time", "1", "--json");

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout);
        Assert.True(doc.RootElement.GetProperty("check").GetProperty("valid").GetBoolean());
        Assert.Equal("", stderr);
    }

    [Fact]
    public void Critical_roads_json_as_a_process_prints_one_document_and_writes_the_map()
    {
        string outDir = _temp.Combine("critical");

        var (code, stdout, stderr) = Run("critical-roads", "--top", "3", "--json", "--out", outDir);

        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.True(doc.RootElement.GetProperty("roads").GetArrayLength() >= 3);
        Assert.StartsWith("<svg", File.ReadAllText(Path.Combine(outDir, "critical-roads.svg")));
    }

    private (int Code, string Out, string Error) Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _temp.Path,
        };
        start.ArgumentList.Add(CliDll());
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>postroute.dll as built beside the tests (the test project references the CLI), with its runtimeconfig.</summary>
    private static string CliDll()
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "postroute.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing");
        Assert.True(File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json")), "postroute.runtimeconfig.json is missing");
        return dll;
    }
}
