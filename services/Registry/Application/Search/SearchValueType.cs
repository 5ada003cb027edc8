namespace Mlops.Registry.Application.Search;

/// <summary>
/// What a searchable field holds, which decides the operators and literals it takes and the CLR type of its
/// validated values: Text and Enum give <see cref="string"/>, Number <see cref="double"/>, Integer
/// <see cref="long"/>, Timestamp <see cref="DateTimeOffset"/> (UTC), Boolean <see cref="bool"/>.
/// </summary>
public enum SearchValueType
{
    Text,
    Number,
    Integer,
    Timestamp,
    Enum,
    Boolean,
}
