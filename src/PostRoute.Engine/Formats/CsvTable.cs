using System.Text;
using PostRoute.Engine.Network;

namespace PostRoute.Engine.Formats;

/// <summary>
/// RFC 4180 record reader: comma-separated, fields optionally in double quotes (with <c>""</c> for a quote and
/// line breaks allowed inside), records ended by CRLF, LF or CR, an optional UTF-8 BOM before the header. Blank
/// lines are skipped. Malformed records are reported (file:line) and skipped. Not thread-safe.
/// </summary>
internal sealed class CsvRecordReader(TextReader reader, string file, List<NetworkError> errors)
{
    private readonly StringBuilder _field = new();
    private int _line = 1;
    private bool _atStart = true;

    // One character of look-ahead kept here rather than TextReader.Peek, which some readers answer with −1 early.
    private int _lookahead = NotRead;
    private const int NotRead = -2;

    /// <summary>Reads the next non-blank record; false at the end of the input.</summary>
    public bool TryRead(out int line, out List<string> fields)
    {
        while (true)
        {
            if (_atStart)
            {
                _atStart = false;
                if (Peek() == '\uFEFF')
                {
                    Read();
                }
            }

            line = _line;
            fields = [];
            if (Peek() < 0)
            {
                return false;
            }

            var outcome = ReadRecord(fields);
            if (outcome == Outcome.Malformed)
            {
                continue;
            }

            bool blank = fields.Count == 1 && fields[0].Length == 0 && outcome == Outcome.BlankCandidate;
            if (!blank)
            {
                return true;
            }
        }
    }

    private enum Outcome { Record, BlankCandidate, Malformed }

    private Outcome ReadRecord(List<string> fields)
    {
        int recordLine = _line;
        bool anyQuoted = false;
        while (true)
        {
            _field.Clear();
            int c = Read();
            if (c == '"')
            {
                anyQuoted = true;
                int openedOn = _line;
                while (true)
                {
                    c = Read();
                    if (c < 0)
                    {
                        errors.Add(new NetworkError($"{file}:{recordLine}", "", $"quoted field opened on line {openedOn} is never closed"));
                        return Outcome.Malformed;
                    }

                    if (c == '"')
                    {
                        if (Peek() == '"')
                        {
                            Read();
                            _field.Append('"');
                            continue;
                        }

                        break;
                    }

                    if (c == '\n')
                    {
                        _line++;
                    }

                    _field.Append((char)c);
                }

                fields.Add(_field.ToString());
                c = Read();
                if (c == ',')
                {
                    continue;
                }

                if (EndsRecord(c))
                {
                    return Outcome.Record;
                }

                errors.Add(new NetworkError($"{file}:{recordLine}", "", $"unexpected character '{(char)c}' after the closing quote of field {fields.Count}"));
                SkipRestOfLine();
                return Outcome.Malformed;
            }

            while (c >= 0 && c != ',' && c != '\r' && c != '\n')
            {
                if (c == '"')
                {
                    errors.Add(new NetworkError($"{file}:{recordLine}", "", $"a quote inside unquoted field {fields.Count + 1}; quote the whole field and double the quote"));
                    SkipRestOfLine();
                    return Outcome.Malformed;
                }

                _field.Append((char)c);
                c = Read();
            }

            fields.Add(_field.ToString());
            if (c == ',')
            {
                continue;
            }

            EndsRecord(c);
            return anyQuoted ? Outcome.Record : Outcome.BlankCandidate;
        }
    }

    private int Read()
    {
        if (_lookahead != NotRead)
        {
            int c = _lookahead;
            _lookahead = NotRead;
            return c;
        }

        return reader.Read();
    }

    private int Peek()
    {
        if (_lookahead == NotRead)
        {
            _lookahead = reader.Read();
        }

        return _lookahead;
    }

    /// <summary>True (and the line break consumed) when <paramref name="c"/> ends a record.</summary>
    private bool EndsRecord(int c)
    {
        switch (c)
        {
            case < 0:
                return true;
            case '\n':
                _line++;
                return true;
            case '\r':
                if (Peek() == '\n')
                {
                    Read();
                }

                _line++;
                return true;
            default:
                return false;
        }
    }

    private void SkipRestOfLine()
    {
        int c;
        do
        {
            c = Read();
        }
        while (!EndsRecord(c));
    }
}

/// <summary>
/// A CSV file with a header: columns are found by name, in any order. Reports a missing required column, an
/// unknown or repeated column, and records with the wrong number of fields. Not thread-safe.
/// </summary>
internal sealed class CsvTable
{
    private readonly CsvRecordReader _records;
    private readonly List<NetworkError> _errors;
    private readonly Dictionary<string, int> _columns = new(StringComparer.Ordinal);

    private CsvTable(CsvRecordReader records, string file, List<NetworkError> errors)
    {
        _records = records;
        File = file;
        _errors = errors;
    }

    public string File { get; }

    /// <summary>Header names in file order.</summary>
    public List<string> Header { get; private set; } = [];

    /// <summary>Line of the header record.</summary>
    public int HeaderLine { get; private set; } = 1;

    /// <summary>False when the header was unusable (missing, or a required column absent): rows are not read then.</summary>
    public bool IsUsable { get; private set; }

    /// <summary>
    /// Reads the header of <paramref name="reader"/>. <paramref name="isExtraColumn"/> accepts columns beyond
    /// <paramref name="required"/> and <paramref name="optional"/> (e.g. <c>time_*_s</c>); others are reported.
    /// </summary>
    public static CsvTable Open(TextReader reader, string file, List<NetworkError> errors, string[] required,
        string[] optional, Func<string, bool>? isExtraColumn = null)
    {
        var table = new CsvTable(new CsvRecordReader(reader, file, errors), file, errors);
        if (!table._records.TryRead(out int line, out var header))
        {
            errors.Add(new NetworkError(file, "", $"the file is empty; expected a header line: {string.Join(",", required)}"));
            return table;
        }

        table.Header = header;
        table.HeaderLine = line;
        for (int i = 0; i < header.Count; i++)
        {
            string name = header[i];
            if (!table._columns.TryAdd(name, i))
            {
                errors.Add(new NetworkError($"{file}:{line}", name, "column appears more than once"));
            }
            else if (!required.Contains(name) && !optional.Contains(name) && isExtraColumn?.Invoke(name) != true)
            {
                errors.Add(new NetworkError($"{file}:{line}", name,
                    $"unknown column; expected {string.Join(",", required.Concat(optional))}"));
            }
        }

        bool usable = true;
        foreach (string name in required)
        {
            if (!table._columns.ContainsKey(name))
            {
                errors.Add(new NetworkError($"{file}:{line}", name, "required column is missing"));
                usable = false;
            }
        }

        table.IsUsable = usable;
        return table;
    }

    /// <summary>The data rows, each with the right number of fields; others are reported and skipped.</summary>
    public IEnumerable<CsvRow> Rows()
    {
        if (!IsUsable)
        {
            yield break;
        }

        while (_records.TryRead(out int line, out var fields))
        {
            if (fields.Count != Header.Count)
            {
                _errors.Add(new NetworkError($"{File}:{line}", "", $"expected {Header.Count} fields, found {fields.Count}"));
                continue;
            }

            yield return new CsvRow(this, line, fields);
        }
    }

    public bool Has(string column) => _columns.ContainsKey(column);

    public int IndexOf(string column) => _columns.GetValueOrDefault(column, -1);
}

/// <summary>One data record of a <see cref="CsvTable"/>.</summary>
internal readonly record struct CsvRow(CsvTable Table, int Line, List<string> Fields)
{
    /// <summary>Where the row is, e.g. <c>links.csv:12</c> (the line the record starts on).</summary>
    public string Place => $"{Table.File}:{Line}";

    /// <summary>The cell of <paramref name="column"/>, or null when the file has no such column.</summary>
    public string? this[string column] => Table.IndexOf(column) is var i and >= 0 ? Fields[i] : null;
}
