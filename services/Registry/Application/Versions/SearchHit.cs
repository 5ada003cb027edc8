namespace Mlops.Registry.Application.Versions;

/// <summary>One result of a search and its place in the order.</summary>
public sealed record SearchHit<T>(T Item, SearchCursor Cursor);
