namespace PostRoute.Cli;

/// <summary>Process exit codes, documented in <c>--help</c> and docs/cli.md.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;

    /// <summary>The plan or solution leaves mandatory stops unserved.</summary>
    public const int UnservedStops = 1;

    /// <summary>Usage error: unknown verb or option, bad option value.</summary>
    public const int Usage = 2;

    /// <summary>An input file is missing or malformed.</summary>
    public const int BadInput = 3;

    /// <summary>Internal error (a bug).</summary>
    public const int Internal = 4;

    /// <summary>Cancelled by Ctrl+C before any solution was found.</summary>
    public const int Cancelled = 130;

    /// <summary>The exit codes as help text.</summary>
    public const string Summary =
        "0 success; 1 unserved mandatory stops; 2 usage error; 3 input file missing or malformed; 4 internal error; 130 cancelled (Ctrl+C) before any solution";
}
