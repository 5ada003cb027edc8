using System.Runtime.CompilerServices;

namespace Mlops.Registry.Application.Datasets.Profiling;

/// <summary>
/// Profiles a CSV or JSON Lines file in bounded memory by reading it several times: the first pass finds the
/// columns, their types, counts, min, max and sums; the second the deviations, histograms and categories; later
/// passes, when needed, narrow the exact quantiles and recount the top categories of columns with more distinct
/// values than the cap. Structural problems are <see cref="RegistryException.Invalid"/> naming the line.
/// </summary>
public static class DatasetProfiler
{
    /// <param name="openData">Opens the file from its start; called once per pass. The caller's stream is disposed here.</param>
    public static async Task<DatasetProfile> ProfileAsync(
        Func<CancellationToken, Task<Stream>> openData,
        DatasetProfileOptions options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(openData);
        ArgumentNullException.ThrowIfNull(options);
        var limits = options.Limits;
        limits.Validate();
        var csv = options.Format == DatasetFormat.Csv ? CsvSettings(options) : null;
        var classifier = new FieldClassifier(csv?.NullValues ?? []);
        var catalog = new ColumnCatalog();
        var columns = new List<ColumnAccumulator>();

        var (rowCount, fingerprint) = await ReadPassAsync(openData, options, catalog, classifier, columns, active: null, cancellationToken).ConfigureAwait(false);
        catalog.Freeze();
        while (columns.Count < catalog.Count)
        {
            columns.Add(new ColumnAccumulator(catalog.Names[columns.Count]));
        }

        EndPass(columns, limits);
        var maxPasses = MaxPasses(limits);
        for (var pass = 2; columns.Any(c => c.WantsPass); pass++)
        {
            if (pass > maxPasses)
            {
                throw new InvalidOperationException($"Profiling did not finish in {maxPasses} passes.");
            }

            var active = columns.Select(c => c.WantsPass).ToArray();
            var (rows, passFingerprint) = await ReadPassAsync(openData, options, catalog, classifier, columns, active, cancellationToken).ConfigureAwait(false);
            if (rows != rowCount || passFingerprint != fingerprint)
            {
                throw ColumnCatalog.DataChanged();
            }

            EndPass(columns.Where((_, i) => active[i]), limits);
        }

        return new DatasetProfile(
            options.Format,
            csv,
            new ProfileSettings(limits.HistogramBinCount, limits.TopCategoryCount, limits.DistinctCap, limits.DistinctCharBudget),
            rowCount,
            columns.Count,
            [.. columns.Select(c => c.ToProfile(rowCount, limits))]);
    }

    private static async Task<(long Rows, (long Length, int Hash) Fingerprint)> ReadPassAsync(
        Func<CancellationToken, Task<Stream>> openData,
        DatasetProfileOptions options,
        ColumnCatalog catalog,
        FieldClassifier classifier,
        List<ColumnAccumulator> columns,
        bool[]? active,
        CancellationToken cancellationToken)
    {
        var stream = await openData(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var limits = options.Limits;
            BufferedRowReader reader = options.Format == DatasetFormat.Csv
                ? new CsvRowReader(stream, options.CsvDelimiter, options.CsvHeaderRow, catalog, limits.MaxColumns, limits.MaxRecordBytes)
                : new JsonLinesRowReader(stream, catalog, limits.MaxColumns, limits.MaxRecordBytes);
            var row = new RowBuffer();
            long rows = 0;
            while (await reader.ReadAsync(row, cancellationToken).ConfigureAwait(false))
            {
                rows++;
                AddRow(row, catalog, classifier, columns, active);
            }

            return (rows, reader.Fingerprint);
        }
    }

    /// <summary>
    /// Gives each field to its column: in the first pass (no <paramref name="active"/>) every field, adding columns
    /// as the reader finds them; later, only the fields of the columns the pass is for.
    /// </summary>
    // Profiling is rare and reads large files: its hot paths are compiled optimized from the first row on,
    // rather than after tiering, which on a busy machine can take a good part of a pass.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddRow(RowBuffer row, ColumnCatalog catalog, FieldClassifier classifier, List<ColumnAccumulator> columns, bool[]? active)
    {
        for (var i = 0; i < row.Count; i++)
        {
            var column = row.Column(i);
            if (active is null)
            {
                while (columns.Count <= column)
                {
                    columns.Add(new ColumnAccumulator(catalog.Names[columns.Count]));
                }
            }
            else if (!active[column])
            {
                continue;
            }

            var text = row.Bytes(i);
            columns[column].Add(classifier.Classify(row.Token(i), text, out var number), number, text);
        }
    }

    private static void EndPass(IEnumerable<ColumnAccumulator> columns, DatasetProfileLimits limits)
    {
        foreach (var column in columns)
        {
            column.EndPass(limits);
        }
    }

    /// <summary>A guard against a search that does not narrow: each key-bucket pass settles log2(buckets) bits of 64.</summary>
    private static int MaxPasses(DatasetProfileLimits limits) => 8 + (2 * (64 / (int)Math.Log2(limits.QuantileBucketCount)));

    private static CsvFormatSettings CsvSettings(DatasetProfileOptions options)
    {
        if (options.CsvDelimiter is '"' or '\r' or '\n' or '\0' || !char.IsAscii(options.CsvDelimiter))
        {
            throw RegistryException.Invalid("The CSV delimiter must be one ASCII character other than '\"', CR, LF and NUL.");
        }

        var nullValues = options.CsvNullValues ?? [];
        if (nullValues.Count > DatasetProfileOptions.MaxCsvNullValues)
        {
            throw RegistryException.Invalid($"At most {DatasetProfileOptions.MaxCsvNullValues} CSV null values are allowed, not {nullValues.Count}.");
        }

        foreach (var nullValue in nullValues)
        {
            if (nullValue is null || nullValue.Length > DatasetProfileOptions.MaxCsvNullValueLength)
            {
                throw RegistryException.Invalid($"A CSV null value is missing or longer than {DatasetProfileOptions.MaxCsvNullValueLength} characters.");
            }
        }

        return new CsvFormatSettings(options.CsvDelimiter.ToString(), options.CsvHeaderRow, [.. nullValues]);
    }
}
