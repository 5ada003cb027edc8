using Mlops.Registry.Application.Datasets.Profiling;

namespace Mlops.Registry.Application.Datasets;

/// <summary>A column by name and type: declared by the client (a null <see cref="Type"/> allows any) or inferred by the profile.</summary>
public sealed record DatasetColumn(string Name, ColumnType? Type);
