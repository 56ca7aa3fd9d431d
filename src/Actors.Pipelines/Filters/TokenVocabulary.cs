namespace Actors.Pipelines.Filters;

/// <summary>Interns token strings to dense ids (0, 1, 2, ...) so comparisons are integer comparisons.</summary>
internal sealed class TokenVocabulary
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public TokenVocabulary() => _lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Number of distinct tokens seen; every id is below it.</summary>
    public int Count => _ids.Count;

    /// <summary>The id of a token, assigning the next id the first time the token is seen.</summary>
    public int GetOrAdd(ReadOnlySpan<char> token)
    {
        if (_lookup.TryGetValue(token, out var id))
        {
            return id;
        }

        id = _ids.Count;
        _lookup[token] = id;
        return id;
    }
}
