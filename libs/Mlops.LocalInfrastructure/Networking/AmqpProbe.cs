using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Mlops.LocalInfrastructure.Networking;

/// <summary>
/// The first step of an AMQP 0-9-1 handshake: send the protocol header and expect connection.start back. RabbitMQ
/// opens its AMQP listener last, so an answer means the broker has finished booting.
/// </summary>
internal static class AmqpProbe
{
    private static readonly byte[] ProtocolHeader = "AMQP\0\0\u0009\u0001"u8.ToArray();

    public static async Task<bool> AnswersAsync(int port, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            using var client = new TcpClient(AddressFamily.InterNetwork);
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token).ConfigureAwait(false);
            var stream = client.GetStream();
            await stream.WriteAsync(ProtocolHeader, timeout.Token).ConfigureAwait(false);

            // frame type (1 = method), channel (2), payload size (4), class id (2), method id (2)
            var frame = new byte[11];
            await stream.ReadExactlyAsync(frame, timeout.Token).ConfigureAwait(false);
            const ushort Connection = 10;
            const ushort Start = 10;
            return frame[0] == 1
                && BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(1)) == 0
                && BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(7)) == Connection
                && BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(9)) == Start;
        }
        catch (Exception e) when (e is SocketException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }
}
