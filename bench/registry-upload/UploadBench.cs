using System.Diagnostics;
using System.Security.Cryptography;
using Google.Protobuf;
using Mlops.Blobs;
using Mlops.Blobs.Configuration;
using Mlops.Grpc;
using Mlops.Grpc.Client;
using Mlops.Registry.V1;
using Mlops.Resources;
using Mlops.Testing;

namespace Mlops.Bench.RegistryUpload;

/// <summary>
/// PostgreSQL, RabbitMQ and Azurite of its own (on free ports, in a temporary folder), the registry as a process on
/// them, and one artifact of random bytes uploaded alternately by the blob client (as the registry uses it, default
/// options) and through CreateModelVersion.
/// </summary>
internal sealed class UploadBench : IAsyncDisposable
{
    private const string Container = "bench";

    private static readonly Google.Protobuf.Reflection.ServiceDescriptor Service = RegistryReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("ModelRegistry");
    private static readonly Method<CreateModelRequest, Model> CreateModel = Method<CreateModelRequest, Model>.FromDescriptor(Service.FindMethodByName("CreateModel"));
    private static readonly Method<CreateModelVersionRequest, ModelVersion> CreateModelVersion =
        Method<CreateModelVersionRequest, ModelVersion>.FromDescriptor(Service.FindMethodByName("CreateModelVersion"));

    private readonly BenchSettings _settings;
    private readonly TestInfrastructure _infrastructure;
    private ChildProcess? _registry;
    private GrpcChannel? _channel;
    private IBlobStore? _blobs;
    private int _azuritePid;

    private UploadBench(BenchSettings settings, TestInfrastructure infrastructure)
    {
        _settings = settings;
        _infrastructure = infrastructure;
    }

    public static async Task<UploadBench> StartAsync(BenchSettings settings)
    {
        var bench = new UploadBench(settings, new TestInfrastructure("mlops-bench"));
        try
        {
            await bench.StartServersAsync().ConfigureAwait(false);
        }
        catch
        {
            await bench.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return bench;
    }

    public async Task<BenchReport> RunAsync()
    {
        var artifact = new byte[_settings.UploadMiB * 1024L * 1024L];
        Random.Shared.NextBytes(artifact);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(artifact));
        var model = "bench-" + Guid.NewGuid().ToString("N")[..8];
        using (var create = _channel!.UnaryAsync(CreateModel, new CreateModelRequest { Name = model }, Options()))
        {
            await create.ResponseAsync.ConfigureAwait(false);
        }

        // Warm-up, unmeasured: JIT, connections, Azurite's first writes.
        var warmUp = artifact.AsMemory(0, Math.Min(artifact.Length, 16 * 1024 * 1024));
        await UploadBlobAsync(warmUp, "warm-up").ConfigureAwait(false);
        await UploadVersionAsync(model, warmUp, Convert.ToHexStringLower(SHA256.HashData(warmUp.Span))).ConfigureAwait(false);

        var measurements = new List<Measurement>();
        for (var run = 1; run <= _settings.Runs; run++)
        {
            // Alternating, so that whatever else loads the machine weighs on both paths alike.
            var blobRun = $"run-{run}";
            measurements.Add(await MeasureAsync(BenchReport.Blob, run, artifact.Length, () => UploadBlobAsync(artifact, blobRun)).ConfigureAwait(false));
            measurements.Add(await MeasureAsync(BenchReport.Registry, run, artifact.Length, () => UploadVersionAsync(model, artifact, sha256)).ConfigureAwait(false));
        }

        return new BenchReport(_settings, measurements);
    }

    public async ValueTask DisposeAsync()
    {
        _channel?.Dispose();
        if (_registry is not null)
        {
            await _registry.DisposeAsync().ConfigureAwait(false);
        }

        await _infrastructure.DisposeAsync().ConfigureAwait(false);
    }

    private static CallOptions Options() => CallOptions.WithTimeout(TimeSpan.FromMinutes(10), new Metadata().Add("x-mlops-user", "bench"));

    private async Task StartServersAsync()
    {
        Console.Error.WriteLine("==> starting PostgreSQL, RabbitMQ and Azurite");
        await _infrastructure.StartAsync(servers => [servers.Postgres, servers.RabbitMq, servers.Azurite]).ConfigureAwait(false);
        var servers = _infrastructure.Servers;
        var database = await _infrastructure.CreateDatabaseAsync("bench").ConfigureAwait(false);
        _azuritePid = (await servers.Azurite.GetStatusAsync().ConfigureAwait(false)).ProcessId
            ?? throw new InvalidOperationException("Azurite runs but its process id is unknown.");
        _blobs = BlobStoreFactory.Create(servers.Azurite.BlobConnectionString);
        await _blobs.CreateContainerIfNotExistsAsync(Container).ConfigureAwait(false);

        Console.Error.WriteLine("==> starting the registry");
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Logging__LogLevel__Default"] = "Warning",
            [$"ConnectionStrings__{ResourceNames.RegistryDatabase}"] = database,
            [$"ConnectionStrings__{ResourceNames.Messaging}"] = servers.RabbitMq.AmqpUri.ToString(),
            [$"ConnectionStrings__{ResourceNames.Blobs}"] = servers.Azurite.BlobConnectionString,
        };
        var started = await ServiceProcesses.StartAsync(ServiceProcesses.Assembly("services/Registry", "Mlops.Registry"), environment).ConfigureAwait(false);
        _registry = started.Process;
        _channel = GrpcChannel.ForAddress(started.GrpcAddress);
    }

    private async Task<Measurement> MeasureAsync(string path, int run, long bytes, Func<Task<TimeSpan>> upload)
    {
        var before = Cpu();
        var elapsed = await upload().ConfigureAwait(false);
        return new Measurement(path, run, bytes, elapsed, Cpu() - before);
    }

    private CpuSample Cpu() => new(CpuClock.Self(), CpuClock.Process(_registry!.ProcessId), CpuClock.Process(_azuritePid), CpuClock.Machine());

    private async Task<TimeSpan> UploadBlobAsync(ReadOnlyMemory<byte> artifact, string name)
    {
        var clock = Stopwatch.StartNew();
        await _blobs!.UploadAsync(Container, name, artifact).ConfigureAwait(false);
        return clock.Elapsed;
    }

    private async Task<TimeSpan> UploadVersionAsync(string model, ReadOnlyMemory<byte> artifact, string sha256)
    {
        var clock = Stopwatch.StartNew();
        using var call = _channel!.ClientStreaming(CreateModelVersion, Options());
        var header = new ModelVersionHeader { ModelName = model, ArtifactSha256 = sha256, ArtifactSizeBytes = artifact.Length };
        try
        {
            await call.RequestStream.WriteAsync(new CreateModelVersionRequest { Header = header }).ConfigureAwait(false);
            for (var offset = 0; offset < artifact.Length; offset += _settings.ChunkBytes)
            {
                // Wrapped, not copied: the client's cost is the wire's, as a client streaming from a file would be.
                var chunk = UnsafeByteOperations.UnsafeWrap(artifact.Slice(offset, Math.Min(_settings.ChunkBytes, artifact.Length - offset)));
                await call.RequestStream.WriteAsync(new CreateModelVersionRequest { Chunk = chunk }).ConfigureAwait(false);
            }

            await call.RequestStream.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is RpcException or IOException or ObjectDisposedException or HttpRequestException)
        {
            // The server ended the call early: its status, awaited below, says why.
        }

        ModelVersion version;
        try
        {
            version = await call.ResponseAsync.ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            throw new InvalidOperationException($"The registry refused the upload: {e.Status}\n--- registry ---\n{_registry!.Output}", e);
        }

        var elapsed = clock.Elapsed;
        if (version.Status != ModelVersionStatus.Ready)
        {
            throw new InvalidOperationException($"Version {version.Version} is {version.Status}, not READY.");
        }

        return elapsed;
    }
}
