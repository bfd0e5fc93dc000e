using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace PostRoute.Engine.Formats;

/// <summary>
/// A CVRP solution in CVRPLIB <c>.sol</c> terms: routes as customer numbers 1 … n (customer c is node
/// <see cref="CvrpInstance.CustomerIndices"/>[c − 1], i.e. node id c + 1 when the depot is node 1; the depot is not
/// listed and every route starts and ends there) and the stated cost, if any. Immutable.
/// </summary>
/// <param name="Routes">Customer numbers of each route in visiting order.</param>
/// <param name="Cost">The <c>Cost</c> line, or null when absent (or not yet computed).</param>
public sealed record CvrpSolution(ImmutableArray<ImmutableArray<int>> Routes, double? Cost);

/// <summary>
/// Reads and writes CVRPLIB <c>.sol</c> files: one line <c>Route #r: c1 c2 …</c> per route, then <c>Cost N</c>.
/// Stateless and thread-safe.
/// </summary>
public static class CvrpSolutionFormat
{
    /// <summary>Reads the <c>.sol</c> file at <paramref name="path"/>.</summary>
    /// <exception cref="InstanceFormatException">A line is neither a route, a cost nor blank; the message names the path and line.</exception>
    public static CvrpSolution Read(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    /// <summary>
    /// Reads a solution from <paramref name="reader"/>. Accepts <c>Route #r:</c> lines (customer numbers ≥ 1,
    /// separated by spaces or tabs; an empty route is kept as empty), one <c>Cost</c> line, and blank lines.
    /// Route numbers are not required to be consecutive; routes keep file order.
    /// </summary>
    /// <exception cref="InstanceFormatException">Malformed text; the message names <paramref name="fileName"/> and the line.</exception>
    public static CvrpSolution Read(TextReader reader, string fileName)
    {
        var text = new InstanceText(reader, fileName);
        var routes = ImmutableArray.CreateBuilder<ImmutableArray<int>>();
        double? cost = null;
        for (int line = 0; line < text.Count; line++)
        {
            string trimmed = text[line].Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }

            if (trimmed.StartsWith("Route", StringComparison.OrdinalIgnoreCase))
            {
                int colon = trimmed.IndexOf(':', StringComparison.Ordinal);
                if (colon < 0)
                {
                    throw text.Error(line, $"expected 'Route #r: c1 c2 …' (with a colon) but found '{trimmed}'");
                }

                var customers = ImmutableArray.CreateBuilder<int>();
                foreach (string token in InstanceText.Tokens(trimmed[(colon + 1)..]))
                {
                    int customer = text.Integer(token, line, "a customer number");
                    if (customer < 1)
                    {
                        throw text.Error(line, $"expected customer numbers ≥ 1 (the depot is not listed) but found {customer}");
                    }

                    customers.Add(customer);
                }

                routes.Add(customers.ToImmutable());
                continue;
            }

            string[] tokens = InstanceText.Tokens(trimmed);
            if (tokens[0].Equals("Cost", StringComparison.OrdinalIgnoreCase))
            {
                if (cost is not null)
                {
                    throw text.Error(line, "expected one Cost line, but found another");
                }

                if (tokens.Length != 2)
                {
                    throw text.Error(line, $"expected 'Cost N' but found '{trimmed}'");
                }

                cost = text.Number(tokens[1], line, "the cost");
                continue;
            }

            throw text.Error(line, $"expected a 'Route #r: c1 c2 …' line or a 'Cost N' line but found '{trimmed}'");
        }

        return new CvrpSolution(routes.ToImmutable(), cost);
    }

    /// <summary>
    /// Writes <paramref name="solution"/> in <c>.sol</c> form: routes numbered from 1 in order (empty routes skipped),
    /// then <c>Cost N</c> when the cost is known, with the shortest invariant-culture text that round-trips the
    /// double (an integral cost prints without decimals). Lines end with <c>\n</c>.
    /// </summary>
    public static void Write(TextWriter writer, CvrpSolution solution)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(solution);
        int number = 0;
        foreach (var route in solution.Routes)
        {
            if (route.IsEmpty)
            {
                continue;
            }

            writer.Write($"Route #{++number}:");
            foreach (int customer in route)
            {
                writer.Write(' ');
                writer.Write(customer.ToString(CultureInfo.InvariantCulture));
            }

            writer.Write('\n');
        }

        if (solution.Cost is { } cost)
        {
            writer.Write($"Cost {cost.ToString(CultureInfo.InvariantCulture)}\n");
        }
    }

    /// <summary>Returns <paramref name="solution"/> as <c>.sol</c> text (see <see cref="Write(TextWriter, CvrpSolution)"/>).</summary>
    public static string ToText(CvrpSolution solution)
    {
        var builder = new StringBuilder();
        using var writer = new StringWriter(builder, CultureInfo.InvariantCulture);
        Write(writer, solution);
        return builder.ToString();
    }

    /// <summary>Writes <paramref name="solution"/> to the file at <paramref name="path"/> (UTF-8 without BOM), replacing it.</summary>
    public static void WriteFile(string path, CvrpSolution solution)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        Write(writer, solution);
    }
}
