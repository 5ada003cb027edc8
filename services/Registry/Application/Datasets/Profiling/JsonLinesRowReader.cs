using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Unicode;

namespace Mlops.Registry.Application.Datasets.Profiling;

/// <summary>
/// One JSON object per line (LF or CRLF); lines of only whitespace are skipped. Each top-level key is a column,
/// in the order keys are first seen; nested objects and arrays are single values, kept as their JSON text.
/// A line that is not one valid JSON object, or repeats a key, is an error naming the line.
/// </summary>
internal sealed class JsonLinesRowReader(Stream stream, ColumnCatalog catalog, int maxColumns, int maxRecordBytes)
    : BufferedRowReader(stream, maxRecordBytes)
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

    private long[] _lastRowWithColumn = new long[16];
    private long _rowNumber;
    private char[] _name = new char[128];
    private byte[] _value = new byte[256];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override ReadStatus Parse(ReadOnlySpan<byte> data, bool isFinal, RowBuffer row, out int consumed)
    {
        consumed = 0;
        var newline = data.IndexOf((byte)'\n');
        if (newline < 0 && !isFinal)
        {
            return ReadStatus.NeedMoreData;
        }

        if (newline < 0 && data.IsEmpty)
        {
            return ReadStatus.End;
        }

        var line = newline < 0 ? data : data[..newline];
        if (line.Length > MaxRecordBytes)
        {
            throw RecordTooLong();
        }

        consumed = newline < 0 ? data.Length : newline + 1;
        var lineNumber = Line++;
        if (line.IndexOfAnyExcept(" \t\r"u8) < 0)
        {
            return ReadStatus.Skipped;
        }

        if (!Utf8.IsValid(line))
        {
            throw Error(lineNumber, "the text is not valid UTF-8");
        }

        row.Clear();
        row.Line = lineNumber;
        _rowNumber++;
        try
        {
            ReadObject(line, lineNumber, row);
        }
        catch (JsonException e)
        {
            var message = e.Message.Split(" LineNumber:", 2)[0].TrimEnd();
            throw Error(lineNumber, $"invalid JSON at byte {e.BytePositionInLine + 1}: {message}");
        }

        return ReadStatus.Row;
    }

    protected override RegistryException RecordTooLong() => Error(Line, $"the line is longer than {MaxRecordBytes} bytes");

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReadObject(ReadOnlySpan<byte> line, long lineNumber, RowBuffer row)
    {
        var reader = new Utf8JsonReader(line, isFinalBlock: true, new JsonReaderState(ReaderOptions));
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            // Read again so a malformed line is reported as invalid JSON rather than as the wrong kind of value.
            while (reader.Read())
            {
            }

            throw Error(lineNumber, "the line is not a JSON object");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var column = ColumnOf(ref reader, lineNumber);
            reader.Read();
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    row.Add(column, FieldToken.String, Unescaped(ref reader, lineNumber));
                    break;
                case JsonTokenType.Number:
                    row.Add(column, FieldToken.Number, reader.ValueSpan);
                    break;
                case JsonTokenType.True:
                    row.Add(column, FieldToken.True, []);
                    break;
                case JsonTokenType.False:
                    row.Add(column, FieldToken.False, []);
                    break;
                case JsonTokenType.Null:
                    row.Add(column, FieldToken.Null, []);
                    break;
                default:
                    var token = reader.TokenType == JsonTokenType.StartObject ? FieldToken.Object : FieldToken.Array;
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    row.Add(column, token, line[start..(int)reader.BytesConsumed]);
                    break;
            }
        }

        // Whitespace may follow the object; anything else makes the reader throw.
        while (reader.Read())
        {
        }
    }

    private int ColumnOf(ref Utf8JsonReader reader, long lineNumber)
    {
        if (_name.Length < reader.ValueSpan.Length)
        {
            _name = new char[Math.Max(_name.Length * 2, reader.ValueSpan.Length)];
        }

        var name = _name.AsSpan(0, CopyString(ref reader, _name, lineNumber));
        if (ColumnCatalog.Problem(name) is { } problem)
        {
            throw Error(lineNumber, problem);
        }

        var column = catalog.IndexOf(name);
        if (column < 0)
        {
            if (catalog.Frozen)
            {
                throw ColumnCatalog.DataChanged();
            }

            if (catalog.Count == maxColumns)
            {
                throw Error(lineNumber, $"the key '{name}' makes more than {maxColumns} columns; at most {maxColumns} are supported");
            }

            column = catalog.Add(name.ToString());
        }

        if (column >= _lastRowWithColumn.Length)
        {
            Array.Resize(ref _lastRowWithColumn, Math.Max(_lastRowWithColumn.Length * 2, column + 1));
        }

        if (_lastRowWithColumn[column] == _rowNumber)
        {
            throw Error(lineNumber, $"the key '{name}' appears twice in the object");
        }

        _lastRowWithColumn[column] = _rowNumber;
        return column;
    }

    private ReadOnlySpan<byte> Unescaped(ref Utf8JsonReader reader, long lineNumber)
    {
        if (!reader.ValueIsEscaped)
        {
            return reader.ValueSpan;
        }

        if (_value.Length < reader.ValueSpan.Length)
        {
            _value = new byte[Math.Max(_value.Length * 2, reader.ValueSpan.Length)];
        }

        try
        {
            return _value.AsSpan(0, reader.CopyString(_value));
        }
        catch (InvalidOperationException)
        {
            throw Error(lineNumber, "a string has an escape that is not valid Unicode (a lone surrogate)");
        }
    }

    private static int CopyString(ref Utf8JsonReader reader, Span<char> destination, long lineNumber)
    {
        try
        {
            return reader.CopyString(destination);
        }
        catch (InvalidOperationException)
        {
            throw Error(lineNumber, "a key has an escape that is not valid Unicode (a lone surrogate)");
        }
    }

    private static RegistryException Error(long line, string problem) => RegistryException.Invalid($"JSON Lines line {line}: {problem}.");
}
