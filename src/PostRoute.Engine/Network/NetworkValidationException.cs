namespace PostRoute.Engine.Network;

/// <summary>One problem found while validating a network or reading one from a file.</summary>
/// <param name="Path">Where the problem is: an item path such as <c>links[L7]</c> or <c>nodes.csv:12</c>.</param>
/// <param name="Field">The offending field, e.g. <c>lengthMetres</c>; empty when the whole item is wrong.</param>
/// <param name="Message">What is wrong, in plain words.</param>
public sealed record NetworkError(string Path, string Field, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Field.Length == 0 ? $"{Path}: {Message}" : $"{Path}.{Field}: {Message}";
}

/// <summary>
/// Thrown when a network cannot be built because its data is invalid. <see cref="Errors"/> lists every
/// problem found, not only the first, so a user can fix a file in one pass.
/// </summary>
public sealed class NetworkValidationException : Exception
{
    /// <summary>Creates the exception from the problems found.</summary>
    public NetworkValidationException(IReadOnlyList<NetworkError> errors)
        : base(Describe(errors)) => Errors = errors;

    /// <summary>Every problem found, in the order the items were given.</summary>
    public IReadOnlyList<NetworkError> Errors { get; }

    private static string Describe(IReadOnlyList<NetworkError> errors) =>
        errors.Count switch
        {
            0 => "The network is invalid.",
            1 => $"The network is invalid: {errors[0]}",
            _ => $"The network has {errors.Count} problems: " + string.Join("; ", errors.Take(20)) +
                 (errors.Count > 20 ? $"; … and {errors.Count - 20} more" : ""),
        };
}
