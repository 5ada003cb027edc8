using System.Text.Json.Serialization;

namespace Mlops.Blobs.Local;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(LocalBlobSidecar))]
internal sealed partial class LocalBlobJsonContext : JsonSerializerContext;
