namespace Mlops.Registry.Application.Datasets.Profiling;

/// <summary>
/// The length and a hash of the bytes of a stream, the same however the stream splits its reads: a blob read back
/// over the network arrives in different pieces on every pass. <see cref="HashCode.AddBytes"/> hashes whole 4-byte
/// words and then single bytes, so the bytes of a word cut by a read are held back until the word is whole, which
/// makes the result that of one call with every byte. The hash is only comparable within a process.
/// </summary>
internal sealed class StreamFingerprint
{
    private readonly byte[] _partialWord = new byte[sizeof(int)];
    private HashCode _hash;
    private int _partialLength;
    private long _length;

    public (long Length, int Hash) Value
    {
        get
        {
            var hash = _hash;
            hash.AddBytes(_partialWord.AsSpan(0, _partialLength));
            return (_length, hash.ToHashCode());
        }
    }

    public void Add(ReadOnlySpan<byte> bytes)
    {
        _length += bytes.Length;
        if (_partialLength > 0)
        {
            var take = Math.Min(_partialWord.Length - _partialLength, bytes.Length);
            bytes[..take].CopyTo(_partialWord.AsSpan(_partialLength));
            _partialLength += take;
            bytes = bytes[take..];
            if (_partialLength < _partialWord.Length)
            {
                return;
            }

            _hash.AddBytes(_partialWord);
            _partialLength = 0;
        }

        var whole = bytes.Length - (bytes.Length % _partialWord.Length);
        _hash.AddBytes(bytes[..whole]);
        bytes[whole..].CopyTo(_partialWord);
        _partialLength = bytes.Length - whole;
    }
}
