using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;

namespace Mlops.Registry.Application.Datasets.Profiling;

/// <summary>
/// RFC 4180 records: fields separated by the delimiter, records by LF, CRLF or a lone CR; a field that starts with
/// a quote runs to the closing quote, with "" for a quote and delimiters and line breaks kept. Anything RFC 4180
/// does not allow (a quote inside an unquoted field, text after a closing quote, a record with another number of
/// fields than the first) is an error naming the line, never a guess. Empty lines are skipped.
/// </summary>
internal sealed class CsvRowReader : BufferedRowReader
{
    private const byte Quote = (byte)'"';

    private readonly byte _delimiter;
    private readonly bool _headerRow;
    private readonly ColumnCatalog _catalog;
    private readonly int _maxColumns;
    private readonly SearchValues<byte> _unquotedStops;
    private int _expectedFields = -1;

    public CsvRowReader(Stream stream, char delimiter, bool headerRow, ColumnCatalog catalog, int maxColumns, int maxRecordBytes)
        : base(stream, maxRecordBytes)
    {
        _delimiter = (byte)delimiter;
        _headerRow = headerRow;
        _catalog = catalog;
        _maxColumns = maxColumns;
        _unquotedStops = SearchValues.Create([_delimiter, Quote, (byte)'\r', (byte)'\n']);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override ReadStatus Parse(ReadOnlySpan<byte> data, bool isFinal, RowBuffer row, out int consumed)
    {
        consumed = 0;
        if (data.IsEmpty)
        {
            return isFinal ? ReadStatus.End : ReadStatus.NeedMoreData;
        }

        if (data[0] is (byte)'\n' or (byte)'\r')
        {
            if (data[0] == '\r' && data.Length == 1 && !isFinal)
            {
                return ReadStatus.NeedMoreData;
            }

            consumed = data.StartsWith("\r\n"u8) ? 2 : 1;
            Line++;
            return ReadStatus.Skipped;
        }

        row.Clear();
        var status = ParseRecord(data, isFinal, row, out consumed, out var lineBreaks);
        if (status != ReadStatus.Row)
        {
            consumed = 0;
            return status;
        }

        row.Line = Line;
        Line += lineBreaks;
        if (!Utf8.IsValid(data[..consumed]))
        {
            var invalidAt = FirstInvalidUtf8(data[..consumed]);
            throw Error(row.Line + LineBreaks(data[..invalidAt]), "the text is not valid UTF-8");
        }

        return Accept(row);
    }

    protected override RegistryException RecordTooLong() =>
        Error(Line, $"the record is longer than {MaxRecordBytes} bytes, which is often a quote left open");

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ReadStatus ParseRecord(ReadOnlySpan<byte> data, bool isFinal, RowBuffer row, out int consumed, out int lineBreaks)
    {
        consumed = 0;
        lineBreaks = 0;
        var maxFields = _expectedFields < 0 ? _maxColumns : _expectedFields;
        var pos = 0;
        while (true)
        {
            if (row.Count == maxFields)
            {
                throw Error(Line + lineBreaks, _expectedFields < 0
                    ? $"the first record has more than {_maxColumns} fields; at most {_maxColumns} columns are supported"
                    : $"the record has more than {_expectedFields} fields; {ExpectedFieldsSource()} {_expectedFields}");
            }

            if (pos < data.Length && data[pos] == Quote)
            {
                var quoteLine = Line + lineBreaks;
                pos++;
                while (true)
                {
                    var rest = data[pos..];
                    var next = rest.IndexOf(Quote);
                    if (next < 0)
                    {
                        return isFinal
                            ? throw Error(quoteLine, $"the quoted field {row.Count + 1} is not closed before the end of the file")
                            : ReadStatus.NeedMoreData;
                    }

                    row.Append(rest[..next]);
                    lineBreaks += LineBreaks(rest[..next]);
                    pos += next + 1;
                    if (pos == data.Length && !isFinal)
                    {
                        return ReadStatus.NeedMoreData;
                    }

                    if (pos == data.Length || data[pos] != Quote)
                    {
                        break;
                    }

                    row.Append("\""u8);
                    pos++;
                }

                if (pos < data.Length && data[pos] != _delimiter && data[pos] is not ((byte)'\r' or (byte)'\n'))
                {
                    throw Error(Line + lineBreaks, $"field {row.Count + 1} has text after its closing quote; a quote inside a quoted field is written twice");
                }
            }
            else
            {
                var rest = data[pos..];
                var stop = rest.IndexOfAny(_unquotedStops);
                if (stop < 0)
                {
                    if (!isFinal)
                    {
                        return ReadStatus.NeedMoreData;
                    }

                    stop = rest.Length;
                }
                else if (rest[stop] == Quote)
                {
                    throw Error(Line + lineBreaks, $"field {row.Count + 1} has a '\"' but does not start with one; quote the whole field and write the quote twice");
                }

                row.Append(rest[..stop]);
                pos += stop;
            }

            row.EndField(row.Count, FieldToken.Text);
            if (pos == data.Length)
            {
                consumed = pos;
                return ReadStatus.Row;
            }

            var separator = data[pos];
            if (separator == _delimiter)
            {
                pos++;
                continue;
            }

            if (separator == '\r' && pos + 1 == data.Length && !isFinal)
            {
                return ReadStatus.NeedMoreData;
            }

            consumed = data[pos..].StartsWith("\r\n"u8) ? pos + 2 : pos + 1;
            lineBreaks++;
            return ReadStatus.Row;
        }
    }

    private ReadStatus Accept(RowBuffer row)
    {
        if (_expectedFields >= 0)
        {
            return row.Count == _expectedFields
                ? ReadStatus.Row
                : throw Error(row.Line, $"the record has {row.Count} field{(row.Count == 1 ? "" : "s")}; {ExpectedFieldsSource()} {_expectedFields}");
        }

        _expectedFields = row.Count;
        if (_catalog.Frozen)
        {
            CheckSameColumns(row);
        }
        else
        {
            AddColumns(row);
        }

        return _headerRow ? ReadStatus.Skipped : ReadStatus.Row;
    }

    private void AddColumns(RowBuffer row)
    {
        for (var i = 0; i < row.Count; i++)
        {
            var name = _headerRow ? Encoding.UTF8.GetString(row.Bytes(i)) : $"column_{i + 1}";
            if (ColumnCatalog.Problem(name) is { } problem)
            {
                throw Error(row.Line, $"column {i + 1} of the header: {problem}");
            }

            var earlier = _catalog.IndexOf(name);
            if (earlier >= 0)
            {
                throw Error(row.Line, $"the header names two columns '{name}' (columns {earlier + 1} and {i + 1})");
            }

            _catalog.Add(name);
        }
    }

    private void CheckSameColumns(RowBuffer row)
    {
        var same = row.Count == _catalog.Count;
        for (var i = 0; same && _headerRow && i < row.Count; i++)
        {
            same = Encoding.UTF8.GetString(row.Bytes(i)) == _catalog.Names[i];
        }

        if (!same)
        {
            throw ColumnCatalog.DataChanged();
        }
    }

    private string ExpectedFieldsSource() => _headerRow ? "the header has" : "the first record has";

    private static int LineBreaks(ReadOnlySpan<byte> text)
    {
        var breaks = text.Count((byte)'\n');
        if (text.Contains((byte)'\r'))
        {
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n'))
                {
                    breaks++;
                }
            }
        }

        return breaks;
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> text)
    {
        var at = 0;
        while (at < text.Length)
        {
            if (Rune.DecodeFromUtf8(text[at..], out _, out var length) != OperationStatus.Done)
            {
                return at;
            }

            at += length;
        }

        return at;
    }

    private static RegistryException Error(long line, string problem) => RegistryException.Invalid($"CSV line {line}: {problem}.");
}
