using System.Text.Json;
using Mlops.Deployment.Application;
using Mlops.Inference;
using Mlops.Inference.Rest;
using Mlops.Inference.Runtimes;

namespace Mlops.Deployment.Gateway;

/// <summary>
/// Brings a deployment's model up. Builtin: the artifact from the cache (fetched and verified once), loaded, then
/// warmed up with the version's input example (an Open Inference Protocol request body) or else one row of zeros.
/// External: ready when the remote says its model is ready.
/// </summary>
public sealed class DeploymentModelLoader(RegistryArtifacts registry, ArtifactCache cache)
{
    /// <exception cref="ModelLoadException">Why the model cannot serve; the deployment's Failed reason.</exception>
    public async Task<ServedModel> LoadAsync(DeploymentInfo deployment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        if (deployment.Runtime.Type == RuntimeType.External)
        {
            return await ExternalModel.ConnectAsync(deployment.Runtime.ExternalUrl, deployment.Endpoint, deployment.Name, cancellationToken).ConfigureAwait(false);
        }

        var model = deployment.Model;
        var version = await registry.GetVersionAsync(model.Workspace, model.ModelName, deployment.Resolved.Version, cancellationToken).ConfigureAwait(false);
        var path = await cache.GetAsync(model.Workspace, model.ModelName, deployment.Resolved.Version, deployment.Resolved.ArtifactSha256, cancellationToken)
            .ConfigureAwait(false);
        ILoadedModel loaded;
        try
        {
            loaded = ModelLoader.LoadFile(path);
        }
        catch (ModelFormatException e)
        {
            throw new ModelLoadException($"The artifact of {model.ModelName} version {deployment.Resolved.Version} is not a model the builtin runtime loads: {e.Message}", e);
        }

        var served = BuiltinModel.Create(loaded, deployment.Endpoint, deployment.Name, version);
        await WarmUpAsync(served, version.InputExample, cancellationToken).ConfigureAwait(false);
        return served;
    }

    private static async Task WarmUpAsync(BuiltinModel model, string inputExample, CancellationToken cancellationToken)
    {
        var source = inputExample.Length > 0 ? "the version's input example" : "a row of zeros";
        try
        {
            var request = inputExample.Length > 0 ? FromExample(model.Metadata.Name, inputExample) : Zeros(model.Metadata);
            InferenceValidator.Validate(request, model.Metadata);
            await model.InferAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (InferenceException e)
        {
            throw new ModelLoadException($"The warm-up with {source} failed: {e.Message}", e);
        }
        catch (JsonException e)
        {
            throw new ModelLoadException($"The warm-up with {source} failed: the input example is not JSON ({e.Message}).", e);
        }
    }

    private static InferenceRequest FromExample(string endpoint, string inputExample)
    {
        using var document = JsonDocument.Parse(inputExample);
        return OpenInferenceJson.ReadRequest(document.RootElement, endpoint, null);
    }

    private static InferenceRequest Zeros(ModelMetadata metadata) =>
        new(metadata.Name, null, [.. metadata.Inputs.Select(input =>
        {
            long[] shape = [.. input.Shape.Select(d => d == TensorMetadata.VariableDimension ? 1 : d)];
            var data = Array.CreateInstance(input.DataType.ElementType(), TensorShape.ElementCount(shape) ?? 0);
            return new InferenceTensor(input.Name, input.DataType, shape, data);
        })]);
}
