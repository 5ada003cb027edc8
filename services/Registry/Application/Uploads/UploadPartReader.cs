using System.Runtime.CompilerServices;

namespace Mlops.Registry.Application.Uploads;

/// <summary>
/// The parts of an upload read one ahead, so that the chunks of one file can be handed on as a stream of their own
/// that ends where the next file's announcement begins.
/// </summary>
internal sealed class UploadPartReader(IAsyncEnumerator<UploadPart> parts)
{
    private UploadPart? _next;
    private bool _ended;

    public async ValueTask<UploadPart?> PeekAsync()
    {
        if (_next is null && !_ended)
        {
            if (await parts.MoveNextAsync().ConfigureAwait(false))
            {
                _next = parts.Current;
            }
            else
            {
                _ended = true;
            }
        }

        return _next;
    }

    /// <summary>The next file announcement, or null at the end; the current file's chunks must have been read.</summary>
    public async ValueTask<ArtifactFileInfo?> NextFileAsync()
    {
        if (await PeekAsync().ConfigureAwait(false) is not { } next)
        {
            return null;
        }

        _next = null;
        return next.File ?? throw new InvalidOperationException("Read the current file's chunks first.");
    }

    /// <summary>
    /// The chunks up to the next file announcement. With <paramref name="singleFile"/>, the artifact is one file and
    /// an announcement is refused as soon as it comes.
    /// </summary>
    public async IAsyncEnumerable<ReadOnlyMemory<byte>> ChunksAsync(bool singleFile, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (await PeekAsync().ConfigureAwait(false) is { } next)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (next.File is { } file)
            {
                if (singleFile)
                {
                    throw RegistryException.Invalid(
                        $"file '{file.Path}' came after chunks of a single-file artifact: for a directory, a file message must come before each file's chunks, the first one right after the header.");
                }

                yield break;
            }

            _next = null;
            yield return next.Data;
        }
    }
}
