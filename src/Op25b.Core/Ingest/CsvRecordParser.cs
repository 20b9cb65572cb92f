using System.Text;

namespace Op25b.Core.Ingest;

internal sealed record CsvRecord(int LineNumber, string Raw, IReadOnlyList<string> Fields, string? Error);

/// <summary>
/// An RFC 4180 tokenizer fed in chunks, so a record can span any number of reads. A broken
/// record (stray quote, too long) is still read to its end, so the next record starts cleanly.
/// </summary>
internal sealed class CsvRecordParser(int maxRecordChars)
{
    private enum State { FieldStart, Unquoted, Quoted, QuoteInQuoted }

    private readonly StringBuilder _field = new();
    private readonly StringBuilder _raw = new();
    private readonly List<string> _fields = [];
    private State _state = State.FieldStart;
    private bool _pendingCr;      // a CR outside quotes: a line ending if LF follows, data otherwise
    private bool _recordStarted;
    private int _line = 1;
    private int _recordLine;
    private int _recordChars;
    private string? _error;
    private bool _atBodyStart = true;

    public List<CsvRecord> Feed(char[] chunk, int count)
    {
        var records = new List<CsvRecord>();
        for (var i = 0; i < count; i++)
            Accept(chunk[i], records);
        return records;
    }

    public List<CsvRecord> Finish()
    {
        var records = new List<CsvRecord>();
        if (_state == State.Quoted)
            _error ??= "row: a quoted field is not closed before the end of the body";
        if (_recordStarted)
            EndRecord(records);
        return records;
    }

    private void Accept(char c, List<CsvRecord> records)
    {
        // Excel writes a byte-order mark; it is not part of the first column's name.
        if (_atBodyStart)
        {
            _atBodyStart = false;
            if (c == '\uFEFF')
                return;
        }
        if (!_recordStarted)
        {
            _recordStarted = true;
            _recordLine = _line;
        }
        if (_pendingCr)
        {
            _pendingCr = false;
            if (c == '\n')
            {
                EndRecord(records);
                _line++;
                return;
            }
            if (_state == State.QuoteInQuoted)
                _error ??= "row: text after a closing quote";
            Append('\r');
            _state = State.Unquoted;
        }

        switch (_state)
        {
            case State.FieldStart when c == '"':
                _state = State.Quoted;
                AppendRaw(c);
                return;
            case State.FieldStart or State.Unquoted or State.QuoteInQuoted when c == ',':
                AppendRaw(c);
                EndField();
                return;
            case State.FieldStart or State.Unquoted or State.QuoteInQuoted when c == '\n':
                EndRecord(records);
                _line++;
                return;
            case State.FieldStart or State.Unquoted or State.QuoteInQuoted when c == '\r':
                _pendingCr = true;
                return;
            case State.Quoted when c == '"':
                _state = State.QuoteInQuoted;
                AppendRaw(c);
                return;
            case State.QuoteInQuoted when c == '"':
                // A doubled quote inside a quoted field is one literal quote (RFC 4180 §2.7).
                _state = State.Quoted;
                AppendRaw(c);
                _field.Append(c);
                return;
            case State.QuoteInQuoted:
                _error ??= "row: text after a closing quote";
                break;
            case State.Unquoted or State.FieldStart when c == '"':
                _error ??= "row: a quote inside an unquoted field (quote the whole field and double the quote)";
                break;
        }

        if (c == '\n')
            _line++;
        if (_state != State.Quoted)
            _state = State.Unquoted;
        Append(c);
    }

    private void Append(char c)
    {
        AppendRaw(c);
        if (_recordChars <= maxRecordChars)
            _field.Append(c);
    }

    private void AppendRaw(char c)
    {
        _recordChars++;
        if (_recordChars > maxRecordChars)
            _error ??= $"row: longer than {maxRecordChars / 1024} KiB";
        if (_raw.Length < IngestLine.MaxRawLength)
            _raw.Append(c);
    }

    private void EndField()
    {
        _fields.Add(_field.ToString());
        _field.Clear();
        _state = State.FieldStart;
    }

    private void EndRecord(List<CsvRecord> records)
    {
        EndField();
        var blank = _raw.Length == 0 && _fields.Count == 1;
        if (!blank)
            records.Add(new CsvRecord(_recordLine, _raw.ToString(), _fields.ToArray(), _error));
        _fields.Clear();
        _raw.Clear();
        _recordChars = 0;
        _error = null;
        _recordStarted = false;
    }
}
