using System.Buffers;
using System.IO.Pipelines;
using FsCheck;
using FsCheck.Fluent;
using Google.Protobuf;
using Mlops.Grpc.Compression;
using Mlops.Grpc.Protocol;
using Mlops.Testing;

namespace Mlops.Grpc.Tests.Protocol;

/// <summary>Random input to the frame reader: only clean gRPC errors, never anything else.</summary>
public sealed class FrameReaderPropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(1000);

    [Fact]
    public void Random_bytes_yield_frames_or_a_clean_status_never_another_exception()
    {
        Prop.ForAll<byte[], int>((bytes, limitSeed) =>
        {
            var limit = Math.Abs(limitSeed % 4096);
            var buffer = new ReadOnlySequence<byte>(bytes);
            try
            {
                while (GrpcFrameParser.TryRead(ref buffer, limit, out var payload, out _))
                {
                    if (payload.Length > limit)
                    {
                        return false;
                    }
                }

                return buffer.Length < bytes.Length + 1;
            }
            catch (RpcException ex)
            {
                return ex.StatusCode is StatusCode.Internal or StatusCode.ResourceExhausted;
            }
        }).Check(Runs);
    }

    [Fact]
    public void Random_byte_streams_in_random_chunks_through_the_message_reader_end_cleanly()
    {
        Prop.ForAll<byte[], byte[], bool>((bytes, cuts, gzip) =>
        {
            var outcome = ReadAll(Chunk(bytes, cuts), gzip ? new GzipCompressionProvider() : null, maxMessageSize: 1024).GetAwaiter().GetResult();
            return outcome.Error is null or { StatusCode: StatusCode.Internal or StatusCode.ResourceExhausted };
        }).Check(Runs);
    }

    [Fact]
    public void Valid_frames_survive_any_chunking_and_come_back_identical()
    {
        Prop.ForAll<byte[][], byte[], bool>((payloads, cuts, gzip) =>
        {
            var compression = gzip ? new GzipCompressionProvider() : null;
            var messages = payloads.Where(p => p is not null).Select(p => new ProbeRequest { Payload = ByteString.CopyFrom(p) }).ToList();
            var writer = new ArrayBufferWriter<byte>();
            foreach (var message in messages)
            {
                GrpcMessageWriter.Write(writer, message, int.MaxValue, compression);
            }

            var outcome = ReadAll(Chunk(writer.WrittenSpan.ToArray(), cuts), compression, int.MaxValue).GetAwaiter().GetResult();
            return outcome.Error is null && outcome.Messages.SequenceEqual(messages);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    private static List<byte[]> Chunk(byte[] bytes, byte[] cuts)
    {
        var chunks = new List<byte[]>();
        var position = 0;
        foreach (var cut in cuts ?? [])
        {
            var size = Math.Min(cut % 17, bytes.Length - position);
            chunks.Add(bytes[position..(position + size)]);
            position += size;
        }

        chunks.Add(bytes[position..]);
        return chunks;
    }

    private static async Task<(List<ProbeRequest> Messages, RpcException? Error)> ReadAll(List<byte[]> chunks, ICompressionProvider? compression, int maxMessageSize)
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
        foreach (var chunk in chunks)
        {
            await pipe.Writer.WriteAsync(chunk);
        }

        await pipe.Writer.CompleteAsync();
        var reader = new GrpcMessageReader(pipe.Reader, maxMessageSize, compression);
        var messages = new List<ProbeRequest>();
        try
        {
            while (await reader.ReadAsync(ProbeRequest.Parser, CancellationToken.None) is { } message)
            {
                messages.Add(message);
            }

            return (messages, null);
        }
        catch (RpcException ex)
        {
            return (messages, ex);
        }
    }
}
