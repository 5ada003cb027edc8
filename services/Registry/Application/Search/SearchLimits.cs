namespace Mlops.Registry.Application.Search;

/// <summary>Bounds on what one search may ask for, so that a request cannot cost the database without limit.</summary>
public static class SearchLimits
{
    public const int MaxFilterLength = 4096;
    public const int MaxConditions = 50;
    public const int MaxInValues = 100;
    public const int MaxNesting = 10;
    public const int MaxOrderByClauses = 5;
    public const int MaxOrderByLength = 512;
}
