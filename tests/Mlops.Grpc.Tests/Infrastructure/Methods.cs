using Google.Protobuf;
using Grpc.Testing;
using Mlops.Testing;

namespace Mlops.Grpc.Tests.Infrastructure;

/// <summary>Typed methods of the test services, for the C# client.</summary>
public static class Methods
{
    public static readonly Method<Empty, Empty> EmptyCall = Test<Empty, Empty>("EmptyCall");
    public static readonly Method<SimpleRequest, SimpleResponse> UnaryCall = Test<SimpleRequest, SimpleResponse>("UnaryCall");
    public static readonly Method<StreamingOutputCallRequest, StreamingOutputCallResponse> StreamingOutputCall = Test<StreamingOutputCallRequest, StreamingOutputCallResponse>("StreamingOutputCall");
    public static readonly Method<StreamingInputCallRequest, StreamingInputCallResponse> StreamingInputCall = Test<StreamingInputCallRequest, StreamingInputCallResponse>("StreamingInputCall");
    public static readonly Method<StreamingOutputCallRequest, StreamingOutputCallResponse> FullDuplexCall = Test<StreamingOutputCallRequest, StreamingOutputCallResponse>("FullDuplexCall");
    public static readonly Method<StreamingOutputCallRequest, StreamingOutputCallResponse> HalfDuplexCall = Test<StreamingOutputCallRequest, StreamingOutputCallResponse>("HalfDuplexCall");
    public static readonly Method<Empty, Empty> UnimplementedCall = Test<Empty, Empty>("UnimplementedCall");
    public static readonly Method<Empty, Empty> UnimplementedService = new(MethodType.Unary, "grpc.testing.UnimplementedService", "UnimplementedCall", Empty.Parser, Empty.Parser);

    public static readonly Method<ProbeRequest, ProbeReply> Sleep = Probe<ProbeRequest, ProbeReply>("Sleep");
    public static readonly Method<ProbeRequest, ProbeReply> Crash = Probe<ProbeRequest, ProbeReply>("Crash");
    public static readonly Method<ProbeRequest, ProbeReply> RichError = Probe<ProbeRequest, ProbeReply>("RichError");
    public static readonly Method<ProbeRequest, ProbeReply> Flaky = Probe<ProbeRequest, ProbeReply>("Flaky");
    public static readonly Method<ProbeRequest, ProbeReply> FlakyIdempotent = Method<ProbeRequest, ProbeReply>.FromDescriptor(ProbeReflection.Descriptor.Services[0].FindMethodByName("Flaky"), isIdempotent: true);
    public static readonly Method<ProbeRequest, ProbeReply> Echo = Probe<ProbeRequest, ProbeReply>("Echo");
    public static readonly Method<ProbeRequest, ProbeReply> Stream = Probe<ProbeRequest, ProbeReply>("Stream");
    public static readonly Method<ProbeRequest, ProbeReply> StreamForever = Probe<ProbeRequest, ProbeReply>("StreamForever");
    public static readonly Method<ProbeRequest, ProbeReply> Upload = Probe<ProbeRequest, ProbeReply>("Upload");
    public static readonly Method<ProbeRequest, ProbeReply> Chat = Probe<ProbeRequest, ProbeReply>("Chat");

    private static Method<TRequest, TResponse> Test<TRequest, TResponse>(string name)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> =>
        Method<TRequest, TResponse>.FromDescriptor(TestReflection.Descriptor.Services[0].FindMethodByName(name));

    private static Method<TRequest, TResponse> Probe<TRequest, TResponse>(string name)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> =>
        Method<TRequest, TResponse>.FromDescriptor(ProbeReflection.Descriptor.Services[0].FindMethodByName(name));
}
