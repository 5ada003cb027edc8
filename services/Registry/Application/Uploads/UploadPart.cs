namespace Mlops.Registry.Application.Uploads;

/// <summary>
/// What follows the header of an upload, one message at a time: a file announcement (<see cref="File"/> set), or a
/// chunk of bytes of the current file.
/// </summary>
public readonly record struct UploadPart(ArtifactFileInfo? File, ReadOnlyMemory<byte> Data)
{
    public static UploadPart Chunk(ReadOnlyMemory<byte> data) => new(null, data);

    public static UploadPart StartFile(ArtifactFileInfo file) => new(file, default);
}
