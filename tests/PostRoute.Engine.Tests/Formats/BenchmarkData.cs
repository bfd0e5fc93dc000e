namespace PostRoute.Engine.Tests.Formats;

/// <summary>Locates the benchmark files copied next to the test assembly (see Data/SOURCES.md).</summary>
internal static class BenchmarkData
{
    public static string Folder(string set) => Path.Combine(AppContext.BaseDirectory, "Data", set);

    public static string File(string set, string name) => Path.Combine(Folder(set), name);

    /// <summary>The file's lines with one line replaced (1-based), joined with the file's own CRLF/LF endings.</summary>
    public static string WithLine(string set, string name, int lineNumber, string replacement)
    {
        string text = System.IO.File.ReadAllText(File(set, name));
        string newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var lines = text.Split(newline).ToList();
        lines[lineNumber - 1] = replacement;
        return string.Join(newline, lines);
    }

    /// <summary>The file's text with lines <paramref name="from"/> … <paramref name="to"/> (1-based, inclusive) removed.</summary>
    public static string WithoutLines(string set, string name, int from, int to)
    {
        string text = System.IO.File.ReadAllText(File(set, name));
        string newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var lines = text.Split(newline).ToList();
        lines.RemoveRange(from - 1, to - from + 1);
        return string.Join(newline, lines);
    }
}
