using System.Globalization;
using System.Text;
using Mlops.Registry.Application.Datasets.Profiling;

namespace Mlops.Registry.Tests.Datasets;

/// <summary>
/// A network stream (a blob read back from storage) splits its reads differently every time it is opened; the passes
/// over the same bytes must still agree that the file did not change.
/// </summary>
public sealed class ReadSplitTests
{
    [Theory]
    [InlineData(new[] { 4096, 7, 1001 })]
    [InlineData(new[] { 1, 2, 3 })]
    [InlineData(new[] { 65_536, 65_535, 4 })]
    public async Task Passes_that_read_the_same_bytes_in_different_pieces_give_the_profile_of_one_piece(int[] readSizes)
    {
        var text = new StringBuilder("id,label,value\n");
        for (var i = 0; i < 3000; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{i},label-{i % 7},{i * 0.25}\n");
        }

        var data = Encoding.UTF8.GetBytes(text.ToString());
        var passes = 0;

        var profile = await DatasetProfiler.ProfileAsync(
            _ => Task.FromResult<Stream>(new ChunkedStream(data, readSizes[passes++ % readSizes.Length])),
            Profiles.Csv,
            CancellationToken.None);

        Assert.True(passes >= 2);
        Assert.Equal(DatasetProfileJson.Serialize(await Profiles.ProfileAsync(data, Profiles.Csv)), DatasetProfileJson.Serialize(profile));
    }
}
