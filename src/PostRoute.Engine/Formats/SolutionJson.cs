using System.Text.Json;
using PostRoute.Engine.Routing;

namespace PostRoute.Engine.Formats;

/// <summary>
/// Reads and writes a solution as the plan-result document (<see cref="PlanResult"/>, the <c>result</c> of the REST
/// API's plans): routes with timed steps and loads, unserved tasks with reasons, totals. Times are seconds from the
/// planning origin, distances metres. Same JSON conventions as <see cref="ProblemJson"/>. All members are thread-safe.
/// </summary>
public static class SolutionJson
{
    /// <summary>The result document of a solve of <paramref name="problem"/>.</summary>
    public static PlanResult ToResult(RoutingProblem problem, SolveResult result)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(result);
        return PlanResult.From(problem, result);
    }

    /// <summary>Writes <paramref name="result"/> as indented JSON (<c>\n</c> line ends, final newline).</summary>
    public static string Write(PlanResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return JsonSerializer.Serialize(result, ProblemJson.FileOptions) + "\n";
    }

    /// <summary>Writes the result document of a solve of <paramref name="problem"/> as indented JSON.</summary>
    public static string Write(RoutingProblem problem, SolveResult result) => Write(ToResult(problem, result));

    /// <summary>Parses a result document.</summary>
    /// <param name="json">The document text.</param>
    /// <param name="sourceName">File name (or label) used in error messages.</param>
    /// <exception cref="InstanceFormatException">The text is not a result document; the message names the 1-based line and the JSON path.</exception>
    public static PlanResult Read(string json, string sourceName = "solution.json")
    {
        ArgumentNullException.ThrowIfNull(json);
        return ProblemJson.Parse<PlanResult>(json, sourceName, "a plan result object");
    }
}
