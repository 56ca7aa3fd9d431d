namespace Actors.Metrics.Collection;

/// <summary>
/// Compares tag keys, and a measurement's tag span with a stored key, so the hot path finds an existing
/// series without allocating (the span is an alternate key of the series dictionary).
/// </summary>
internal sealed class TagKeyComparer : IEqualityComparer<TagKey>, IAlternateEqualityComparer<ReadOnlySpan<KeyValuePair<string, object?>>, TagKey>
{
    public static TagKeyComparer Instance { get; } = new();

    public bool Equals(TagKey? x, TagKey? y)
    {
        if (ReferenceEquals(x, y))
        {
            return true;
        }

        if (x is null || y is null || x.Hash != y.Hash || x.Tags.Length != y.Tags.Length)
        {
            return false;
        }

        for (int i = 0; i < x.Tags.Length; i++)
        {
            if (!string.Equals(x.Tags[i].Key, y.Tags[i].Key, StringComparison.Ordinal)
                || !string.Equals(x.Tags[i].Value, y.Tags[i].Value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public int GetHashCode(TagKey obj) => obj.Hash;

    public bool Equals(ReadOnlySpan<KeyValuePair<string, object?>> alternate, TagKey other) => other.Matches(alternate);

    public int GetHashCode(ReadOnlySpan<KeyValuePair<string, object?>> alternate) => TagKey.HashOf(alternate);

    public TagKey Create(ReadOnlySpan<KeyValuePair<string, object?>> alternate) => TagKey.Create(alternate);
}
