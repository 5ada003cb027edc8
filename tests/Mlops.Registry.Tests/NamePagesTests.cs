using Mlops.Registry.Application;

namespace Mlops.Registry.Tests;

public sealed class NamePagesTests
{
    [Fact]
    public void The_extra_item_is_cut_and_the_token_continues_after_the_last_name_on_the_page()
    {
        var (items, nextPageToken) = NamePages.Cut(["a", "b", "c"], 2, name => name);

        Assert.Equal(["a", "b"], items);
        Assert.Equal("b", PageTokens.Decode(nextPageToken));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Without_the_extra_item_it_is_the_last_page(int count)
    {
        var fetched = new[] { "a", "b" }.Take(count).ToList();

        var (items, nextPageToken) = NamePages.Cut(fetched, 2, name => name);

        Assert.Equal(fetched, items);
        Assert.Equal("", nextPageToken);
    }
}
