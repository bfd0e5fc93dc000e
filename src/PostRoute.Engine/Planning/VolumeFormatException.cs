using PostRoute.Engine.Network;

namespace PostRoute.Engine.Planning;

/// <summary>
/// Thrown when a mail-volume file or list is malformed: a missing column, a value that is not a number, a negative
/// amount, an unknown or repeated commune code. <see cref="Errors"/> lists every problem found, each with its place
/// (<c>volumes.csv:12</c>, or <c>volumes[3]</c> for an in-memory list) and field, so a file can be fixed in one pass.
/// </summary>
public sealed class VolumeFormatException : FormatException
{
    /// <summary>Creates the exception from the problems found (at least one).</summary>
    public VolumeFormatException(IReadOnlyList<NetworkError> errors)
        : base(Describe(errors)) => Errors = errors;

    /// <summary>Every problem found, in file order; <see cref="NetworkError.Path"/> is <c>file:line</c>.</summary>
    public IReadOnlyList<NetworkError> Errors { get; }

    private static string Describe(IReadOnlyList<NetworkError> errors) =>
        errors.Count switch
        {
            0 => "The mail volumes are invalid.",
            1 => $"The mail volumes are invalid: {errors[0]}",
            _ => $"The mail volumes have {errors.Count} problems: " + string.Join("; ", errors.Take(20)) +
                 (errors.Count > 20 ? $"; … and {errors.Count - 20} more" : ""),
        };
}
