using System.Globalization;

namespace PostRoute.Engine.Formats;

/// <summary>
/// The lines of a text file being parsed, with helpers that turn bad tokens into
/// <see cref="InstanceFormatException"/>s naming the file and line. Line indices are 0-based; messages are 1-based.
/// </summary>
internal sealed class InstanceText
{
    private static readonly char[] Separators = [' ', '\t', '\r', '\f', '\v'];
    private readonly List<string> _lines = [];

    public InstanceText(TextReader reader, string fileName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(fileName);
        FileName = fileName;
        while (reader.ReadLine() is { } line)
        {
            _lines.Add(line);
        }
    }

    public string FileName { get; }

    public int Count => _lines.Count;

    public string this[int index] => _lines[index];

    public static string[] Tokens(string line) => line.Split(Separators, StringSplitOptions.RemoveEmptyEntries);

    public static bool IsNumber(string token) =>
        double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value);

    /// <summary>Index of the first non-blank line at or after <paramref name="start"/>, or <see cref="Count"/>.</summary>
    public int NextNonBlank(int start)
    {
        int index = start;
        while (index < _lines.Count && string.IsNullOrWhiteSpace(_lines[index]))
        {
            index++;
        }

        return index;
    }

    public InstanceFormatException Error(int index, string detail) => new(FileName, index + 1, detail);

    public InstanceFormatException EndOfFile(string expected) =>
        new(FileName, _lines.Count + 1, $"the file ended, but expected {expected}");

    public double Number(string token, int index, string what)
    {
        if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value))
        {
            return value;
        }

        throw Error(index, $"expected {what} as a finite number but found '{token}'");
    }

    /// <summary>Parses an integer; integral decimals such as <c>10.0</c> are accepted.</summary>
    public int Integer(string token, int index, string what)
    {
        if (int.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
        {
            return value;
        }

        if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double real) &&
            real == Math.Floor(real) && real is >= int.MinValue and <= int.MaxValue)
        {
            return (int)real;
        }

        throw Error(index, $"expected {what} as an integer but found '{token}'");
    }

    /// <summary>Tokens of line <paramref name="index"/>, which must hold exactly <paramref name="columns"/> numbers.</summary>
    public string[] Row(int index, int columns, string description)
    {
        string[] tokens = Tokens(_lines[index]);
        if (tokens.Length != columns)
        {
            throw Error(index, $"expected {columns} numbers ({description}) but found {tokens.Length} value(s): '{_lines[index].Trim()}'");
        }

        return tokens;
    }
}
