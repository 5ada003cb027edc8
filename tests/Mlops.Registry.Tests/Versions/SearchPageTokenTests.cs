using System.Buffers.Text;
using System.Text;
using Mlops.Registry.Application;
using Mlops.Registry.Application.Search;
using Mlops.Registry.Application.Versions;

namespace Mlops.Registry.Tests.Versions;

public sealed class SearchPageTokenTests
{
    private static readonly IReadOnlyList<OrderByField> Order =
        RegistrySearchSchemas.ModelVersions.ParseOrderBy(["metrics.auc DESC", "name", "version", "create_time DESC"]);

    private static readonly string Fingerprint = SearchPageTokens.Fingerprint("versions", "w", "", "tags.team = 'risk'", ["metrics.auc DESC", "name"]);

    [Fact]
    public void A_cursor_of_every_type_and_nulls_round_trips_exactly()
    {
        var cursor = new SearchCursor([0.1 + 0.2, null, 42L, new DateTimeOffset(2025, 5, 6, 7, 8, 9, TimeSpan.Zero).AddTicks(1230)], Guid.NewGuid());

        var decoded = SearchPageTokens.Decode(SearchPageTokens.Encode(Fingerprint, cursor, Order), Fingerprint, Order)!;

        Assert.Equal(cursor.Values, decoded.Values);
        Assert.Equal(cursor.Id, decoded.Id);
        Assert.Null(SearchPageTokens.Decode("", Fingerprint, Order));
    }

    [Fact]
    public void A_token_of_another_search_is_refused_as_such()
    {
        var token = SearchPageTokens.Encode(Fingerprint, new SearchCursor([0.5, "y", 1L, DateTimeOffset.UnixEpoch], Guid.NewGuid()), Order);
        var other = SearchPageTokens.Fingerprint("versions", "w", "", "tags.team = 'growth'", ["metrics.auc DESC", "name"]);

        var error = Assert.Throws<RegistryException>(() => SearchPageTokens.Decode(token, other, Order));

        Assert.Equal(RegistryErrorKind.InvalidArgument, error.Kind);
        Assert.StartsWith("page_token belongs to another search", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fingerprints_tell_apart_what_only_concatenation_would_confuse()
    {
        Assert.NotEqual(SearchPageTokens.Fingerprint("versions", "w", "", "", ["a", "b"]), SearchPageTokens.Fingerprint("versions", "w", "", "", ["ab"]));
        Assert.NotEqual(SearchPageTokens.Fingerprint("versions", "w", "m", "", []), SearchPageTokens.Fingerprint("versions", "wm", "", "", []));
        Assert.NotEqual(SearchPageTokens.Fingerprint("list", "w", "m", "", []), SearchPageTokens.Fingerprint("versions", "w", "m", "", []));
    }

    [Theory]
    [InlineData("not a token!")]
    [InlineData("djE6bmFtZQ")] // a ListModels token ("v1:name")
    [InlineData("czE6e30")] // "s1:{}"
    [InlineData("czE6eyJrIjpbXX0")] // "s1:{\"k\":[]}"
    public void A_token_the_server_did_not_make_is_invalid(string token)
    {
        var error = Assert.Throws<RegistryException>(() => SearchPageTokens.Decode(token, Fingerprint, Order));

        Assert.StartsWith("page_token is invalid", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_whose_values_do_not_fit_the_order_is_invalid()
    {
        // The right fingerprint, but a string where the order has a number.
        var json = $"s1:{{\"f\":\"{Fingerprint}\",\"k\":[\"high\",\"x\",1,0],\"i\":\"{Guid.NewGuid()}\"}}";
        var token = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

        var error = Assert.Throws<RegistryException>(() => SearchPageTokens.Decode(token, Fingerprint, Order));

        Assert.StartsWith("page_token is invalid", error.Message, StringComparison.Ordinal);
    }
}
