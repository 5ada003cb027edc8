using Mlops.Registry.Application;
using Mlops.Registry.Application.Versions;

namespace Mlops.Registry.Tests.Versions;

public sealed class TagChangesTests
{
    private static readonly Dictionary<string, string> Current = new() { ["team"] = "risk", ["stage"] = "dev" };

    [Fact]
    public void Set_overwrites_and_adds_and_remove_drops_ignoring_missing_keys()
    {
        var changes = TagChanges.Validate("set_tags", new Dictionary<string, string> { ["stage"] = "prod", ["owner"] = "ann" }, "remove_tags", ["team", "absent"]);

        var result = changes.Apply(Current);

        Assert.Equal(new Dictionary<string, string> { ["stage"] = "prod", ["owner"] = "ann" }, result);
    }

    [Fact]
    public void A_key_both_set_and_removed_is_refused()
    {
        var error = Assert.Throws<RegistryException>(() =>
            TagChanges.Validate("set_tags", new Dictionary<string, string> { ["team"] = "growth" }, "remove_tags", ["stage", "team"]));

        Assert.Equal("remove_tags[1] 'team' is also in set_tags: a tag is either set or removed, not both.", error.Message);
    }

    [Fact]
    public void The_result_may_have_50_tags_but_not_51()
    {
        var fortyEight = Enumerable.Range(0, 48).ToDictionary(i => $"k{i}", _ => "v");
        Assert.Equal(50, TagChanges.Validate("set_tags", fortyEight, "remove_tags", []).Apply(Current).Count);

        var fortyNine = Enumerable.Range(0, 49).ToDictionary(i => $"k{i}", _ => "v");
        var error = Assert.Throws<RegistryException>(() => TagChanges.Validate("set_tags", fortyNine, "remove_tags", []).Apply(Current));
        Assert.Contains("set_tags would leave 51 tags: at most 50 are allowed", error.Message, StringComparison.Ordinal);

        // Removing in the same request makes room.
        Assert.Equal(50, TagChanges.Validate("set_tags", fortyNine, "remove_tags", ["team"]).Apply(Current).Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(129)]
    public void A_removed_key_has_1_to_128_characters(int length)
    {
        Assert.False(TagChanges.Validate("set_tags", new Dictionary<string, string>(), "remove_tags", [new string('k', 128)]).IsEmpty);

        var error = Assert.Throws<RegistryException>(() => TagChanges.Validate("set_tags", new Dictionary<string, string>(), "remove_tags", [new string('k', length)]));

        Assert.StartsWith("remove_tags[0]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Etags_differ_by_revision_and_by_creation_but_not_otherwise()
    {
        var time = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var model = new ModelInfo(Guid.NewGuid(), "w", "m", "", new Dictionary<string, string>(), "u", time, 0);

        Assert.Equal(Etags.Of(model), Etags.Of(model with { Description = "changed", Id = Guid.NewGuid() }));
        Assert.NotEqual(Etags.Of(model), Etags.Of(model with { Revision = 2 }));
        Assert.NotEqual(Etags.Of(model), Etags.Of(model with { CreateTime = time.AddTicks(10) }));
        Assert.NotEqual(Etags.Of(model), Etags.Of(model with { Name = "m2" }));
    }
}
