namespace Mlops.Registry.Application.Search;

/// <summary>A validated order_by element.</summary>
public sealed record OrderByField(SearchField Field, bool Descending);
