namespace PostRoute.Engine.Routing;

/// <summary>One problem found while validating a routing problem.</summary>
/// <param name="Path">Field path, e.g. <c>jobs[3].timeWindows[0]</c> (indices are positions in the order added).</param>
/// <param name="Message">What is wrong, in plain words, e.g. <c>start is after end</c>.</param>
public sealed record RoutingValidationError(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>
/// Thrown by <see cref="ProblemBuilder.Build"/> when the problem is invalid. <see cref="Errors"/> lists every problem
/// found, not only the first.
/// </summary>
public sealed class RoutingValidationException : Exception
{
    /// <summary>Creates the exception from the problems found.</summary>
    public RoutingValidationException(IReadOnlyList<RoutingValidationError> errors)
        : base(Describe(errors)) => Errors = errors;

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<RoutingValidationError> Errors { get; }

    private static string Describe(IReadOnlyList<RoutingValidationError> errors) =>
        errors.Count switch
        {
            0 => "The routing problem is invalid.",
            1 => $"The routing problem is invalid: {errors[0]}",
            _ => $"The routing problem has {errors.Count} problems: " + string.Join("; ", errors.Take(20)) +
                 (errors.Count > 20 ? $"; … and {errors.Count - 20} more" : ""),
        };
}
