using Mlops.Registry.Application;
using Mlops.Registry.Application.Uploads;

namespace Mlops.Registry.Tests.Uploads;

public sealed class ArtifactPathsTests
{
    [Theory]
    [InlineData("model.onnx")]
    [InlineData("weights/layer.1/part-00001.bin")]
    [InlineData("a b/c d.txt")]
    [InlineData(".hidden/..dots.../x")]
    [InlineData("\u00e9t\u00e9/\U0001F600")]
    public void Plain_relative_paths_are_valid(string path) => Assert.Null(ArtifactPaths.Problem(path));

    [Theory]
    [InlineData("", "needs a path")]
    [InlineData("/abs", "leading '/'")]
    [InlineData("a/./b", "'.' segment")]
    [InlineData("..", "'..' segment")]
    [InlineData("a/b/", "empty segment")]
    [InlineData("a\\b", "'\\' is not allowed")]
    [InlineData("a\tb", "U+0009")]
    [InlineData("a\u0000b", "U+0000")]
    public void Paths_that_could_escape_or_be_read_two_ways_are_refused(string path, string reason) =>
        Assert.Contains(reason, ArtifactPaths.Problem(path), StringComparison.Ordinal);

    [Fact]
    public void A_path_may_have_1024_characters_and_not_more()
    {
        Assert.Null(ArtifactPaths.Problem(new string('p', 1024)));
        Assert.Contains("1025 characters", ArtifactPaths.Problem(new string('p', 1025)), StringComparison.Ordinal);
    }

    [Fact]
    public void An_artifact_has_at_most_10000_files()
    {
        var paths = new ArtifactPaths();
        for (var i = 0; i < 10_000; i++)
        {
            paths.Add($"f/{i}");
        }

        var error = Assert.Throws<RegistryException>(() => paths.Add("f/one-more"));

        Assert.Equal(RegistryErrorKind.InvalidArgument, error.Kind);
        Assert.Contains("file.path 'f/one-more' is one file too many: an artifact has at most 10000 files", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Paths_are_compared_exactly()
    {
        var paths = new ArtifactPaths();
        paths.Add("Model.onnx");
        paths.Add("model.onnx");
        paths.Add("model.onnx.d/x");

        Assert.Equal(3, paths.Count);
        Assert.Throws<RegistryException>(() => paths.Add("model.onnx"));
    }
}
