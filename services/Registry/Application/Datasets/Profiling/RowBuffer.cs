using System.Runtime.CompilerServices;

namespace Mlops.Registry.Application.Datasets.Profiling;

/// <summary>The fields of the row just read, as UTF-8 bytes; reused for every row, valid until the next read.</summary>
internal sealed class RowBuffer
{
    private byte[] _bytes = new byte[4_096];
    private int _byteCount;
    private int _fieldStart;
    private Field[] _fields = new Field[16];

    public int Count { get; private set; }

    /// <summary>The line the row starts on, counting from 1.</summary>
    public long Line { get; set; }

    public int Column(int index) => _fields[index].Column;

    public FieldToken Token(int index) => _fields[index].Token;

    public ReadOnlySpan<byte> Bytes(int index) => _bytes.AsSpan(_fields[index].Start, _fields[index].Length);

    public void Clear()
    {
        Count = 0;
        _byteCount = 0;
        _fieldStart = 0;
    }

    /// <summary>Adds the bytes to the field being built; <see cref="EndField"/> closes it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (_byteCount + bytes.Length > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _byteCount + bytes.Length));
        }

        bytes.CopyTo(_bytes.AsSpan(_byteCount));
        _byteCount += bytes.Length;
    }

    public void EndField(int column, FieldToken token)
    {
        if (Count == _fields.Length)
        {
            Array.Resize(ref _fields, _fields.Length * 2);
        }

        _fields[Count++] = new Field(column, token, _fieldStart, _byteCount - _fieldStart);
        _fieldStart = _byteCount;
    }

    public void Add(int column, FieldToken token, ReadOnlySpan<byte> bytes)
    {
        Append(bytes);
        EndField(column, token);
    }

    private readonly record struct Field(int Column, FieldToken Token, int Start, int Length);
}
