using Mlops.Grpc.Client;
using Mlops.Grpc.Tests.Infrastructure;

namespace Mlops.Grpc.Tests.Interop;

/// <summary>Our C# client against the Python grpcio reference server: the client is compliant too.</summary>
public sealed class OurClientPythonServerTests(PythonPeerServer server) : CSharpClientInteropCases, IClassFixture<PythonPeerServer>
{
    protected override GrpcChannel Channel => server.Channel;
}
