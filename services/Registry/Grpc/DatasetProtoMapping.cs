using System.Globalization;
using Google.Protobuf.Collections;
using Google.Protobuf.WellKnownTypes;
using Mlops.Registry.Application;
using Mlops.Registry.V1;
using App = Mlops.Registry.Application.Datasets;
using Profiling = Mlops.Registry.Application.Datasets.Profiling;

namespace Mlops.Registry.Grpc;

/// <summary>Between the dataset messages of the contract and the application's records; the profile field for field.</summary>
internal static class DatasetProtoMapping
{
    public static Dataset ToProto(this App.DatasetInfo dataset)
    {
        var proto = new Dataset
        {
            Workspace = dataset.Workspace,
            Name = dataset.Name,
            Description = dataset.Description,
            CreatedBy = dataset.CreatedBy,
            CreateTime = Timestamp.FromDateTimeOffset(dataset.CreateTime),
            UpdateTime = Timestamp.FromDateTimeOffset(dataset.UpdateTime),
            LatestVersion = dataset.LatestVersion,
        };
        AddTags(proto.Tags, dataset.Tags);
        return proto;
    }

    public static DatasetVersion ToProto(this App.DatasetVersionInfo version)
    {
        var proto = new DatasetVersion
        {
            Workspace = version.Workspace,
            DatasetName = version.DatasetName,
            Version = version.Version,
            Description = version.Description,
            Format = ToProto(version.Format),
            CsvOptions = version.Csv is { } csv ? ToProto(csv) : null,
            FileName = version.FileName,
            ArtifactSha256 = version.ArtifactSha256,
            ArtifactSizeBytes = version.ArtifactSizeBytes,
            Profile = version.Profile is { } profile ? ToProto(profile) : null,
            CreatedBy = version.CreatedBy,
            CreateTime = Timestamp.FromDateTimeOffset(version.CreateTime),
        };
        AddTags(proto.Tags, version.Tags);
        proto.Schema.AddRange(version.Schema.Select(ToProto));
        proto.Columns.AddRange(version.Columns.Select(ToProto));
        if (version.RowCount is { } rows)
        {
            proto.RowCount = rows;
        }

        if (version.ColumnCount is { } columns)
        {
            proto.ColumnCount = columns;
        }

        proto.SchemaWarnings.AddRange(version.SchemaWarnings);
        return proto;
    }

    public static App.NewDataset ToApplication(this CreateDatasetRequest request) =>
        new(request.Workspace, request.Name, request.Description, request.Tags);

    /// <summary>
    /// The fields update_mask names (AIP-134); without a mask, those set in the dataset. Tags named in the mask are
    /// replaced, even by none.
    /// </summary>
    public static App.DatasetChanges ToApplication(this UpdateDatasetRequest request)
    {
        var dataset = request.Dataset ?? throw RegistryException.Invalid("dataset is required: its workspace and name say which dataset to update.");
        var paths = request.UpdateMask?.Paths ?? [];
        var description = paths.Count == 0 && dataset.Description.Length > 0;
        var tags = paths.Count == 0 && dataset.Tags.Count > 0;
        foreach (var path in paths)
        {
            switch (path)
            {
                case "description":
                    description = true;
                    break;
                case "tags":
                    tags = true;
                    break;
                default:
                    throw RegistryException.Invalid($"update_mask path '{path}' cannot be updated: only \"description\" and \"tags\" can.");
            }
        }

        return new(dataset.Workspace, dataset.Name, description ? dataset.Description : null, tags ? dataset.Tags : null);
    }

    public static App.NewDatasetVersion ToApplication(this DatasetVersionHeader header) =>
        new(
            header.Workspace,
            header.DatasetName,
            header.Format switch
            {
                DatasetFormat.Csv => App.DatasetFileFormat.Csv,
                DatasetFormat.JsonLines => App.DatasetFileFormat.JsonLines,
                DatasetFormat.Parquet => App.DatasetFileFormat.Parquet,
                DatasetFormat.Other => App.DatasetFileFormat.Other,
                _ => null,
            },
            header.CsvOptions is { } csv ? new App.CsvOptionsRequest(csv.Delimiter, csv.HasHeaderRow ? csv.HeaderRow : null, csv.NullValues) : null,
            header.FileName,
            header.ArtifactSha256,
            header.ArtifactSizeBytes,
            header.Description,
            header.Tags,
            [.. header.Schema.Select((column, i) => new App.DatasetColumn(column.Name, ToApplication(column.Type, i)))]);

    private static Profiling.ColumnType? ToApplication(DatasetColumnType type, int index) => type switch
    {
        DatasetColumnType.Unspecified => null,
        DatasetColumnType.Null => Profiling.ColumnType.Null,
        DatasetColumnType.Boolean => Profiling.ColumnType.Boolean,
        DatasetColumnType.Integer => Profiling.ColumnType.Integer,
        DatasetColumnType.Float => Profiling.ColumnType.Float,
        DatasetColumnType.String => Profiling.ColumnType.String,
        DatasetColumnType.Timestamp => Profiling.ColumnType.Timestamp,
        DatasetColumnType.Object => Profiling.ColumnType.Object,
        DatasetColumnType.Array => Profiling.ColumnType.Array,
        DatasetColumnType.Mixed => Profiling.ColumnType.Mixed,
        _ => throw RegistryException.Invalid(string.Create(CultureInfo.InvariantCulture, $"header.schema[{index}].type {(int)type} is not a DatasetColumnType.")),
    };

    private static DatasetColumnType ToProto(Profiling.ColumnType? type) => type switch
    {
        null => DatasetColumnType.Unspecified,
        Profiling.ColumnType.Null => DatasetColumnType.Null,
        Profiling.ColumnType.Boolean => DatasetColumnType.Boolean,
        Profiling.ColumnType.Integer => DatasetColumnType.Integer,
        Profiling.ColumnType.Float => DatasetColumnType.Float,
        Profiling.ColumnType.String => DatasetColumnType.String,
        Profiling.ColumnType.Timestamp => DatasetColumnType.Timestamp,
        Profiling.ColumnType.Object => DatasetColumnType.Object,
        Profiling.ColumnType.Array => DatasetColumnType.Array,
        _ => DatasetColumnType.Mixed,
    };

    private static DatasetFormat ToProto(App.DatasetFileFormat format) => format switch
    {
        App.DatasetFileFormat.Csv => DatasetFormat.Csv,
        App.DatasetFileFormat.JsonLines => DatasetFormat.JsonLines,
        App.DatasetFileFormat.Parquet => DatasetFormat.Parquet,
        _ => DatasetFormat.Other,
    };

    private static DatasetColumn ToProto(App.DatasetColumn column) => new() { Name = column.Name, Type = ToProto(column.Type) };

    private static DatasetCsvOptions ToProto(Profiling.CsvFormatSettings csv)
    {
        var proto = new DatasetCsvOptions { Delimiter = csv.Delimiter, HeaderRow = csv.HeaderRow };
        proto.NullValues.AddRange(csv.NullValues);
        return proto;
    }

    private static DatasetProfile ToProto(Profiling.DatasetProfile profile)
    {
        var proto = new DatasetProfile
        {
            ProfileVersion = profile.ProfileVersion,
            Format = profile.Format == Profiling.DatasetFormat.Csv ? DatasetFormat.Csv : DatasetFormat.JsonLines,
            Csv = profile.Csv is { } csv ? ToProto(csv) : null,
            Settings = new DatasetProfileSettings
            {
                HistogramBinCount = profile.Settings.HistogramBinCount,
                TopCategoryCount = profile.Settings.TopCategoryCount,
                DistinctCap = profile.Settings.DistinctCap,
                DistinctCharBudget = profile.Settings.DistinctCharBudget,
            },
            RowCount = profile.RowCount,
            ColumnCount = profile.ColumnCount,
        };
        proto.Columns.AddRange(profile.Columns.Select(ToProto));
        return proto;
    }

    private static DatasetColumnProfile ToProto(Profiling.ColumnProfile column) => new()
    {
        Name = column.Name,
        Type = ToProto(column.Type),
        Count = column.Count,
        NullCount = column.NullCount,
        MissingCount = column.MissingCount,
        NullRate = column.NullRate,
        TypeCounts = new DatasetValueTypeCounts
        {
            BooleanCount = column.TypeCounts.Boolean,
            IntegerCount = column.TypeCounts.Integer,
            FloatCount = column.TypeCounts.Float,
            StringCount = column.TypeCounts.String,
            TimestampCount = column.TypeCounts.Timestamp,
            ObjectCount = column.TypeCounts.Object,
            ArrayCount = column.TypeCounts.Array,
        },
        Numeric = column.Numeric is { } numeric ? ToProto(numeric) : null,
        Categorical = column.Categorical is { } categorical ? ToProto(categorical) : null,
    };

    private static DatasetNumericSummary ToProto(Profiling.NumericSummary numeric)
    {
        var proto = new DatasetNumericSummary
        {
            Count = numeric.Count,
            NanCount = numeric.NanCount,
            PositiveInfinityCount = numeric.PositiveInfinityCount,
            NegativeInfinityCount = numeric.NegativeInfinityCount,
        };

        // Optional fields: a null figure stays absent rather than reading as 0.
        if (numeric.Min is { } min)
        {
            proto.Min = min;
        }

        if (numeric.Max is { } max)
        {
            proto.Max = max;
        }

        if (numeric.Mean is { } mean)
        {
            proto.Mean = mean;
        }

        if (numeric.PopulationStdDev is { } population)
        {
            proto.PopulationStdDev = population;
        }

        if (numeric.SampleStdDev is { } sample)
        {
            proto.SampleStdDev = sample;
        }

        if (numeric.Quantiles is { } q)
        {
            proto.Quantiles = new DatasetQuantiles { P01 = q.P01, P05 = q.P05, P25 = q.P25, P50 = q.P50, P75 = q.P75, P95 = q.P95, P99 = q.P99 };
        }

        if (numeric.Histogram is { } histogram)
        {
            proto.Histogram = new DatasetHistogram();
            proto.Histogram.Edges.AddRange(histogram.Edges);
            proto.Histogram.Counts.AddRange(histogram.Counts);
        }

        return proto;
    }

    private static DatasetCategoricalSummary ToProto(Profiling.CategoricalSummary categorical)
    {
        var proto = new DatasetCategoricalSummary
        {
            DistinctCount = categorical.DistinctCount,
            DistinctCountExact = categorical.DistinctCountExact,
            TopCategoriesExact = categorical.TopCategoriesExact,
            MinLength = categorical.MinLength,
            MaxLength = categorical.MaxLength,
            MeanLength = categorical.MeanLength,
        };
        proto.TopCategories.AddRange(categorical.TopCategories.Select(category => new DatasetCategoryCount { Value = category.Value, Count = category.Count }));
        return proto;
    }

    private static void AddTags(MapField<string, string> target, IReadOnlyDictionary<string, string> tags)
    {
        foreach (var (key, value) in tags)
        {
            target.Add(key, value);
        }
    }
}
