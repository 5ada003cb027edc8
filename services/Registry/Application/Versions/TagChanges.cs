using System.Globalization;

namespace Mlops.Registry.Application.Versions;

/// <summary>Tags to set and tags to remove, checked once; <see cref="Apply"/> makes the resulting tags.</summary>
public sealed class TagChanges
{
    private readonly IReadOnlyDictionary<string, string> _set;
    private readonly IReadOnlyList<string> _remove;
    private readonly string _setField;

    private TagChanges(IReadOnlyDictionary<string, string> set, IReadOnlyList<string> remove, string setField)
    {
        _set = set;
        _remove = remove;
        _setField = setField;
    }

    public bool IsEmpty => _set.Count == 0 && _remove.Count == 0;

    public IEnumerable<string> SetKeys => _set.Keys;

    public IEnumerable<string> RemovedKeys => _remove;

    public static TagChanges Validate(string setField, IReadOnlyDictionary<string, string> set, string removeField, IReadOnlyList<string> remove)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(remove);
        RegistryRules.Tags(setField, set);
        for (var i = 0; i < remove.Count; i++)
        {
            var key = remove[i];
            if (key.Length is 0 or > RegistryRules.MaxTagKeyLength)
            {
                throw RegistryException.Invalid(string.Create(
                    CultureInfo.InvariantCulture, $"{removeField}[{i}] '{key}' is invalid: a tag key has 1 to {RegistryRules.MaxTagKeyLength} characters."));
            }

            if (set.ContainsKey(key))
            {
                throw RegistryException.Invalid(string.Create(
                    CultureInfo.InvariantCulture, $"{removeField}[{i}] '{key}' is also in {setField}: a tag is either set or removed, not both."));
            }
        }

        return new TagChanges(new Dictionary<string, string>(set, StringComparer.Ordinal), remove.Distinct(StringComparer.Ordinal).ToArray(), setField);
    }

    /// <summary>The tags after the change; a removed key that is not there is no error.</summary>
    public IReadOnlyDictionary<string, string> Apply(IReadOnlyDictionary<string, string> current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var result = new Dictionary<string, string>(current, StringComparer.Ordinal);
        foreach (var key in _remove)
        {
            result.Remove(key);
        }

        foreach (var (key, value) in _set)
        {
            result[key] = value;
        }

        return result.Count <= RegistryRules.MaxTags
            ? result
            : throw RegistryException.Invalid(string.Create(
                CultureInfo.InvariantCulture, $"{_setField} would leave {result.Count} tags: at most {RegistryRules.MaxTags} are allowed; remove some in the same request."));
    }

    public static bool SameTags(IReadOnlyDictionary<string, string> left, IReadOnlyDictionary<string, string> right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return left.Count == right.Count && left.All(tag => right.TryGetValue(tag.Key, out var value) && value == tag.Value);
    }
}
