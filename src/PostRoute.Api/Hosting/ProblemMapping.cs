using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using PostRoute.Engine.Network;
using PostRoute.Engine.Routing;

namespace PostRoute.Api.Hosting;

/// <summary>
/// Turns the exceptions that mean "bad input" into RFC 7807 problem details: the Engine's validation exceptions
/// become a 400 validation problem listing each field path, malformed or unreadable bodies a 400 (or 413) problem.
/// Any other exception is left to the default handler (500, without internals).
/// </summary>
internal sealed class BadInputExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = ProblemFor(exception);
        if (problem is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    /// <summary>The problem details for <paramref name="exception"/>, or null when it is not about the input.</summary>
    public static ProblemDetails? ProblemFor(Exception exception) => exception switch
    {
        NetworkValidationException e => Validation("The network is invalid.",
            e.Errors.Select(error => (FieldPath(error), error.Message))),
        RoutingValidationException e => Validation("The routing problem is invalid.",
            e.Errors.Select(error => (error.Path, error.Message))),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } e => new ProblemDetails
        {
            Status = StatusCodes.Status413PayloadTooLarge,
            Title = "Request body too large",
            Detail = e.Message,
        },
        BadHttpRequestException e => new ProblemDetails
        {
            Status = e.StatusCode,
            Title = e.InnerException is JsonException ? "Malformed JSON" : "Bad request",
            Detail = e.InnerException is JsonException json ? Describe(json)
                : e.Message.Contains("no body was provided", StringComparison.Ordinal) ? "A JSON body is required."
                : e.Message,
        },
        JsonException e => new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Malformed JSON",
            Detail = Describe(e),
        },
        _ => null,
    };

    /// <summary>A 400 validation problem whose <c>errors</c> map each field path to its messages.</summary>
    public static HttpValidationProblemDetails Validation(string title, IEnumerable<(string Path, string Message)> errors) =>
        new(errors.GroupBy(e => e.Path, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = title,
            Detail = "See 'errors': each key is the path of an offending field.",
        };

    /// <summary>The field path of a network error, e.g. <c>$.links[3].lengthMetres</c> or <c>nodes.csv:12.latitude</c>.</summary>
    public static string FieldPath(NetworkError error) =>
        error.Field.Length == 0 ? error.Path : $"{error.Path}.{error.Field}";

    private static string Describe(JsonException e)
    {
        // System.Text.Json messages end with the path and position; keep the text short and name the path.
        string message = e.Message;
        int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut > 0)
        {
            message = message[..cut];
        }

        // Say what is wrong without naming the host's .NET types.
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            message = "unknown property";
        }
        else if (message.Contains("could not be converted to", StringComparison.Ordinal))
        {
            message = "the value has the wrong JSON type for this field";
        }

        string where = e.Path is { Length: > 0 } path ? $" at {path}" : "";
        string line = e.LineNumber is { } l ? $" (line {l + 1}, byte {e.BytePositionInLine + 1})" : "";
        return $"The body is not valid JSON for this endpoint{where}{line}: {message}";
    }
}
