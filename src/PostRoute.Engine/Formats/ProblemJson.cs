using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using PostRoute.Engine.Network;
using PostRoute.Engine.Paths;
using PostRoute.Engine.Routing;

namespace PostRoute.Engine.Formats;

/// <summary>
/// Reads and writes the plan-request document (<see cref="PlanRequest"/>, the body of the REST API's <c>POST /plans</c>)
/// so that a file a planner posts to the API can also be solved offline. JSON names are camelCase, enums camelCase
/// strings (<c>minimizeVehiclesFirst</c>), and unknown properties are rejected, exactly as the API reads them.
/// All members are thread-safe.
/// </summary>
public static class ProblemJson
{
    /// <summary>
    /// The serializer settings of plan documents (requests and results): camelCase properties, enums as camelCase
    /// strings (integers refused), unknown properties rejected, compact output. Read-only.
    /// </summary>
    public static JsonSerializerOptions SerializerOptions { get; } = CreateOptions(indented: false);

    /// <summary>The same settings as <see cref="SerializerOptions"/>, with indented output and readable non-ASCII text, for files.</summary>
    internal static JsonSerializerOptions FileOptions { get; } = CreateOptions(indented: true);

    /// <summary>Parses a plan request without mapping it to a problem.</summary>
    /// <param name="json">The document text.</param>
    /// <param name="sourceName">File name (or label) used in error messages.</param>
    /// <exception cref="InstanceFormatException">The text is not JSON, a value has the wrong type, or a property is unknown; the message names the 1-based line and the JSON path.</exception>
    public static PlanRequest Deserialize(string json, string sourceName = "problem.json")
    {
        ArgumentNullException.ThrowIfNull(json);
        return Parse<PlanRequest>(json, sourceName, "a plan request object");
    }

    /// <summary>
    /// Parses a plan request and maps it to a validated <see cref="RoutingProblem"/> (see <see cref="PlanProblemMapper"/>).
    /// The solver settings of the document (solver, time limit, seed, stopping criteria) are not applied here; read them
    /// from <see cref="Deserialize"/>'s result.
    /// </summary>
    /// <param name="json">The document text.</param>
    /// <param name="networks">Looks up the network named by <c>travel.network</c> (null when unknown); called at most once.</param>
    /// <param name="cache">Optional cache for network travel matrices.</param>
    /// <param name="sourceName">File name (or label) used in error messages.</param>
    /// <param name="cancellationToken">Cancels computing network travel matrices.</param>
    /// <exception cref="InstanceFormatException">The document is not valid JSON of the expected shape.</exception>
    /// <exception cref="RoutingValidationException">The document is well-formed but describes an invalid problem; every problem is listed with its field path (e.g. <c>jobs[3].location</c>).</exception>
    public static MappedProblem Read(string json, Func<string, PostalNetwork?> networks, MatrixCache? cache = null,
        string sourceName = "problem.json", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(networks);
        var request = Deserialize(json, sourceName);
        return Map(request, networks, cache, cancellationToken);
    }

    /// <summary>Maps an already parsed request; <paramref name="networks"/> looks up <c>travel.network</c> (null when unknown).</summary>
    /// <exception cref="RoutingValidationException">The request describes an invalid problem; every problem is listed.</exception>
    public static MappedProblem Map(PlanRequest request, Func<string, PostalNetwork?> networks, MatrixCache? cache = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(networks);
        var network = request.Travel?.Network is { } id ? networks(id) : null;
        return PlanProblemMapper.Map(request, network, cache, cancellationToken);
    }

    /// <summary>Writes <paramref name="request"/> as indented JSON (UTF-8 text, <c>\n</c> line ends, final newline); null members are omitted.</summary>
    public static string Write(PlanRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return JsonSerializer.Serialize(request, OmitNulls) + "\n";
    }

    private static readonly JsonSerializerOptions OmitNulls = new(FileOptions) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    internal static T Parse<T>(string json, string sourceName, string expected)
        where T : class
    {
        T? value;
        try
        {
            value = JsonSerializer.Deserialize<T>(json, SerializerOptions);
        }
        catch (JsonException ex)
        {
            int line = (int)(ex.LineNumber ?? 0) + 1;
            string detail = ex.Message;
            int cut = detail.IndexOf(" Path:", StringComparison.Ordinal);
            if (cut > 0)
            {
                detail = detail[..cut];
            }

            // The serializer names CLR types; say what the file should contain instead.
            detail = detail.Replace(typeof(T).FullName!, expected, StringComparison.Ordinal);
            throw new InstanceFormatException(sourceName, line, ex.Path is { Length: > 0 } path ? $"{path}: {detail}" : detail);
        }

        return value ?? throw new InstanceFormatException(sourceName, 1, $"the document is null; expected {expected}");
    }

    private static JsonSerializerOptions CreateOptions(bool indented)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            // A misspelt property is an error, not silently ignored.
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            WriteIndented = indented,
            NewLine = "\n",
        };
        if (indented)
        {
            options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping; // files, never inlined in HTML
        }

        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
