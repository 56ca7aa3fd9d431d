namespace Actors.Corpus.Reading;

/// <summary>The named fields of one WARC record header (names case-insensitive; a repeated name keeps the first value).</summary>
internal sealed class WarcHeaders
{
    private readonly Dictionary<string, string> _fields = new(StringComparer.OrdinalIgnoreCase);
    private string? _last;

    public string? this[string name] => _fields.GetValueOrDefault(name);

    public void Add(string name, string value)
    {
        _fields.TryAdd(name, value);
        _last = name;
    }

    /// <summary>Appends a folded continuation line to the last field.</summary>
    public bool Continue(string value)
    {
        if (_last is null)
        {
            return false;
        }

        _fields[_last] = _fields[_last] + " " + value;
        return true;
    }
}
