using System.Globalization;
using Actors.Metrics.Prometheus;

namespace Actors.Metrics.Collection;

/// <summary>
/// An immutable tag set, the key of one series: tag names with their values as text, sorted by name. Its hash
/// does not depend on the order of the tags, so a measurement whose tags come in another order finds it too.
/// </summary>
internal sealed class TagKey
{
    private IReadOnlyDictionary<string, string>? _labels;

    private TagKey(KeyValuePair<string, string>[] tags, int hash)
    {
        Tags = tags;
        Hash = hash;
    }

    /// <summary>The key of measurements without tags.</summary>
    public static TagKey Empty { get; } = new([], 0);

    /// <summary>The key of the series that collects measurements once an instrument has too many series.</summary>
    public static TagKey Overflow { get; } = Create([new KeyValuePair<string, object?>("actors_overflow", "true")]);

    public KeyValuePair<string, string>[] Tags { get; }

    public int Hash { get; }

    /// <summary>The tags as Prometheus labels (names sanitized; when two names collide, the later one wins).</summary>
    public IReadOnlyDictionary<string, string> Labels => _labels ??= BuildLabels();

    public static TagKey Create(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return Empty;
        }

        var pairs = new KeyValuePair<string, string>[tags.Length];
        int hash = 0;
        for (int i = 0; i < tags.Length; i++)
        {
            string value = Format(tags[i].Value);
            pairs[i] = new KeyValuePair<string, string>(tags[i].Key ?? "", value);
            hash += PairHash(pairs[i].Key, value);
        }

        Array.Sort(pairs, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return new TagKey(pairs, hash);
    }

    /// <summary>The order-independent hash of a measurement's tags; equals <see cref="Hash"/> of the key they create.</summary>
    public static int HashOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        int hash = 0;
        foreach (var tag in tags)
        {
            hash += PairHash(tag.Key ?? "", tag.Value as string ?? Format(tag.Value));
        }

        return hash;
    }

    /// <summary>Whether a measurement's tags are this key's tags (as a multiset of name/value pairs).</summary>
    public bool Matches(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length != Tags.Length)
        {
            return false;
        }

        for (int i = 0; i < tags.Length; i++)
        {
            string name = tags[i].Key ?? "";
            object? value = tags[i].Value;
            // Callers usually pass tags in one fixed order; try the same position first.
            if (!(i < Tags.Length && Same(Tags[i], name, value)) && !Contains(name, value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Text of a tag value as it appears in a label: strings as they are, numbers in invariant culture.</summary>
    public static string Format(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private bool Contains(string name, object? value)
    {
        foreach (var pair in Tags)
        {
            if (Same(pair, name, value))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Same(KeyValuePair<string, string> pair, string name, object? value) =>
        string.Equals(pair.Key, name, StringComparison.Ordinal)
        && string.Equals(pair.Value, value as string ?? Format(value), StringComparison.Ordinal);

    /// <summary>
    /// A cheap, deterministic hash of a tag (FNV-1a over the value's characters, mixed with the name's length).
    /// Collisions only cost a comparison; series count is capped, so a crafted collision cannot grow a chain
    /// without bound.
    /// </summary>
    private static int PairHash(string name, string value)
    {
        uint hash = 2166136261u ^ (uint)name.Length;
        foreach (char c in value)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash ^ ((uint)name.Length << 24) ^ (name.Length > 0 ? name[^1] : 0u));
    }

    private Dictionary<string, string> BuildLabels()
    {
        var labels = new Dictionary<string, string>(Tags.Length, StringComparer.Ordinal);
        foreach (var (name, value) in Tags)
        {
            labels[PrometheusNaming.SanitizeLabelName(name)] = value;
        }

        return labels;
    }
}
