using Mlops.Registry.Application.Uploads;

namespace Mlops.Registry.Tests.Uploads;

public sealed class ArtifactManifestTests
{
    [Fact]
    public void The_digest_is_what_sha256sum_of_the_sorted_files_piped_into_sha256sum_prints()
    {
        // printf 'hello\n' > a.txt; : > dir/b.bin; sha256sum a.txt dir/b.bin | sha256sum
        var files = new[]
        {
            ("dir/b.bin", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("a.txt", "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03"),
        };

        Assert.Equal("95e389c88e57caf1c3faa1fc2bd8f210132485ece08f16ca49298deed9492cf3", ArtifactManifest.Sha256(files));
    }

    [Fact]
    public void Files_are_ordered_by_the_utf8_bytes_of_their_paths()
    {
        // UTF-16 ordinal order would put the emoji (a surrogate pair, 0xD83D...) before U+FF61 and U+E000.
        string[] paths = ["\U0001F600", "\uFF61", "\uE000", "b", "B", "a/b", "a.b"];

        var ordered = ArtifactManifest.Ordered(paths, path => path);

        Assert.Equal(["B", "a.b", "a/b", "b", "\uE000", "\uFF61", "\U0001F600"], ordered);
    }
}
