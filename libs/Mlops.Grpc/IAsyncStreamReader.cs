namespace Mlops.Grpc;

/// <summary>A stream of messages read one at a time.</summary>
public interface IAsyncStreamReader<out T>
{
    T Current { get; }

    Task<bool> MoveNext(CancellationToken cancellationToken = default);
}
