using System.Collections.Frozen;
using Google.Protobuf;
using Google.Protobuf.Collections;
using Mlops.Inference.Grpc.V2;

namespace Mlops.Inference.Grpc;

/// <summary>
/// The gRPC messages of inference.GRPCInferenceService to the protocol-neutral model and back, in
/// both directions so that a server and a client (a gateway forwarding to a runtime) share them.
/// </summary>
public static class OpenInferenceProto
{
    public static InferenceRequest FromProto(ModelInferRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var raw = request.RawInputContents;
        if (raw.Count > 0 && raw.Count != request.Inputs.Count)
        {
            throw InferenceException.InvalidArgument(
                $"raw_input_contents has {raw.Count} entries for {request.Inputs.Count} inputs; it needs one per input, in order.");
        }

        var inputs = new List<InferenceTensor>(request.Inputs.Count);
        for (var i = 0; i < request.Inputs.Count; i++)
        {
            var input = request.Inputs[i];
            inputs.Add(Decode(true, input.Name, input.Datatype, input.Shape, input.Parameters, input.Contents, raw.Count > 0 ? raw[i] : null));
        }

        return new InferenceRequest(request.ModelName, NullIfEmpty(request.ModelVersion), inputs)
        {
            Id = NullIfEmpty(request.Id),
            Parameters = FromProto(request.Parameters),
            Outputs = request.Outputs.Select(o => new RequestedOutput(o.Name) { Parameters = FromProto(o.Parameters) }).ToList(),
        };
    }

    /// <param name="request">The request.</param>
    /// <param name="rawContents">Send the inputs as raw_input_contents (as Triton's clients do) rather than typed contents.</param>
    public static ModelInferRequest ToProto(InferenceRequest request, bool rawContents = false)
    {
        ArgumentNullException.ThrowIfNull(request);
        rawContents |= request.Inputs.Any(i => i.DataType == TensorDataType.Fp16);
        var message = new ModelInferRequest
        {
            ModelName = request.ModelName,
            ModelVersion = request.ModelVersion ?? string.Empty,
            Id = request.Id ?? string.Empty,
        };
        AddParameters(message.Parameters, request.Parameters);
        foreach (var input in request.Inputs)
        {
            var tensor = new ModelInferRequest.Types.InferInputTensor { Name = input.Name, Datatype = input.DataType.ToWireName() };
            tensor.Shape.AddRange(input.Shape);
            AddParameters(tensor.Parameters, input.Parameters);
            if (rawContents)
            {
                message.RawInputContents.Add(UnsafeByteOperations.UnsafeWrap(RawTensorCodec.Encode(input)));
            }
            else
            {
                tensor.Contents = TensorContentsCodec.Encode(input);
            }

            message.Inputs.Add(tensor);
        }

        foreach (var output in request.Outputs)
        {
            var wanted = new ModelInferRequest.Types.InferRequestedOutputTensor { Name = output.Name };
            AddParameters(wanted.Parameters, output.Parameters);
            message.Outputs.Add(wanted);
        }

        return message;
    }

    /// <param name="response">The response.</param>
    /// <param name="rawContents">Send the outputs as raw_output_contents rather than typed contents; forced when an output is FP16.</param>
    public static ModelInferResponse ToProto(InferenceResponse response, bool rawContents)
    {
        ArgumentNullException.ThrowIfNull(response);
        rawContents |= response.Outputs.Any(o => o.DataType == TensorDataType.Fp16);
        var message = new ModelInferResponse
        {
            ModelName = response.ModelName,
            ModelVersion = response.ModelVersion ?? string.Empty,
            Id = response.Id ?? string.Empty,
        };
        AddParameters(message.Parameters, response.Parameters);
        foreach (var output in response.Outputs)
        {
            var tensor = new ModelInferResponse.Types.InferOutputTensor { Name = output.Name, Datatype = output.DataType.ToWireName() };
            tensor.Shape.AddRange(output.Shape);
            AddParameters(tensor.Parameters, output.Parameters);
            if (rawContents)
            {
                message.RawOutputContents.Add(UnsafeByteOperations.UnsafeWrap(RawTensorCodec.Encode(output)));
            }
            else
            {
                tensor.Contents = TensorContentsCodec.Encode(output);
            }

            message.Outputs.Add(tensor);
        }

        return message;
    }

    public static InferenceResponse FromProto(ModelInferResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var raw = response.RawOutputContents;
        if (raw.Count > 0 && raw.Count != response.Outputs.Count)
        {
            throw InferenceException.InvalidArgument(
                $"raw_output_contents has {raw.Count} entries for {response.Outputs.Count} outputs; it needs one per output, in order.");
        }

        var outputs = new List<InferenceTensor>(response.Outputs.Count);
        for (var i = 0; i < response.Outputs.Count; i++)
        {
            var output = response.Outputs[i];
            outputs.Add(Decode(false, output.Name, output.Datatype, output.Shape, output.Parameters, output.Contents, raw.Count > 0 ? raw[i] : null));
        }

        return new InferenceResponse(response.ModelName, outputs)
        {
            ModelVersion = NullIfEmpty(response.ModelVersion),
            Id = NullIfEmpty(response.Id),
            Parameters = FromProto(response.Parameters),
        };
    }

    public static ModelMetadataResponse ToProto(ModelMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var message = new ModelMetadataResponse { Name = metadata.Name, Platform = metadata.Platform };
        message.Versions.AddRange(metadata.Versions);
        message.Inputs.AddRange(metadata.Inputs.Select(ToProto));
        message.Outputs.AddRange(metadata.Outputs.Select(ToProto));
        return message;
    }

    public static ModelMetadata FromProto(ModelMetadataResponse metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return new ModelMetadata(metadata.Name, metadata.Inputs.Select(FromProto).ToList(), metadata.Outputs.Select(FromProto).ToList())
        {
            Versions = [.. metadata.Versions],
            Platform = metadata.Platform,
        };
    }

    public static ServerMetadataResponse ToProto(ServerMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var message = new ServerMetadataResponse { Name = metadata.Name, Version = metadata.Version };
        message.Extensions.AddRange(metadata.Extensions);
        return message;
    }

    public static IReadOnlyDictionary<string, InferenceParameter> FromProto(MapField<string, InferParameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Count == 0)
        {
            return FrozenDictionary<string, InferenceParameter>.Empty;
        }

        var result = new Dictionary<string, InferenceParameter>(StringComparer.Ordinal);
        foreach (var (name, value) in parameters)
        {
            result[name] = value.ParameterChoiceCase switch
            {
                InferParameter.ParameterChoiceOneofCase.BoolParam => InferenceParameter.Of(value.BoolParam),
                InferParameter.ParameterChoiceOneofCase.Int64Param => InferenceParameter.Of(value.Int64Param),
                InferParameter.ParameterChoiceOneofCase.StringParam => InferenceParameter.Of(value.StringParam),
                InferParameter.ParameterChoiceOneofCase.DoubleParam => InferenceParameter.Of(value.DoubleParam),
                InferParameter.ParameterChoiceOneofCase.Uint64Param => InferenceParameter.Of(value.Uint64Param),
                _ => throw InferenceException.InvalidArgument($"Parameter '{name}' has no value."),
            };
        }

        return result;
    }

    private static void AddParameters(MapField<string, InferParameter> target, IReadOnlyDictionary<string, InferenceParameter> parameters)
    {
        foreach (var (name, parameter) in parameters)
        {
            target[name] = parameter.Value switch
            {
                bool value => new InferParameter { BoolParam = value },
                long value => new InferParameter { Int64Param = value },
                string value => new InferParameter { StringParam = value },
                double value => new InferParameter { DoubleParam = value },
                ulong value => new InferParameter { Uint64Param = value },
                _ => throw new ArgumentException($"Parameter '{name}' holds {parameter.Value.GetType().Name}.", nameof(parameters)),
            };
        }
    }

    private static InferenceTensor Decode(
        bool isInput,
        string name,
        string datatype,
        RepeatedField<long> shape,
        MapField<string, InferParameter> parameters,
        InferTensorContents? contents,
        ByteString? raw)
    {
        TensorDecoding.RequireName(isInput, name);
        var what = TensorDecoding.Describe(isInput, name);
        var dataType = TensorDecoding.RequireDataType(what, datatype);
        Array data;
        if (raw is null)
        {
            data = TensorContentsCodec.Decode(what, dataType, shape, contents);
        }
        else if (contents is not null && !contents.Equals(new InferTensorContents()))
        {
            throw InferenceException.InvalidArgument(
                $"{what} has typed contents although the message carries raw contents; a message uses one form for all its tensors.");
        }
        else
        {
            data = RawTensorCodec.Decode(what, dataType, shape, raw.Span);
        }

        return new InferenceTensor(name, dataType, shape, data, FromProto(parameters));
    }

    private static ModelMetadataResponse.Types.TensorMetadata ToProto(TensorMetadata tensor)
    {
        var message = new ModelMetadataResponse.Types.TensorMetadata { Name = tensor.Name, Datatype = tensor.DataType.ToWireName() };
        message.Shape.AddRange(tensor.Shape);
        return message;
    }

    private static TensorMetadata FromProto(ModelMetadataResponse.Types.TensorMetadata tensor)
    {
        var what = $"Metadata tensor '{tensor.Name}'";
        return new TensorMetadata(tensor.Name, TensorDecoding.RequireDataType(what, tensor.Datatype), [.. tensor.Shape]);
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
