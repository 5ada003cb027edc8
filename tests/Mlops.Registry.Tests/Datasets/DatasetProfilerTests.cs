using System.Text;
using Mlops.Registry.Application;
using Mlops.Registry.Application.Datasets.Profiling;

namespace Mlops.Registry.Tests.Datasets;

public sealed class DatasetProfilerTests
{
    [Fact]
    public async Task Each_pass_opens_the_file_again_and_disposes_it()
    {
        var streams = new List<TrackedStream>();

        var profile = await DatasetProfiler.ProfileAsync(
            _ =>
            {
                streams.Add(new TrackedStream("a,b\n1,x\n2,y\n"u8.ToArray()));
                return Task.FromResult<Stream>(streams[^1]);
            },
            Profiles.Csv,
            CancellationToken.None);

        Assert.Equal(2, profile.RowCount);
        Assert.Equal(2, streams.Count);
        Assert.All(streams, s => Assert.True(s.Disposed));
    }

    [Theory]
    [InlineData("a,b\n1,x\n2,y\n3,z\n")]
    [InlineData("a,c\n1,x\n2,y\n")]
    [InlineData("a,b\n1,x\n2.5,y\n")]
    [InlineData("a,b\n2,x\n1,y\n")]
    [InlineData("a,b\n1,x\n2,y")]
    public async Task A_file_that_changes_between_passes_is_not_profiled(string secondPass)
    {
        var opened = 0;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => DatasetProfiler.ProfileAsync(
            _ => Task.FromResult<Stream>(new MemoryStream(Encoding.UTF8.GetBytes(opened++ == 0 ? "a,b\n1,x\n2,y\n" : secondPass))),
            Profiles.Csv,
            CancellationToken.None));

        Assert.Contains("changed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancelled_profile_stops()
    {
        using var cancellation = new CancellationTokenSource();
        var data = Encoding.UTF8.GetBytes("v\n" + string.Concat(Enumerable.Range(0, 200_000).Select(i => $"{i}\n")));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => DatasetProfiler.ProfileAsync(
            _ =>
            {
                cancellation.Cancel();
                return Task.FromResult<Stream>(new ChunkedStream(data, 4096));
            },
            Profiles.Csv,
            cancellation.Token));
    }

    [Fact]
    public async Task Too_many_CSV_null_values_are_refused()
    {
        var options = Profiles.Csv with { CsvNullValues = [.. Enumerable.Range(0, 65).Select(i => $"n{i}")] };

        var error = await Assert.ThrowsAsync<RegistryException>(() => Profiles.CsvAsync("a\n1\n", options));

        Assert.Equal(RegistryErrorKind.InvalidArgument, error.Kind);
    }

    private sealed class TrackedStream(byte[] data) : MemoryStream(data, writable: false)
    {
        public bool Disposed { get; private set; }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
