using System.Globalization;
using Mlops.EventContracts;
using Mlops.Registry.Application.Audit;
using Mlops.Registry.Application.Datasets.Profiling;

namespace Mlops.Registry.Application.Datasets;

/// <summary>Registering dataset versions with their files and profiles, reading them, and reading the files back.</summary>
public sealed class DatasetVersionUseCases(
    IDatasetStore store,
    IDatasetFileStore files,
    IAuditLog audit,
    ICallerContext caller,
    TimeProvider timeProvider)
{
    /// <summary>
    /// Stores the file as its chunks arrive and checks it against the header; then, for CSV and JSON Lines, profiles
    /// it by reading the stored blob back (once per pass) and checks the declared schema against the profile's
    /// columns; then numbers and records the version with its profile. A version exists only with a complete, verified
    /// and (where it applies) profiled file; whatever fails on the way leaves no blob behind.
    /// </summary>
    public async Task<DatasetVersionInfo> CreateAsync(NewDatasetVersion header, IAsyncEnumerable<ReadOnlyMemory<byte>> chunks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(header);
        var workspace = RegistryRules.Workspace("header.workspace", header.Workspace);
        var datasetName = RegistryRules.Name("header.dataset_name", header.DatasetName);
        var format = DatasetRules.Format("header.format", header.Format);
        var csv = DatasetRules.CsvOptions("header.csv_options", format, header.CsvOptions);
        var fileName = DatasetRules.FileName("header.file_name", header.FileName, format);
        var sha256 = RegistryRules.Sha256("header.artifact_sha256", header.ArtifactSha256);
        var expectedSize = RegistryRules.Size("header.artifact_size_bytes", header.ArtifactSizeBytes);
        var description = RegistryRules.Description("header.description", header.Description);
        var tags = RegistryRules.Tags("header.tags", header.Tags);
        var schema = DatasetRules.Schema("header.schema", header.Schema);
        var dataset = await store.FindDatasetAsync(workspace, datasetName, cancellationToken).ConfigureAwait(false)
            ?? throw DatasetUseCases.NotFound(workspace, datasetName);

        var stored = await files.UploadAsync(dataset.Id, ArtifactChecks.NoLongerThan(chunks, expectedSize, cancellationToken), cancellationToken)
            .ConfigureAwait(false);
        DatasetVersionInfo draft;
        try
        {
            if (ArtifactChecks.Mismatch(stored, sha256, expectedSize) is { } mismatch)
            {
                throw RegistryException.Invalid(mismatch);
            }

            var profile = await ProfileAsync(stored.BlobName, format, csv, cancellationToken).ConfigureAwait(false);
            var warnings = profile is null ? [] : DatasetSchemaCheck.Check("header.schema", schema, profile.Columns);
            draft = new DatasetVersionInfo(
                workspace,
                dataset.Name,
                Version: 0,
                description,
                tags,
                format,
                csv,
                fileName,
                stored.Sha256,
                stored.SizeBytes,
                stored.BlobName,
                schema,
                profile is null ? [] : [.. profile.Columns.Select(column => new DatasetColumn(column.Name, column.Type))],
                profile?.RowCount,
                profile?.ColumnCount,
                profile,
                warnings,
                caller.UserName,
                Timestamps.Now(timeProvider));
        }
        catch
        {
            // A refused, malformed or abandoned file is never a version, so nothing may point at it.
            await files.DeleteAsync(stored.BlobName, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        try
        {
            // The file is complete, verified and profiled; a cancel now would only make the outcome ambiguous.
            return await store.AddVersionAsync(dataset.Id, draft, Registered, CancellationToken.None).ConfigureAwait(false);
        }
        catch
        {
            // A commit that failed on the wire may have committed all the same: never delete a blob a version points at.
            if (!await store.IsFileReferencedAsync(stored.BlobName, CancellationToken.None).ConfigureAwait(false))
            {
                await files.DeleteAsync(stored.BlobName, CancellationToken.None).ConfigureAwait(false);
            }

            throw;
        }
    }

    public async Task<DatasetVersionInfo> GetAsync(string? workspace, string? datasetName, int version, CancellationToken cancellationToken)
    {
        var validWorkspace = RegistryRules.Workspace("workspace", workspace);
        var validName = RegistryRules.Name("dataset_name", datasetName);
        var number = RegistryRules.Version(version);
        return await store.FindVersionAsync(validWorkspace, validName, number, cancellationToken).ConfigureAwait(false)
            ?? throw await VersionNotFoundAsync(validWorkspace, validName, number, cancellationToken).ConfigureAwait(false);
    }

    public async Task<DatasetVersionPage> ListAsync(string? workspace, string? datasetName, int pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        var validWorkspace = RegistryRules.Workspace("workspace", workspace);
        var validName = RegistryRules.Name("dataset_name", datasetName);
        var size = RegistryRules.PageSize(pageSize);
        var before = DecodeVersionToken(pageToken);
        var dataset = await store.FindDatasetAsync(validWorkspace, validName, cancellationToken).ConfigureAwait(false)
            ?? throw DatasetUseCases.NotFound(validWorkspace, validName);

        var versions = await store.ListVersionsAsync(dataset.Id, before, size + 1, cancellationToken).ConfigureAwait(false);
        return versions.Count > size
            ? new DatasetVersionPage(versions.Take(size).ToList(), PageTokens.Encode(versions[size - 1].Version.ToString(CultureInfo.InvariantCulture)))
            : new DatasetVersionPage(versions, "");
    }

    public async Task<Stream> OpenFileAsync(string? workspace, string? datasetName, int version, CancellationToken cancellationToken)
    {
        var found = await GetAsync(workspace, datasetName, version, cancellationToken).ConfigureAwait(false);
        return await files.OpenReadAsync(found.BlobName, cancellationToken).ConfigureAwait(false);
    }

    private static int? DecodeVersionToken(string? pageToken) =>
        PageTokens.Decode(pageToken) is not { } text
            ? null
            : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0
                ? version
                : throw RegistryException.Invalid("page_token is invalid: pass the next_page_token of a previous response, or nothing for the first page.");

    private async Task<DatasetProfile?> ProfileAsync(string blobName, DatasetFileFormat format, CsvFormatSettings? csv, CancellationToken cancellationToken)
    {
        DatasetProfileOptions? options = format switch
        {
            DatasetFileFormat.Csv => new DatasetProfileOptions(DatasetFormat.Csv)
            {
                CsvDelimiter = csv!.Delimiter[0],
                CsvHeaderRow = csv.HeaderRow,
                CsvNullValues = csv.NullValues,
            },
            DatasetFileFormat.JsonLines => new DatasetProfileOptions(DatasetFormat.JsonLines),
            _ => null,
        };
        return options is null
            ? null
            : await DatasetProfiler.ProfileAsync(open => files.OpenReadAsync(blobName, open), options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Says which is missing, the dataset or the version.</summary>
    private async Task<RegistryException> VersionNotFoundAsync(string workspace, string datasetName, int version, CancellationToken cancellationToken) =>
        await store.FindDatasetAsync(workspace, datasetName, cancellationToken).ConfigureAwait(false) is null
            ? DatasetUseCases.NotFound(workspace, datasetName)
            : RegistryException.NotFound(string.Create(
                CultureInfo.InvariantCulture, $"Dataset '{datasetName}' in workspace '{workspace}' has no version {version}."));

    /// <summary>The event, and the audit entry that commits with it, once the version has its number.</summary>
    private DatasetVersionRegistered Registered(DatasetVersionInfo version)
    {
        var registered = DatasetEvents.VersionRegistered(version);
        var details = new Dictionary<string, string>
        {
            ["artifact_sha256"] = version.ArtifactSha256,
            ["format"] = DatasetNames.Of(version.Format),
        };
        if (version.RowCount is { } rows)
        {
            details["row_count"] = rows.ToString(CultureInfo.InvariantCulture);
        }

        audit.Record(new AuditEntry(version.Workspace, version.CreatedBy, "dataset_version.register", registered.Subject, version.CreateTime, details));
        return registered;
    }
}
