using System.Text.Encodings.Web;
using System.Text.Json;

namespace PostRoute.Cli.Infrastructure;

/// <summary>JSON written to standard output by <c>--json</c>: camelCase, indented, readable non-ASCII text.</summary>
internal static class Json
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options) + "\n";

    /// <summary>Null for infinities and NaN (unreachable cells), which JSON numbers cannot hold.</summary>
    public static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
