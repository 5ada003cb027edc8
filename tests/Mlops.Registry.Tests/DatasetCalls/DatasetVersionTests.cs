using Google.Protobuf;
using Mlops.Grpc;
using Mlops.Registry.Application.Datasets.Profiling;
using Mlops.Registry.Tests.Datasets;
using Mlops.Registry.Tests.Infrastructure;
using Mlops.Registry.V1;
using DatasetFormat = Mlops.Registry.V1.DatasetFormat;
using DatasetProfile = Mlops.Registry.V1.DatasetProfile;
using Mlops.Testing;

namespace Mlops.Registry.Tests.DatasetCalls;

[Collection(RegistryCollection.Name)]
public sealed class DatasetVersionTests(RegistryFixture registry)
{
    private const int MiB = 1024 * 1024;

    private RegistryClient Client => registry.Client;

    [Fact]
    public async Task A_CSV_version_is_registered_with_its_profile()
    {
        var name = await NewDatasetAsync();
        var header = RegistryClient.DatasetHeader(name, DatasetFiles.Customers, DatasetFormat.Csv);

        var created = await Client.UploadDatasetAsync(header, DatasetFiles.Customers, chunkSize: 40);
        var fetched = await Client.GetDatasetVersionAsync(name, 1);

        Assert.Equal(created, fetched);
        Assert.Equal(1, fetched.Version);
        Assert.Equal(DatasetFormat.Csv, fetched.Format);
        Assert.Equal(",", fetched.CsvOptions.Delimiter);
        Assert.True(fetched.CsvOptions.HeaderRow);
        Assert.Equal("data.csv", fetched.FileName);
        Assert.Equal(RegistryClient.Sha256(DatasetFiles.Customers), fetched.ArtifactSha256);
        Assert.Equal(DatasetFiles.Customers.Length, fetched.ArtifactSizeBytes);
        Assert.Equal("tests", fetched.Tags["source"]);
        Assert.Equal(RegistryClient.User, fetched.CreatedBy);
        Assert.Equal(4, fetched.RowCount);
        Assert.Equal(5, fetched.ColumnCount);
        Assert.Equal(
            [("id", DatasetColumnType.Integer), ("city", DatasetColumnType.String), ("amount", DatasetColumnType.Float),
                ("active", DatasetColumnType.Boolean), ("signup", DatasetColumnType.Timestamp)],
            fetched.Columns.Select(c => (c.Name, c.Type)));
        Assert.Empty(fetched.Schema);
        Assert.Empty(fetched.SchemaWarnings);

        var profile = fetched.Profile;
        Assert.Equal(1, profile.ProfileVersion);
        Assert.Equal(DatasetFormat.Csv, profile.Format);
        Assert.Equal(4, profile.RowCount);
        Assert.Equal(20, profile.Settings.HistogramBinCount);

        var id = Column(profile, "id");
        Assert.Equal((4L, 0L, 4L), (id.Count, id.NullCount, id.TypeCounts.IntegerCount));
        Assert.Null(id.Categorical);
        Assert.Equal((1.0, 4.0, 2.5), (id.Numeric.Min, id.Numeric.Max, id.Numeric.Mean));
        Assert.Equal(Math.Sqrt(1.25), id.Numeric.PopulationStdDev, 12);
        Assert.Equal(Math.Sqrt(5.0 / 3), id.Numeric.SampleStdDev, 12);
        Assert.Equal(1.75, id.Numeric.Quantiles.P25, 12);
        Assert.Equal(2.5, id.Numeric.Quantiles.P50, 12);
        Assert.Equal(3.25, id.Numeric.Quantiles.P75, 12);
        Assert.Equal(1.03, id.Numeric.Quantiles.P01, 12);
        Assert.Equal(21, id.Numeric.Histogram.Edges.Count);
        Assert.Equal((1.0, 4.0), (id.Numeric.Histogram.Edges[0], id.Numeric.Histogram.Edges[20]));
        var nonEmptyBins = id.Numeric.Histogram.Counts.Select((count, bin) => (count, bin)).Where(b => b.count > 0).Select(b => b.bin);
        Assert.Equal([0, 6, 13, 19], nonEmptyBins);

        var city = Column(profile, "city");
        Assert.Null(city.Numeric);
        Assert.Equal((3L, true), (city.Categorical.DistinctCount, city.Categorical.DistinctCountExact));
        Assert.Equal([("Paris", 2L), ("Lyon", 1L), ("Nice", 1L)], city.Categorical.TopCategories.Select(c => (c.Value, c.Count)));
        Assert.Equal((4L, 5L, 4.5), (city.Categorical.MinLength, city.Categorical.MaxLength, city.Categorical.MeanLength));

        var amount = Column(profile, "amount");
        Assert.Equal((3L, 1L, 0L, 0.25), (amount.Count, amount.NullCount, amount.MissingCount, amount.NullRate));
        Assert.Equal((1L, 2L), (amount.TypeCounts.IntegerCount, amount.TypeCounts.FloatCount));
        Assert.Equal((4.5, 20.0), (amount.Numeric.Min, amount.Numeric.Max));
        Assert.Equal(35.0 / 3, amount.Numeric.Mean, 12);
        Assert.Equal(10.5, amount.Numeric.Quantiles.P50);

        var active = Column(profile, "active");
        Assert.Equal((3L, 1L), (active.Count, active.NullCount));
        Assert.Equal([("true", 2L), ("false", 1L)], active.Categorical.TopCategories.Select(c => (c.Value, c.Count)));

        var signup = Column(profile, "signup");
        Assert.Equal((4L, 4L), (signup.TypeCounts.TimestampCount, signup.Categorical.DistinctCount));
        Assert.Equal(1, (await Client.GetDatasetAsync(name)).LatestVersion);
        Assert.Single(await registry.DatasetBlobsAsync(name));
    }

    [Fact]
    public async Task A_JSON_Lines_version_is_registered_with_its_profile()
    {
        var name = await NewDatasetAsync();
        var header = RegistryClient.DatasetHeader(name, DatasetFiles.Events, DatasetFormat.JsonLines);
        header.FileName = "events.jsonl";

        await Client.UploadDatasetAsync(header, DatasetFiles.Events);
        var fetched = await Client.GetDatasetVersionAsync(name, 1);

        Assert.Equal("events.jsonl", fetched.FileName);
        Assert.Null(fetched.CsvOptions);
        Assert.Equal(3, fetched.RowCount);
        var profile = fetched.Profile;
        Assert.Equal(DatasetFormat.JsonLines, profile.Format);
        Assert.Null(profile.Csv);
        Assert.Equal(
            [("user", DatasetColumnType.String), ("age", DatasetColumnType.Integer), ("tags", DatasetColumnType.Array),
                ("score", DatasetColumnType.Float), ("meta", DatasetColumnType.Object)],
            profile.Columns.Select(c => (c.Name, c.Type)));

        var age = Column(profile, "age");
        Assert.Equal((30.0, 50.0, 40.0), (age.Numeric.Min, age.Numeric.Max, age.Numeric.Mean));
        Assert.Equal(Math.Sqrt(200.0 / 3), age.Numeric.PopulationStdDev, 12);
        Assert.Equal(10.0, age.Numeric.SampleStdDev, 12);
        Assert.Equal(40.0, age.Numeric.Quantiles.P50);

        var tags = Column(profile, "tags");
        Assert.Equal((1L, 2L, 2L), (tags.Count, tags.NullCount, tags.MissingCount));
        Assert.Equal("[\"x\",\"y\"]", Assert.Single(tags.Categorical.TopCategories).Value);

        var score = Column(profile, "score");
        Assert.Equal((1L, 2L, 1L), (score.Count, score.NullCount, score.MissingCount));
        Assert.Equal(1.5, score.Numeric.Mean);

        // One finite value: no sample deviation, which the message says by leaving the optional field unset.
        Assert.False(score.Numeric.HasSampleStdDev);
        Assert.True(score.Numeric.HasPopulationStdDev);

        var meta = Column(profile, "meta");
        Assert.Equal((1L, 2L), (meta.Count, meta.MissingCount));
        Assert.Equal("{\"k\":1}", Assert.Single(meta.Categorical.TopCategories).Value);
        Assert.Equal([("ann", 2L), ("bob", 1L)], Column(profile, "user").Categorical.TopCategories.Select(c => (c.Value, c.Count)));
    }

    [Fact]
    public async Task The_stored_profile_is_the_profilers_own_for_the_same_bytes()
    {
        var name = await NewDatasetAsync();
        var data = DatasetFiles.Generated(5000);
        await Client.UploadDatasetAsync(RegistryClient.DatasetHeader(name, data, DatasetFormat.Csv), data, chunkSize: 64 * 1024);

        var stored = await registry.StoredProfileAsync(name, 1);
        var expected = await Profiles.ProfileAsync(data, Profiles.Csv);

        Assert.NotNull(stored);
        Assert.Equal(DatasetProfileJson.Serialize(expected), DatasetProfileJson.Serialize(DatasetProfileJson.Deserialize(stored)));
    }

    [Fact]
    public async Task CSV_options_are_used_to_read_the_file_and_returned_with_the_version()
    {
        var name = await NewDatasetAsync();
        var data = DatasetFiles.Utf8("1;NA;x\n2;5;\n3;NA;y\n");
        var header = RegistryClient.DatasetHeader(name, data, DatasetFormat.Csv);
        header.CsvOptions = new DatasetCsvOptions { Delimiter = ";", HeaderRow = false, NullValues = { "NA" } };

        var created = await Client.UploadDatasetAsync(header, data);

        Assert.Equal(3, created.RowCount);
        Assert.Equal(";", created.CsvOptions.Delimiter);
        Assert.False(created.CsvOptions.HeaderRow);
        Assert.Equal(["NA"], created.CsvOptions.NullValues);
        var profile = (await Client.GetDatasetVersionAsync(name, 1)).Profile;
        Assert.Equal(";", profile.Csv.Delimiter);
        Assert.Equal(["column_1", "column_2", "column_3"], profile.Columns.Select(c => c.Name));
        Assert.Equal((1L, 2L, DatasetColumnType.Integer), (Column(profile, "column_2").Count, Column(profile, "column_2").NullCount, Column(profile, "column_2").Type));
        Assert.Equal((2L, 1L), (Column(profile, "column_3").Count, Column(profile, "column_3").NullCount));
    }

    [Fact]
    public async Task A_digest_mismatch_is_invalid_argument_and_leaves_no_version_and_no_blob()
    {
        var name = await NewDatasetAsync();
        var header = RegistryClient.DatasetHeader(name, DatasetFiles.Customers, DatasetFormat.Csv);
        header.ArtifactSha256 = RegistryClient.Sha256([1, 2, 3]);

        var error = await Assert.ThrowsAsync<RpcException>(() => Client.UploadDatasetAsync(header, DatasetFiles.Customers));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(
            $"expected {header.ArtifactSha256}, actual {RegistryClient.Sha256(DatasetFiles.Customers)}", error.Status.Detail, StringComparison.Ordinal);
        await AssertNothingStoredAsync(name);
    }

    [Fact]
    public async Task A_size_larger_than_announced_is_invalid_argument_and_leaves_nothing()
    {
        var name = await NewDatasetAsync();
        var header = RegistryClient.DatasetHeader(name, DatasetFiles.Customers, DatasetFormat.Csv);
        header.ArtifactSizeBytes = 10;

        var error = await Assert.ThrowsAsync<RpcException>(() => Client.UploadDatasetAsync(header, DatasetFiles.Customers, chunkSize: 8));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("header.artifact_size_bytes: expected 10, actual at least 16", error.Status.Detail, StringComparison.Ordinal);
        await AssertNothingStoredAsync(name);
    }

    public static TheoryData<string, string, string> MalformedFiles() => new()
    {
        { "csv", "a,b,c\n1,2,3\n\n4,5\n", "CSV line 4: the record has 2 fields; the header has 3." },
        { "csv", "a,b\n1,\"open\n2,3\n", "CSV line 2" },
        { "jsonl", "{\"a\":1}\n\n{\"a\":2,}\n", "JSON Lines line 3: " },
        { "jsonl", "{\"a\":1}\n[1,2]\n", "JSON Lines line 2: " },
    };

    [Theory]
    [MemberData(nameof(MalformedFiles))]
    public async Task A_malformed_file_is_invalid_argument_naming_the_line_and_leaves_nothing(string format, string text, string message)
    {
        var name = await NewDatasetAsync();
        var data = DatasetFiles.Utf8(text);

        var error = await Assert.ThrowsAsync<RpcException>(() => Client.UploadDatasetAsync(
            RegistryClient.DatasetHeader(name, data, format == "csv" ? DatasetFormat.Csv : DatasetFormat.JsonLines), data));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(message, error.Status.Detail, StringComparison.Ordinal);
        await AssertNothingStoredAsync(name);
    }

    [Fact]
    public async Task A_declared_schema_whose_names_differ_from_the_file_is_refused_naming_the_columns()
    {
        var name = await NewDatasetAsync();
        var header = RegistryClient.DatasetHeader(name, DatasetFiles.Customers, DatasetFormat.Csv);
        header.Schema.Add(new DatasetColumn { Name = "id", Type = DatasetColumnType.Integer });
        header.Schema.Add(new DatasetColumn { Name = "city" });
        header.Schema.Add(new DatasetColumn { Name = "price", Type = DatasetColumnType.Float });

        var error = await Assert.ThrowsAsync<RpcException>(() => Client.UploadDatasetAsync(header, DatasetFiles.Customers));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(
            "header.schema does not match the file's columns; declared but not in the file: 'price'; in the file but not declared: 'amount', 'active', 'signup'.",
            error.Status.Detail);
        await AssertNothingStoredAsync(name);
    }

    [Fact]
    public async Task Declared_types_the_profile_contradicts_are_kept_as_warnings()
    {
        var name = await NewDatasetAsync();
        var header = RegistryClient.DatasetHeader(name, DatasetFiles.Customers, DatasetFormat.Csv);
        header.Schema.Add(new DatasetColumn { Name = "signup", Type = DatasetColumnType.String });
        header.Schema.Add(new DatasetColumn { Name = "id", Type = DatasetColumnType.Float });
        header.Schema.Add(new DatasetColumn { Name = "city" });
        header.Schema.Add(new DatasetColumn { Name = "amount", Type = DatasetColumnType.Integer });
        header.Schema.Add(new DatasetColumn { Name = "active", Type = DatasetColumnType.Boolean });

        var created = await Client.UploadDatasetAsync(header, DatasetFiles.Customers);

        // Integers are floats and an untyped column takes anything; the other two disagree.
        Assert.Equal(
            ["column 'signup': declared string, profiled timestamp", "column 'amount': declared integer, profiled float"],
            created.SchemaWarnings);
        Assert.Equal(header.Schema, created.Schema);
        Assert.Equal(created, await Client.GetDatasetVersionAsync(name, 1));
    }

    [Fact]
    public async Task A_Parquet_file_is_stored_as_is_without_a_profile()
    {
        var name = await NewDatasetAsync();
        var data = RegistryClient.RandomArtifact(300_000);
        var header = RegistryClient.DatasetHeader(name, data, DatasetFormat.Parquet);
        header.Schema.Add(new DatasetColumn { Name = "anything", Type = DatasetColumnType.String });

        var created = await Client.UploadDatasetAsync(header, data, chunkSize: 100_000);
        var fetched = await Client.GetDatasetVersionAsync(name, 1);

        Assert.Equal(created, fetched);
        Assert.Equal(DatasetFormat.Parquet, fetched.Format);
        Assert.Equal("data.parquet", fetched.FileName);
        Assert.False(fetched.HasRowCount);
        Assert.False(fetched.HasColumnCount);
        Assert.Null(fetched.Profile);
        Assert.Empty(fetched.Columns);
        Assert.Equal("anything", Assert.Single(fetched.Schema).Name);
        Assert.Null(await registry.StoredProfileAsync(name, 1));
        Assert.Equal(data, (await Client.DownloadDatasetVersionAsync(name, 1)).SelectMany(chunk => chunk).ToArray());
    }

    public static TheoryData<string, string, StatusCode, string> InvalidHeaders() => new()
    {
        { "no format", "noformat", StatusCode.InvalidArgument, "header.format is required" },
        { "two-character delimiter", "delimiter", StatusCode.InvalidArgument, "header.csv_options.delimiter ';;' is invalid" },
        { "CSV options on JSON Lines", "csvjson", StatusCode.InvalidArgument, "header.csv_options applies to CSV only, not to json_lines" },
        { "a column declared twice", "twice", StatusCode.InvalidArgument, "header.schema[1].name 'id' is declared twice" },
        { "an unnamed column", "unnamed", StatusCode.InvalidArgument, "header.schema[0].name is invalid" },
        { "short digest", "short", StatusCode.InvalidArgument, "header.artifact_sha256" },
        { "bad dataset name", "badname", StatusCode.InvalidArgument, "header.dataset_name" },
        { "unknown dataset", "unknown", StatusCode.NotFound, "does not exist in workspace 'default'" },
    };

    [Theory]
    [MemberData(nameof(InvalidHeaders))]
    public async Task An_invalid_header_is_refused_before_any_upload(string what, string change, StatusCode code, string message)
    {
        var name = await NewDatasetAsync();
        var header = RegistryClient.DatasetHeader(name, DatasetFiles.Customers, DatasetFormat.Csv);
        switch (change)
        {
            case "noformat": header.Format = DatasetFormat.Unspecified; break;
            case "delimiter": header.CsvOptions = new DatasetCsvOptions { Delimiter = ";;" }; break;
            case "csvjson": header.Format = DatasetFormat.JsonLines; header.CsvOptions = new DatasetCsvOptions(); break;
            case "twice": header.Schema.Add([new DatasetColumn { Name = "id" }, new DatasetColumn { Name = "id" }]); break;
            case "unnamed": header.Schema.Add(new DatasetColumn { Name = "" }); break;
            case "short": header.ArtifactSha256 = header.ArtifactSha256[..63]; break;
            case "badname": header.DatasetName = "no/slashes"; break;
            default: header.DatasetName = ModelTests.UniqueName("ghost"); break;
        }

        var error = await Assert.ThrowsAsync<RpcException>(() => Client.UploadDatasetAsync(header, DatasetFiles.Customers));

        Assert.True(error.StatusCode == code, $"{what}: {error.Status}");
        Assert.Contains(message, error.Status.Detail, StringComparison.Ordinal);
        await AssertNothingStoredAsync(name);
    }

    [Fact]
    public async Task A_first_message_that_is_not_a_header_and_a_second_header_are_invalid_argument()
    {
        var name = await NewDatasetAsync();
        var header = RegistryClient.DatasetHeader(name, DatasetFiles.Customers, DatasetFormat.Csv);

        var noHeader = await Assert.ThrowsAsync<RpcException>(() => Client.CreateDatasetVersionAsync(
            [new CreateDatasetVersionRequest { Chunk = ByteString.CopyFrom(DatasetFiles.Customers) }]));
        var twoHeaders = await Assert.ThrowsAsync<RpcException>(() => Client.CreateDatasetVersionAsync(
            [new() { Header = header }, new() { Chunk = ByteString.CopyFrom(DatasetFiles.Customers) }, new() { Header = header }]));

        Assert.Equal(StatusCode.InvalidArgument, noHeader.StatusCode);
        Assert.Contains("first message of CreateDatasetVersion", noHeader.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, twoHeaders.StatusCode);
        Assert.Contains("Only the first message", twoHeaders.Status.Detail, StringComparison.Ordinal);
        await AssertNothingStoredAsync(name);
    }

    [Fact]
    public async Task Concurrent_uploads_to_one_dataset_get_consecutive_distinct_numbers()
    {
        var name = await NewDatasetAsync();
        var files = Enumerable.Range(1, 4).Select(seed => DatasetFiles.Generated(20_000, seed)).ToList();

        var versions = await Task.WhenAll(files.Select(data =>
            Client.UploadDatasetAsync(RegistryClient.DatasetHeader(name, data, DatasetFormat.Csv), data, chunkSize: 64 * 1024)));

        Assert.Equal([1, 2, 3, 4], versions.Select(v => v.Version).Order());
        foreach (var version in versions)
        {
            var data = files.Single(f => RegistryClient.Sha256(f) == version.ArtifactSha256);
            Assert.Equal(data, (await Client.DownloadDatasetVersionAsync(name, version.Version)).SelectMany(chunk => chunk).ToArray());
            Assert.Equal(20_000, (await Client.GetDatasetVersionAsync(name, version.Version)).RowCount);
        }

        Assert.Equal(4, (await Client.GetDatasetAsync(name)).LatestVersion);
        Assert.Equal(4, (await registry.DatasetBlobsAsync(name)).Count);
    }

    [Fact]
    public async Task A_multi_MiB_file_downloads_byte_for_byte_in_chunks_of_at_most_1_MiB()
    {
        var name = await NewDatasetAsync();
        var data = DatasetFiles.Generated(150_000);
        Assert.True(data.Length > 3 * MiB);

        var created = await Client.UploadDatasetAsync(RegistryClient.DatasetHeader(name, data, DatasetFormat.Csv), data, chunkSize: (4 * MiB) - 64);
        var chunks = await Client.DownloadDatasetVersionAsync(name, created.Version);

        Assert.Equal(150_000, created.RowCount);
        Assert.All(chunks, chunk => Assert.InRange(chunk.Length, 1, MiB));
        Assert.Equal(RegistryClient.Sha256(data), RegistryClient.Sha256(chunks.SelectMany(chunk => chunk).ToArray()));
    }

    [Fact]
    public async Task A_registered_version_is_published_as_DatasetVersionRegistered_and_audited()
    {
        var workspace = ModelTests.UniqueName("dsvevents");
        var name = await NewDatasetAsync(workspace);

        await Client.UploadDatasetAsync(RegistryClient.DatasetHeader(name, DatasetFiles.Customers, DatasetFormat.Csv, workspace), DatasetFiles.Customers);

        var registered = await Eventually.ResultAsync(
            () => registry.DatasetVersionEvents.FirstOrDefault(e => e.Workspace == workspace && e.DatasetName == name),
            "DatasetVersionRegistered reaches the test queue");
        Assert.Equal($"workspaces/{workspace}/datasets/{name}/versions/1", registered.Subject);
        Assert.Equal("registry", registered.Source);
        Assert.Equal(1, registered.VersionNumber);
        Assert.Equal("csv", registered.Format);
        Assert.Equal("data.csv", registered.FileName);
        Assert.Equal("sha256:" + RegistryClient.Sha256(DatasetFiles.Customers), registered.Digest);
        Assert.Equal(DatasetFiles.Customers.Length, registered.SizeBytes);
        Assert.Equal(4, registered.RowCount);
        Assert.Equal(1, registered.ProfileVersion);
        Assert.Equal(
            [("id", "integer"), ("city", "string"), ("amount", "float"), ("active", "boolean"), ("signup", "timestamp")],
            registered.Columns.Select(c => (c.Name, c.Type)));
        Assert.Equal(RegistryClient.User, registered.CreatedBy);

        var trail = await Client.ListAuditEntriesAsync(new ListAuditEntriesRequest { Workspace = workspace });
        Assert.Equal(["dataset_version.register", "dataset.create", "workspace.create"], trail.Entries.Select(entry => entry.Action));
        Assert.Equal(registered.Subject, trail.Entries[0].Subject);
        Assert.Equal("csv", trail.Entries[0].Details["format"]);
        Assert.Equal("4", trail.Entries[0].Details["row_count"]);
    }

    [Fact]
    public async Task Versions_list_newest_first_in_pages_without_profiles()
    {
        var name = await NewDatasetAsync();
        for (var rows = 1; rows <= 3; rows++)
        {
            var data = DatasetFiles.Generated(rows);
            await Client.UploadDatasetAsync(RegistryClient.DatasetHeader(name, data, DatasetFormat.Csv), data);
        }

        var first = await Client.ListDatasetVersionsAsync(name, 2);
        var second = await Client.ListDatasetVersionsAsync(name, 2, first.NextPageToken);

        Assert.Equal([3, 2], first.Versions.Select(v => v.Version));
        Assert.Equal([1], second.Versions.Select(v => v.Version));
        Assert.Equal("", second.NextPageToken);
        Assert.All(first.Versions.Concat(second.Versions), v => Assert.Null(v.Profile));
        Assert.Equal([3L, 2L, 1L], first.Versions.Concat(second.Versions).Select(v => v.RowCount));
        Assert.Equal(3, first.Versions[0].Columns.Count);

        // Apart from the profile, a listed version is the version itself.
        var full = await Client.GetDatasetVersionAsync(name, 2);
        Assert.NotNull(full.Profile);
        full.Profile = null;
        Assert.Equal(full, first.Versions[1]);

        var invalid = await Assert.ThrowsAsync<RpcException>(() => Client.ListDatasetVersionsAsync(name, 2, "bogus"));
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
    }

    [Fact]
    public async Task Unknown_datasets_and_versions_are_not_found()
    {
        var name = await NewDatasetAsync();
        await Client.UploadDatasetAsync(RegistryClient.DatasetHeader(name, DatasetFiles.Customers, DatasetFormat.Csv), DatasetFiles.Customers);
        var ghost = ModelTests.UniqueName("ghost");

        var noVersion = await Assert.ThrowsAsync<RpcException>(() => Client.GetDatasetVersionAsync(name, 2));
        var zero = await Assert.ThrowsAsync<RpcException>(() => Client.GetDatasetVersionAsync(name, 0));
        var noDataset = await Assert.ThrowsAsync<RpcException>(() => Client.GetDatasetVersionAsync(ghost, 1));
        var noList = await Assert.ThrowsAsync<RpcException>(() => Client.ListDatasetVersionsAsync(ghost, 10));
        var noDownload = await Assert.ThrowsAsync<RpcException>(() => Client.DownloadDatasetVersionAsync(name, 2));

        Assert.Equal(StatusCode.NotFound, noVersion.StatusCode);
        Assert.Contains($"Dataset '{name}' in workspace 'default' has no version 2", noVersion.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, zero.StatusCode);
        Assert.Equal(StatusCode.NotFound, noDataset.StatusCode);
        Assert.Contains($"Dataset '{ghost}' does not exist", noDataset.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.NotFound, noList.StatusCode);
        Assert.Equal(StatusCode.NotFound, noDownload.StatusCode);
    }

    [Fact]
    public async Task Versions_are_numbered_and_seen_per_workspace()
    {
        var workspaceA = ModelTests.UniqueName("dsv-a");
        var workspaceB = ModelTests.UniqueName("dsv-b");
        var name = ModelTests.UniqueName("shared");
        await Client.CreateDatasetAsync(name, workspaceA);
        await Client.CreateDatasetAsync(name, workspaceB);
        var csvA = DatasetFiles.Generated(10);
        var jsonB = DatasetFiles.Events;

        await Client.UploadDatasetAsync(RegistryClient.DatasetHeader(name, csvA, DatasetFormat.Csv, workspaceA), csvA);
        await Client.UploadDatasetAsync(RegistryClient.DatasetHeader(name, csvA, DatasetFormat.Csv, workspaceA), csvA);
        var inB = await Client.UploadDatasetAsync(RegistryClient.DatasetHeader(name, jsonB, DatasetFormat.JsonLines, workspaceB), jsonB);

        Assert.Equal(1, inB.Version);
        Assert.Equal(DatasetFormat.JsonLines, (await Client.GetDatasetVersionAsync(name, 1, workspaceB)).Format);
        Assert.Equal(DatasetFormat.Csv, (await Client.GetDatasetVersionAsync(name, 1, workspaceA)).Format);
        var missing = await Assert.ThrowsAsync<RpcException>(() => Client.GetDatasetVersionAsync(name, 2, workspaceB));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Equal([2, 1], (await Client.ListDatasetVersionsAsync(name, 10, workspace: workspaceA)).Versions.Select(v => v.Version));
        Assert.Equal(jsonB, (await Client.DownloadDatasetVersionAsync(name, 1, workspaceB)).SelectMany(chunk => chunk).ToArray());
    }

    private static DatasetColumnProfile Column(DatasetProfile profile, string name) => profile.Columns.Single(c => c.Name == name);

    private async Task<string> NewDatasetAsync(string workspace = "")
    {
        var name = ModelTests.UniqueName("dataset");
        await Client.CreateDatasetAsync(name, workspace);
        return name;
    }

    private async Task AssertNothingStoredAsync(string name)
    {
        Assert.Equal(0, await registry.DatasetVersionRowsAsync(name));
        Assert.Empty(await registry.DatasetBlobsAsync(name));
        Assert.Equal(0, (await Client.GetDatasetAsync(name)).LatestVersion);
    }
}
