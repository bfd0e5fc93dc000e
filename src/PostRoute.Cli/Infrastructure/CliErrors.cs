namespace PostRoute.Cli;

/// <summary>A bad option value or argument found by a command (exit code 2).</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>An input file that is missing or malformed (exit code 3); the message names the file.</summary>
public sealed class InputException(string message, Exception? inner = null) : Exception(message, inner);
