using System.Buffers;
using Mlops.Inference;
using Mlops.Inference.Runtimes;

namespace Mlops.Deployment.Gateway;

/// <summary>
/// A model run in process by <see cref="ILoadedModel.Predict"/>. The inputs become float32 feature rows (a single FP32
/// input of all the features is used as it is; anything else is converted into a pooled buffer); the one output is
/// the predictions, FP32 or FP64 as the metadata declares, shaped [rows, values per row] or, for a rank-1 output, flat.
/// </summary>
public sealed class BuiltinModel : ServedModel
{
    private readonly ILoadedModel _model;
    private readonly TensorMetadata _output;

    private BuiltinModel(ILoadedModel model, ModelMetadata metadata)
    {
        _model = model;
        Metadata = metadata;
        _output = metadata.Outputs[0];
    }

    public override ModelMetadata Metadata { get; }

    /// <summary>The model with the registered signature when there is one, else with metadata derived from it (docs/runtimes/gateway.md).</summary>
    /// <exception cref="ModelLoadException">The signature does not fit the model.</exception>
    public static BuiltinModel Create(ILoadedModel model, string endpoint, string deployment, RegisteredVersion version)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(version);
        var platform = model.Format == "xgboost" ? "xgboost_json" : $"mlops_{model.Format}_json";
        var metadata = version.HasSignature
            ? new ModelMetadata(endpoint, version.Inputs, version.Outputs)
            : new ModelMetadata(endpoint, [new TensorMetadata(DerivedInput, TensorDataType.Fp32, [TensorMetadata.VariableDimension, model.FeatureCount])], [DerivedOutput(model.Output)]);
        metadata = metadata with { Platform = platform, Versions = [deployment] };
        CheckSignature(model, metadata);
        return new BuiltinModel(model, metadata);
    }

    public const string DerivedInput = "input";

    public override Task<InferenceResponse> InferAsync(InferenceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(new InferenceResponse(Metadata.Name, [Predict(request.Inputs)]));
    }

    private InferenceTensor Predict(IReadOnlyList<InferenceTensor> inputs)
    {
        var featureCount = _model.FeatureCount;
        var rowCount = -1;
        var columnTotal = 0;
        InferenceTensor? single = null;
        foreach (var declared in Metadata.Inputs)
        {
            var tensor = Find(inputs, declared.Name);
            var (rows, columns) = TensorRows.Dimensions(tensor);
            if (rowCount >= 0 && rows != rowCount)
            {
                throw InferenceException.InvalidArgument($"Input '{tensor.Name}' has {rows} rows where the inputs before it have {rowCount}.");
            }

            rowCount = rows;
            columnTotal += columns;
            single = Metadata.Inputs.Count == 1 ? tensor : null;
        }

        if (columnTotal != featureCount)
        {
            throw InferenceException.InvalidArgument(
                $"Input '{Metadata.Inputs[^1].Name}' brings the features to {columnTotal}; model '{Metadata.Name}' takes {featureCount}.");
        }

        var valuesPerRow = _model.Output.ValuesPerRow;
        var output = new float[rowCount * valuesPerRow];
        if (single?.Data is float[] direct)
        {
            _model.Predict(direct, rowCount, output);
        }
        else
        {
            var length = rowCount * featureCount;
            var buffer = ArrayPool<float>.Shared.Rent(length);
            try
            {
                var offset = 0;
                foreach (var declared in Metadata.Inputs)
                {
                    var tensor = Find(inputs, declared.Name);
                    var columns = TensorRows.Dimensions(tensor).Columns;
                    TensorRows.Copy(tensor, rowCount, columns, buffer.AsSpan(0, length), featureCount, offset);
                    offset += columns;
                }

                _model.Predict(buffer.AsSpan(0, length), rowCount, output);
            }
            finally
            {
                ArrayPool<float>.Shared.Return(buffer);
            }
        }

        long[] shape = _output.Shape.Count == 1 ? [output.Length] : [rowCount, valuesPerRow];
        return _output.DataType == TensorDataType.Fp64
            ? new InferenceTensor(_output.Name, TensorDataType.Fp64, shape, Array.ConvertAll(output, v => (double)v))
            : new InferenceTensor(_output.Name, TensorDataType.Fp32, shape, output);
    }

    private static InferenceTensor Find(IReadOnlyList<InferenceTensor> inputs, string name)
    {
        for (var i = 0; i < inputs.Count; i++)
        {
            if (string.Equals(inputs[i].Name, name, StringComparison.Ordinal))
            {
                return inputs[i];
            }
        }

        throw InferenceException.InvalidArgument($"Missing input '{name}'.");
    }

    private static TensorMetadata DerivedOutput(ModelOutput output)
    {
        var name = output.Kind switch
        {
            OutputKind.Probability => "probability",
            OutputKind.ClassProbabilities => "probabilities",
            _ => "prediction",
        };
        return new TensorMetadata(name, TensorDataType.Fp32, [TensorMetadata.VariableDimension, output.ValuesPerRow]);
    }

    private static void CheckSignature(ILoadedModel model, ModelMetadata metadata)
    {
        if (metadata.Inputs.Count == 0)
        {
            throw new ModelLoadException("The registered signature has no inputs; the builtin runtime needs the model's features as inputs.");
        }

        var fixedColumns = 0;
        var variable = false;
        foreach (var input in metadata.Inputs)
        {
            if (input.DataType == TensorDataType.Bytes || input.Shape.Count is < 1 or > 2)
            {
                throw new ModelLoadException(
                    $"Signature input '{input.Name}' is {input.DataType.ToWireName()} {TensorShape.Format(input.Shape)}; the builtin runtime takes numbers shaped [rows, features] or [features].");
            }

            var columns = input.Shape[^1];
            variable |= columns == TensorMetadata.VariableDimension;
            fixedColumns += columns == TensorMetadata.VariableDimension ? 0 : (int)columns;
        }

        if (variable ? fixedColumns > model.FeatureCount : fixedColumns != model.FeatureCount)
        {
            throw new ModelLoadException($"The registered signature's inputs have {fixedColumns} features; the model takes {model.FeatureCount}.");
        }

        if (metadata.Outputs.Count != 1)
        {
            throw new ModelLoadException($"The registered signature has {metadata.Outputs.Count} outputs; the builtin runtime gives exactly one, the predictions.");
        }

        var output = metadata.Outputs[0];
        var valuesPerRow = model.Output.ValuesPerRow;
        var fits = output.DataType is TensorDataType.Fp32 or TensorDataType.Fp64
            && (output.Shape.Count == 2 ? output.Shape[1] == valuesPerRow || output.Shape[1] == TensorMetadata.VariableDimension : output.Shape.Count == 1 && valuesPerRow == 1);
        if (!fits)
        {
            throw new ModelLoadException(
                $"Signature output '{output.Name}' is {output.DataType.ToWireName()} {TensorShape.Format(output.Shape)}; the model gives {valuesPerRow} FP32 values per row ([-1, {valuesPerRow}], or FP64).");
        }
    }
}
