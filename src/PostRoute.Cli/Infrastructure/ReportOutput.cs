namespace PostRoute.Cli.Infrastructure;

/// <summary>What a reporting verb writes to standard output once its files are written.</summary>
internal static class ReportOutput
{
    /// <summary>
    /// With <c>--json</c>, the one JSON document; otherwise the human summary (unless <c>--quiet</c>) and a
    /// <c>wrote PATH</c> line per file written. The document and the summary are only made when they are written.
    /// </summary>
    public static void Write(CliEnvironment environment, ReportSettings settings, Func<string> json, Action summary, IEnumerable<string> written)
    {
        if (settings.Json)
        {
            environment.WriteRaw(json());
            return;
        }

        if (!settings.Quiet)
        {
            summary();
        }

        foreach (string path in written)
        {
            environment.WriteLine($"wrote {path}");
        }
    }
}
