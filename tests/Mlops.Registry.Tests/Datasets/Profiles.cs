using System.Text;
using Mlops.Registry.Application.Datasets.Profiling;

namespace Mlops.Registry.Tests.Datasets;

/// <summary>Profiles in-memory files, counting the passes and optionally serving the bytes in small reads.</summary>
internal static class Profiles
{
    public static DatasetProfileOptions Csv { get; } = new(DatasetFormat.Csv);

    public static DatasetProfileOptions JsonLines { get; } = new(DatasetFormat.JsonLines);

    public static Task<DatasetProfile> CsvAsync(string text, DatasetProfileOptions? options = null) =>
        ProfileAsync(Encoding.UTF8.GetBytes(text), options ?? Csv);

    public static Task<DatasetProfile> JsonLinesAsync(string text, DatasetProfileOptions? options = null) =>
        ProfileAsync(Encoding.UTF8.GetBytes(text), options ?? JsonLines);

    public static async Task<DatasetProfile> ProfileAsync(byte[] data, DatasetProfileOptions options, int readSize = int.MaxValue) =>
        (await CountingPassesAsync(data, options, readSize)).Profile;

    public static async Task<(DatasetProfile Profile, int Passes)> CountingPassesAsync(byte[] data, DatasetProfileOptions options, int readSize = int.MaxValue)
    {
        var passes = 0;
        var profile = await DatasetProfiler.ProfileAsync(
            _ =>
            {
                passes++;
                return Task.FromResult<Stream>(new ChunkedStream(data, readSize));
            },
            options,
            CancellationToken.None);
        return (profile, passes);
    }

    public static ColumnProfile Column(this DatasetProfile profile, string name) => profile.Columns.Single(c => c.Name == name);

    public static async Task<string> InvalidCsvMessageAsync(string text, DatasetProfileOptions? options = null) =>
        (await Assert.ThrowsAsync<Application.RegistryException>(() => CsvAsync(text, options))).Message;

    public static async Task<string> InvalidJsonLinesMessageAsync(string text, DatasetProfileOptions? options = null) =>
        (await Assert.ThrowsAsync<Application.RegistryException>(() => JsonLinesAsync(text, options))).Message;
}
