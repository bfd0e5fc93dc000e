using System.Collections.Immutable;

namespace PostRoute.Engine.Formats;

/// <summary>
/// Reads Solomon and Gehring–Homberger VRPTW files (the same text format): the instance name on the first line,
/// a <c>VEHICLE</c> block (<c>NUMBER CAPACITY</c> header, then the two numbers), a <c>CUSTOMER</c> block (one
/// column-header line, then one row per node: <c>CUST NO. XCOORD. YCOORD. DEMAND READY TIME DUE DATE SERVICE TIME</c>,
/// row 0 = depot). Blank lines, spaces, tabs and CRLF are accepted anywhere. The result uses
/// <see cref="DistanceRounding.None"/> (double-precision Euclidean, the sets' convention) unless told otherwise.
/// Stateless and thread-safe.
/// </summary>
public static class SolomonReader
{
    private const string RowColumns = "CUST NO., XCOORD., YCOORD., DEMAND, READY TIME, DUE DATE, SERVICE TIME";

    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    /// <exception cref="InstanceFormatException">The file is malformed; the message names the path and line.</exception>
    public static VrptwInstance Read(string path, DistanceRounding rounding = DistanceRounding.None)
    {
        using var reader = new StreamReader(path);
        return Read(reader, path, rounding);
    }

    /// <summary>Reads an instance from <paramref name="reader"/>; <paramref name="fileName"/> is used in error messages.</summary>
    /// <exception cref="InstanceFormatException">The text is malformed; the message names <paramref name="fileName"/> and the line.</exception>
    public static VrptwInstance Read(TextReader reader, string fileName, DistanceRounding rounding = DistanceRounding.None) =>
        Parse(new InstanceText(reader, fileName), rounding);

    /// <summary>Parses instance <paramref name="text"/>; <paramref name="fileName"/> is used in error messages.</summary>
    /// <exception cref="InstanceFormatException">The text is malformed.</exception>
    public static VrptwInstance Parse(string text, string fileName = "<text>", DistanceRounding rounding = DistanceRounding.None) =>
        Read(new StringReader(text), fileName, rounding);

    private static VrptwInstance Parse(InstanceText text, DistanceRounding rounding)
    {
        int line = text.NextNonBlank(0);
        if (line == text.Count)
        {
            throw text.EndOfFile("the instance name on the first line");
        }

        string name = text[line].Trim();
        line = ExpectWord(text, line + 1, "VEHICLE");
        line = text.NextNonBlank(line + 1);
        if (line == text.Count)
        {
            throw text.EndOfFile("the 'NUMBER CAPACITY' header");
        }

        if (InstanceText.IsNumber(InstanceText.Tokens(text[line])[0]))
        {
            throw text.Error(line, $"expected the 'NUMBER CAPACITY' header but found '{text[line].Trim()}'");
        }

        line = text.NextNonBlank(line + 1);
        if (line == text.Count)
        {
            throw text.EndOfFile("the vehicle number and capacity");
        }

        string[] fleet = text.Row(line, 2, "vehicle NUMBER and CAPACITY");
        int vehicleCount = text.Integer(fleet[0], line, "the vehicle NUMBER");
        int capacity = text.Integer(fleet[1], line, "the vehicle CAPACITY");
        if (vehicleCount < 1)
        {
            throw text.Error(line, $"expected a vehicle NUMBER of at least 1 but found {vehicleCount}");
        }

        if (capacity < 0)
        {
            throw text.Error(line, $"expected a non-negative vehicle CAPACITY but found {capacity}");
        }

        line = ExpectWord(text, line + 1, "CUSTOMER");
        line = text.NextNonBlank(line + 1);
        if (line < text.Count && !InstanceText.IsNumber(InstanceText.Tokens(text[line])[0]))
        {
            line++; // the column-header line
        }

        var nodes = ImmutableArray.CreateBuilder<VrptwNode>();
        for (line = text.NextNonBlank(line); line < text.Count; line = text.NextNonBlank(line + 1))
        {
            string[] row = text.Row(line, 7, RowColumns);
            int number = text.Integer(row[0], line, "CUST NO.");
            if (number != nodes.Count)
            {
                throw text.Error(line, $"expected CUST NO. {nodes.Count} (rows are numbered 0, 1, 2, … in order) but found {number}");
            }

            var node = new VrptwNode(
                number,
                new PlanarPoint(text.Number(row[1], line, "XCOORD."), text.Number(row[2], line, "YCOORD.")),
                text.Integer(row[3], line, "DEMAND"),
                text.Number(row[4], line, "READY TIME"),
                text.Number(row[5], line, "DUE DATE"),
                text.Number(row[6], line, "SERVICE TIME"));
            if (node.Demand < 0 || node.ServiceTime < 0)
            {
                throw text.Error(line, "expected a non-negative DEMAND and SERVICE TIME");
            }

            if (node.ReadyTime > node.DueDate)
            {
                throw text.Error(line, $"expected READY TIME ({node.ReadyTime}) not after DUE DATE ({node.DueDate})");
            }

            nodes.Add(node);
        }

        if (nodes.Count == 0)
        {
            throw text.EndOfFile($"the depot row ({RowColumns})");
        }

        return new VrptwInstance
        {
            Name = name,
            Rounding = rounding,
            VehicleCount = vehicleCount,
            VehicleCapacity = capacity,
            Nodes = nodes.ToImmutable(),
        };
    }

    private static int ExpectWord(InstanceText text, int start, string word)
    {
        int line = text.NextNonBlank(start);
        if (line == text.Count)
        {
            throw text.EndOfFile($"a '{word}' line");
        }

        if (!string.Equals(text[line].Trim(), word, StringComparison.OrdinalIgnoreCase))
        {
            throw text.Error(line, $"expected a '{word}' line but found '{text[line].Trim()}'");
        }

        return line;
    }
}
