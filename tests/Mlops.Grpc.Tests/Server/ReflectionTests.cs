using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Reflection.V1;
using Mlops.Grpc.Client;
using Mlops.Grpc.Tests.Infrastructure;
using V1Alpha = Grpc.Reflection.V1Alpha;

namespace Mlops.Grpc.Tests.Server;

[Collection(SharedServerCollection.Name)]
public sealed class ReflectionTests(SharedServerFixture fixture)
{
    private static readonly Method<ServerReflectionRequest, ServerReflectionResponse> Info =
        Method<ServerReflectionRequest, ServerReflectionResponse>.FromDescriptor(ReflectionReflection.Descriptor.Services[0].FindMethodByName("ServerReflectionInfo"));

    private static readonly Method<V1Alpha.ServerReflectionRequest, V1Alpha.ServerReflectionResponse> InfoV1Alpha =
        Method<V1Alpha.ServerReflectionRequest, V1Alpha.ServerReflectionResponse>.FromDescriptor(V1Alpha.ReflectionReflection.Descriptor.Services[0].FindMethodByName("ServerReflectionInfo"));

    [Fact]
    public async Task List_services_names_every_mapped_service()
    {
        var response = await AskAsync(new ServerReflectionRequest { ListServices = "" });
        Assert.Equal(
            ["grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection", "grpc.testing.TestService", "mlops.testing.ProbeService"],
            response.Single().ListServicesResponse.Service.Select(s => s.Name).Order());
    }

    [Theory]
    [InlineData("grpc.testing.TestService")]
    [InlineData("grpc.testing.TestService.UnaryCall")]
    [InlineData("grpc.testing.SimpleRequest")]
    [InlineData("grpc.testing.PayloadType")]
    [InlineData("grpc.testing.SimpleRequest.response_size")]
    public async Task File_containing_symbol_returns_the_file_and_its_dependencies(string symbol)
    {
        var files = Files(await AskAsync(new ServerReflectionRequest { FileContainingSymbol = symbol }));

        Assert.Contains(files, f => f.Name == "grpc/testing/messages.proto");
        var pool = FileDescriptor.BuildFromByteStrings(Order(files).Select(f => f.ToByteString()));
        var test = pool.SingleOrDefault(f => f.Name == "grpc/testing/test.proto");
        if (test is not null)
        {
            var service = test.Services.Single(s => s.Name == "TestService");
            Assert.Equal("SimpleRequest", service.FindMethodByName("UnaryCall").InputType.Name);
            Assert.True(service.FindMethodByName("FullDuplexCall").IsClientStreaming);
        }
    }

    [Fact]
    public async Task Dependencies_already_sent_on_the_stream_are_not_sent_again_but_the_asked_file_always_is()
    {
        var responses = await AskAsync(
            new ServerReflectionRequest { FileContainingSymbol = "grpc.testing.TestService" },
            new ServerReflectionRequest { FileByFilename = "grpc/testing/messages.proto" });

        Assert.Equal(["grpc/testing/test.proto", "grpc/testing/empty.proto", "grpc/testing/messages.proto"], Files([responses[0]]).Select(f => f.Name));
        Assert.Equal(["grpc/testing/messages.proto"], Files([responses[1]]).Select(f => f.Name));
    }

    [Fact]
    public async Task Unknown_names_are_NOT_FOUND_errors_on_a_stream_that_goes_on()
    {
        var responses = await AskAsync(
            new ServerReflectionRequest { FileContainingSymbol = "no.such.Symbol" },
            new ServerReflectionRequest { FileByFilename = "no/such.proto" },
            new ServerReflectionRequest { AllExtensionNumbersOfType = "no.such.Message" },
            new ServerReflectionRequest { FileContainingExtension = new ExtensionRequest { ContainingType = "grpc.testing.SimpleRequest", ExtensionNumber = 100 } },
            new ServerReflectionRequest { ListServices = "" });

        Assert.All(responses.Take(4), r => Assert.Equal(5, r.ErrorResponse.ErrorCode));
        Assert.Contains("no.such.Symbol", responses[0].ErrorResponse.ErrorMessage);
        Assert.NotEmpty(responses[4].ListServicesResponse.Service);
        Assert.Equal("no.such.Symbol", responses[0].OriginalRequest.FileContainingSymbol);
    }

    [Fact]
    public async Task Extension_numbers_of_a_known_type_are_listed()
    {
        var response = (await AskAsync(new ServerReflectionRequest { AllExtensionNumbersOfType = "grpc.testing.SimpleRequest" })).Single();
        Assert.Equal("grpc.testing.SimpleRequest", response.AllExtensionNumbersResponse.BaseTypeName);
        Assert.Empty(response.AllExtensionNumbersResponse.ExtensionNumber);
    }

    [Fact]
    public async Task V1alpha_answers_like_v1()
    {
        using var call = fixture.Server.Channel.DuplexStreaming(InfoV1Alpha);
        await call.RequestStream.WriteAsync(new V1Alpha.ServerReflectionRequest { FileContainingSymbol = "mlops.testing.ProbeService" });
        await call.RequestStream.CompleteAsync();
        var response = Assert.Single(await call.ResponseStream.ReadAllAsync().ToListAsync());

        var names = response.FileDescriptorResponse.FileDescriptorProto.Select(b => FileDescriptorProto.Parser.ParseFrom(b).Name);
        Assert.Equal(["mlops/testing/probe.proto"], names);
    }

    private async Task<List<ServerReflectionResponse>> AskAsync(params ServerReflectionRequest[] requests)
    {
        using var call = fixture.Server.Channel.DuplexStreaming(Info);
        var responses = new List<ServerReflectionResponse>();
        foreach (var request in requests)
        {
            await call.RequestStream.WriteAsync(request);
            Assert.True(await call.ResponseStream.MoveNext());
            responses.Add(call.ResponseStream.Current);
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext());
        return responses;
    }

    private static List<FileDescriptorProto> Files(IEnumerable<ServerReflectionResponse> responses) =>
        responses.SelectMany(r => r.FileDescriptorResponse.FileDescriptorProto).Select(FileDescriptorProto.Parser.ParseFrom).ToList();

    // BuildFromByteStrings wants dependencies before dependents.
    private static IEnumerable<FileDescriptorProto> Order(List<FileDescriptorProto> files)
    {
        var done = new HashSet<string>();
        var ordered = new List<FileDescriptorProto>();
        while (ordered.Count < files.Count)
        {
            var next = files.First(f => !done.Contains(f.Name) && f.Dependency.All(done.Contains));
            done.Add(next.Name);
            ordered.Add(next);
        }

        return ordered;
    }
}
