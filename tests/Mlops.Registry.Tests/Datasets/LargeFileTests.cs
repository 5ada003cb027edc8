using System.Diagnostics;
using System.Globalization;
using System.Text;
using Mlops.Registry.Application.Datasets.Profiling;
using Xunit.Abstractions;

namespace Mlops.Registry.Tests.Datasets;

/// <summary>Runs alone: it measures the managed heap, which other tests in the process would add to.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LargeFileCollection
{
    public const string Name = "Datasets large file";
}

[Collection(LargeFileCollection.Name)]
public sealed class LargeFileTests(ITestOutputHelper output) : IDisposable
{
    private const int Rows = 750_000;
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"mlops-profile-{Guid.NewGuid():N}.csv");

    [Fact]
    public async Task A_file_of_about_70_MB_is_profiled_with_a_heap_of_a_small_fraction_of_its_size()
    {
        var fileSize = WriteFile(_path);
        GC.Collect();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var probes = new List<MeasuringStream>();
        var stopwatch = Stopwatch.StartNew();

        var profile = await DatasetProfiler.ProfileAsync(
            _ =>
            {
                var probe = new MeasuringStream(File.OpenRead(_path));
                probes.Add(probe);
                return Task.FromResult<Stream>(probe);
            },
            new DatasetProfileOptions(DatasetFormat.Csv),
            CancellationToken.None);

        var peak = probes.Max(p => p.PeakLiveBytes) - baseline;
        output.WriteLine($"{fileSize / 1e6:F1} MB, {probes.Count} passes, {stopwatch.Elapsed.TotalSeconds:F1} s, peak live heap +{peak / 1e6:F1} MB");
        Assert.True(fileSize > 65_000_000, $"the file has {fileSize} bytes");
        Assert.True(peak < fileSize / 4, $"the live heap grew by {peak} bytes for a file of {fileSize}");

        Assert.Equal(Rows, profile.RowCount);
        Assert.Equal(["id", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "user", "plan"], profile.Columns.Select(c => c.Name));

        // id is 0 .. n-1, so its figures are known without reading it back.
        var id = profile.Column("id").Numeric!;
        Assert.Equal((0.0, Rows - 1.0, (Rows - 1) / 2.0), (id.Min, id.Max, id.Mean));
        Assert.Equal((Rows - 1) * 0.25, id.Quantiles!.P25);
        Assert.Equal((Rows - 1) * 0.99, id.Quantiles.P99, 6);
        Assert.All(id.Histogram!.Counts, c => Assert.Equal(Rows / 20, c));

        var x1 = profile.Column("x1");
        Assert.Equal((ColumnType.Float, Rows - (Rows / 1000L)), (x1.Type, x1.Count));
        Assert.Equal(x1.Count, x1.Numeric!.Histogram!.Counts.Sum());

        var user = profile.Column("user").Categorical!;
        Assert.Equal((100_001L, false), (user.DistinctCount, user.DistinctCountExact));
        Assert.Equal(new CategoryCount("u-0", Rows / 10), user.TopCategories[0]);

        var plan = profile.Column("plan").Categorical!;
        Assert.Equal((3L, true), (plan.DistinctCount, plan.TopCategoriesExact));
        Assert.Equal([new("basic", Rows / 2), new("pro", Rows / 3), new("enterprise", Rows - (Rows / 2) - (Rows / 3))], plan.TopCategories);
    }

    public void Dispose() => File.Delete(_path);

    /// <summary>About 85 bytes a row: a row number, eight floats (one in a thousand empty), a user id, a plan.</summary>
    private static long WriteFile(string path)
    {
        var random = new Random(2024);
        using (var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), bufferSize: 1 << 20))
        {
            writer.Write("id,x1,x2,x3,x4,x5,x6,x7,x8,user,plan\n");
            var line = new StringBuilder();
            for (var row = 0; row < Rows; row++)
            {
                line.Clear().Append(row.ToString(CultureInfo.InvariantCulture));
                for (var column = 0; column < 8; column++)
                {
                    line.Append(',');
                    if (column != 0 || row % 1000 != 0)
                    {
                        line.Append((random.NextDouble() * 2000 - 1000).ToString("F4", CultureInfo.InvariantCulture));
                    }
                }

                // Every tenth row is the same user; the rest are spread over a million ids.
                line.Append(",u-").Append(row % 10 == 0 ? 0 : random.Next(1, 1_000_000))
                    .Append(',').Append(row % 6 is 0 or 2 or 4 ? "basic" : row % 6 is 1 or 3 ? "pro" : "enterprise")
                    .Append('\n');
                writer.Write(line);
            }
        }

        return new FileInfo(path).Length;
    }

    /// <summary>Forces a full collection every few megabytes read and keeps the largest live heap it saw.</summary>
    private sealed class MeasuringStream(Stream inner) : Stream
    {
        private const long Interval = 8 * 1024 * 1024;
        private long _sinceLastProbe;

        public long PeakLiveBytes { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Counted(await inner.ReadAsync(buffer, cancellationToken));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private int Counted(int read)
        {
            _sinceLastProbe += read;
            if (_sinceLastProbe >= Interval || read == 0)
            {
                _sinceLastProbe = 0;
                PeakLiveBytes = Math.Max(PeakLiveBytes, GC.GetTotalMemory(forceFullCollection: true));
            }

            return read;
        }
    }
}
