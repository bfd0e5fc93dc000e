namespace PostRoute.Engine.Formats;

/// <summary>
/// Thrown when a benchmark instance, solution or best-known-values file, or a plan document (<see cref="ProblemJson"/>, <see cref="SolutionJson"/>), is malformed. The message names the file,
/// the 1-based line and what was expected there, e.g. <c>C101.txt, line 12: expected 7 numbers … but found 5</c>.
/// </summary>
public sealed class InstanceFormatException : FormatException
{
    /// <summary>Creates the exception for a problem at <paramref name="lineNumber"/> of <paramref name="fileName"/>.</summary>
    /// <param name="fileName">The file name or path as the caller gave it (or a label for in-memory text).</param>
    /// <param name="lineNumber">1-based line number; the last line + 1 when the file ended too early.</param>
    /// <param name="detail">What was expected and what was found, in plain words.</param>
    public InstanceFormatException(string fileName, int lineNumber, string detail)
        : base($"{fileName}, line {lineNumber}: {detail}")
    {
        FileName = fileName;
        LineNumber = lineNumber;
        Detail = detail;
    }

    /// <summary>The file name or path as the caller gave it.</summary>
    public string FileName { get; }

    /// <summary>1-based line number of the problem; the last line + 1 when the file ended too early.</summary>
    public int LineNumber { get; }

    /// <summary>What was expected and what was found, without the file and line prefix.</summary>
    public string Detail { get; }
}
