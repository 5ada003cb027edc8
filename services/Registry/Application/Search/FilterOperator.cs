namespace Mlops.Registry.Application.Search;

public enum FilterOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Like,
    ILike,
    NotLike,
    NotILike,
    In,
    NotIn,
    IsNull,
    IsNotNull,
}
