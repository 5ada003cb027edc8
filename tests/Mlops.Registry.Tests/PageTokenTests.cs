using Mlops.Registry.Application;

namespace Mlops.Registry.Tests;

public sealed class PageTokenTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("model-1.2_x")]
    [InlineData("9zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz")]
    public void A_token_gives_back_the_name_it_was_made_from(string name) =>
        Assert.Equal(name, PageTokens.Decode(PageTokens.Encode(name)));

    [Fact]
    public void No_token_means_the_first_page()
    {
        Assert.Null(PageTokens.Decode(null));
        Assert.Null(PageTokens.Decode(""));
    }

    [Theory]
    [InlineData("%%%")]
    [InlineData("djE6")]
    [InlineData("YWJj")]
    public void A_token_the_server_did_not_make_is_invalid_argument(string token)
    {
        var error = Assert.Throws<RegistryException>(() => PageTokens.Decode(token));

        Assert.Equal(RegistryErrorKind.InvalidArgument, error.Kind);
        Assert.Contains("page_token", error.Message, StringComparison.Ordinal);
    }
}
