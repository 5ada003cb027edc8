namespace Mlops.Inference;

/// <summary>The element types of the protocol; <see cref="TensorDataTypes"/> gives their wire names and sizes.</summary>
public enum TensorDataType
{
    Bool,
    UInt8,
    UInt16,
    UInt32,
    UInt64,
    Int8,
    Int16,
    Int32,
    Int64,
    Fp16,
    Fp32,
    Fp64,
    Bytes,
}
