using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mlops.Registry.Application.Search;

namespace Mlops.Registry.Application.Versions;

/// <summary>
/// Page tokens of searches and version listings: the last row's cursor and a fingerprint of the search it belongs
/// to, as JSON, base64url-encoded behind a version prefix so that clients treat it as opaque. A token is only
/// good for the search that made it: with another workspace, model, filter or order_by the rows "after" it would
/// be a different set, so it is refused rather than silently giving a wrong page.
/// </summary>
public static class SearchPageTokens
{
    private const string Prefix = "s1:";
    private const string Invalid = "page_token is invalid: pass the next_page_token of a previous response, or nothing for the first page.";

    /// <summary>A digest of everything that decides which rows a search returns in which order.</summary>
    public static string Fingerprint(string kind, string workspace, string model, string filter, IReadOnlyList<string> orderBy)
    {
        ArgumentNullException.ThrowIfNull(orderBy);
        var text = new StringBuilder();
        foreach (var part in new[] { kind, workspace, model, filter }.Concat(orderBy))
        {
            // Length-prefixed, so that no two different lists of parts read the same.
            text.Append(CultureInfo.InvariantCulture, $"{part.Length}:{part};");
        }

        return Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())).AsSpan(0, 12));
    }

    public static string Encode(string fingerprint, SearchCursor cursor, IReadOnlyList<OrderByField> orderBy)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        ArgumentNullException.ThrowIfNull(orderBy);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("f", fingerprint);
            json.WriteStartArray("k");
            for (var i = 0; i < orderBy.Count; i++)
            {
                WriteValue(json, orderBy[i].Field.Type, cursor.Values[i]);
            }

            json.WriteEndArray();
            json.WriteString("i", cursor.Id);
            json.WriteEndObject();
        }

        return Base64Url.EncodeToString([.. Encoding.UTF8.GetBytes(Prefix), .. buffer.ToArray()]);
    }

    /// <summary>The cursor to continue after, or null for the first page.</summary>
    public static SearchCursor? Decode(string? token, string fingerprint, IReadOnlyList<OrderByField> orderBy)
    {
        ArgumentNullException.ThrowIfNull(orderBy);
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var bytes = Base64Url.DecodeFromChars(token);
            var prefix = Encoding.UTF8.GetBytes(Prefix);
            if (!bytes.AsSpan().StartsWith(prefix))
            {
                throw RegistryException.Invalid(Invalid);
            }

            using var document = JsonDocument.Parse(bytes.AsMemory(prefix.Length));
            var root = document.RootElement;
            if (root.GetProperty("f").GetString() != fingerprint)
            {
                throw RegistryException.Invalid(
                    "page_token belongs to another search: a token is only good with the workspace, model_name, filter and order_by of the request that returned it. Repeat those exactly, or start again without a page token.");
            }

            var keys = root.GetProperty("k");
            if (keys.GetArrayLength() != orderBy.Count)
            {
                throw RegistryException.Invalid(Invalid);
            }

            var values = keys.EnumerateArray().Select((value, i) => ReadValue(value, orderBy[i].Field.Type)).ToArray();
            return new SearchCursor(values, root.GetProperty("i").GetGuid());
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw RegistryException.Invalid(Invalid);
        }
    }

    private static void WriteValue(Utf8JsonWriter json, SearchValueType type, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case DateTimeOffset time when type == SearchValueType.Timestamp:
                json.WriteNumberValue(time.UtcTicks);
                break;
            case double number when type == SearchValueType.Number:
                json.WriteNumberValue(number);
                break;
            case long integer when type == SearchValueType.Integer:
                json.WriteNumberValue(integer);
                break;
            case bool boolean when type == SearchValueType.Boolean:
                json.WriteBooleanValue(boolean);
                break;
            case string text when type is SearchValueType.Text or SearchValueType.Enum:
                json.WriteStringValue(text);
                break;
            default:
                throw new ArgumentException($"A cursor value {value} ({value.GetType().Name}) does not fit a field of type {type}.", nameof(value));
        }
    }

    private static object? ReadValue(JsonElement value, SearchValueType type) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.Number when type == SearchValueType.Timestamp => new DateTimeOffset(value.GetInt64(), TimeSpan.Zero),
        JsonValueKind.Number when type == SearchValueType.Number => value.GetDouble(),
        JsonValueKind.Number when type == SearchValueType.Integer => value.GetInt64(),
        JsonValueKind.True or JsonValueKind.False when type == SearchValueType.Boolean => value.GetBoolean(),
        JsonValueKind.String when type is SearchValueType.Text or SearchValueType.Enum => value.GetString(),
        _ => throw new FormatException("The cursor value does not fit its field."),
    };
}
