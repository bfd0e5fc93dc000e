using System.Text.RegularExpressions;

namespace PostRoute.Engine.Formats;

/// <summary>
/// Recognises benchmark instance files by their content (not their extension), reads them with the matching
/// reader, and names each instance's class for per-class summaries. Stateless and thread-safe.
/// </summary>
public static partial class BenchmarkFiles
{
    private static readonly string[] CvrplibKeys =
        ["NAME", "COMMENT", "TYPE", "DIMENSION", "CAPACITY", "EDGE_WEIGHT_TYPE", "EDGE_WEIGHT_FORMAT"];

    /// <summary>
    /// The format of the file at <paramref name="path"/>, judged from its first lines, or null when it is not a
    /// benchmark instance (e.g. a <c>.sol</c>, <c>bks.csv</c> or README file).
    /// </summary>
    public static BenchmarkFormat? Detect(string path)
    {
        using var reader = new StreamReader(path);
        return Detect(reader);
    }

    /// <summary>
    /// The format of the text in <paramref name="reader"/>, judged from its first two non-blank lines: a TSPLIB
    /// header key (NAME, TYPE, DIMENSION, …) before a colon → <see cref="BenchmarkFormat.Cvrplib"/>; three numbers
    /// then nine numbers → <see cref="BenchmarkFormat.LiLim"/>; a one-word name then <c>VEHICLE</c> →
    /// <see cref="BenchmarkFormat.Solomon"/>; otherwise null. Reads only the lines it needs.
    /// </summary>
    public static BenchmarkFormat? Detect(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        string? first = NextNonBlank(reader);
        if (first is null)
        {
            return null;
        }

        int colon = first.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && CvrplibKeys.Contains(first[..colon].Trim().ToUpperInvariant()))
        {
            return BenchmarkFormat.Cvrplib;
        }

        string[] firstTokens = InstanceText.Tokens(first);
        string? second = NextNonBlank(reader);
        if (second is null)
        {
            return null;
        }

        string[] secondTokens = InstanceText.Tokens(second);
        if (firstTokens.Length == 3 && firstTokens.All(InstanceText.IsNumber) &&
            secondTokens.Length == 9 && secondTokens.All(InstanceText.IsNumber))
        {
            return BenchmarkFormat.LiLim;
        }

        if (firstTokens.Length == 1 && second.Trim().Equals("VEHICLE", StringComparison.OrdinalIgnoreCase))
        {
            return BenchmarkFormat.Solomon;
        }

        return null;
    }

    /// <summary>
    /// Reads the instance at <paramref name="path"/> with the reader its content calls for. <paramref name="rounding"/>
    /// overrides each set's default distance convention (see the readers); null keeps it.
    /// </summary>
    /// <exception cref="InstanceFormatException">The file is not a recognised instance, or is malformed.</exception>
    public static BenchmarkInstance Read(string path, DistanceRounding? rounding = null) => Detect(path) switch
    {
        BenchmarkFormat.Solomon => SolomonReader.Read(path, rounding ?? DistanceRounding.None),
        BenchmarkFormat.LiLim => LiLimReader.Read(path, rounding ?? DistanceRounding.None),
        BenchmarkFormat.Cvrplib => CvrplibReader.Read(path, rounding),
        _ => throw new InstanceFormatException(path, 1,
            "expected a Solomon / Gehring–Homberger, Li & Lim or CVRPLIB instance, but the first lines match none of them"),
    };

    /// <summary>
    /// The class an instance is summarised under: Solomon <c>C1</c>, <c>C2</c>, <c>R1</c>, <c>R2</c>, <c>RC1</c>,
    /// <c>RC2</c>; Gehring–Homberger <c>C1_2</c> (class and size code, e.g. <c>RC2_10</c>); Li &amp; Lim <c>LC1</c> …
    /// <c>LRC2</c> (and <c>LC1_2</c> … for the larger sets); Uchoa X by customer count n: <c>X n&lt;=200</c>,
    /// <c>X 200&lt;n&lt;=400</c>, <c>X 400&lt;n&lt;=700</c>, <c>X n&gt;700</c>; other CVRPLIB names by their letter prefix
    /// (<c>A</c>, <c>B</c>, <c>P</c>, <c>CMT</c>, <c>Golden</c>, …); anything else by its format name.
    /// </summary>
    public static string ClassOf(BenchmarkInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        string name = instance.Name;
        switch (instance.Format)
        {
            case BenchmarkFormat.Solomon:
            case BenchmarkFormat.LiLim:
                var match = VrptwName().Match(name);
                if (match.Success)
                {
                    string kind = match.Groups["kind"].Value.ToUpperInvariant() + match.Groups["horizon"].Value;
                    return match.Groups["size"].Success ? $"{kind}_{match.Groups["size"].Value}" : kind;
                }

                break;
            case BenchmarkFormat.Cvrplib:
                if (UchoaName().IsMatch(name))
                {
                    int n = instance.CustomerCount;
                    return n <= 200 ? "X n<=200" : n <= 400 ? "X 200<n<=400" : n <= 700 ? "X 400<n<=700" : "X n>700";
                }

                var prefix = LetterPrefix().Match(name);
                if (prefix.Success)
                {
                    return prefix.Value;
                }

                break;
        }

        return instance.Format.ToString();
    }

    private static string? NextNonBlank(TextReader reader)
    {
        for (int read = 0; read < 50 && reader.ReadLine() is { } line; read++)
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                return line;
            }
        }

        return null;
    }

    // C101, RC208 (Solomon), C1_2_1, RC2_10_5 (Gehring–Homberger), lc101, LRC1_4_3 (Li & Lim).
    [GeneratedRegex(@"^(?<kind>L?(?:RC|R|C))(?<horizon>[12])(?:\d{2}|_(?<size>\d+)_\d+)$", RegexOptions.IgnoreCase)]
    private static partial Regex VrptwName();

    [GeneratedRegex(@"^X-n\d+-k\d+$")]
    private static partial Regex UchoaName();

    [GeneratedRegex(@"^[A-Za-z]+")]
    private static partial Regex LetterPrefix();
}
