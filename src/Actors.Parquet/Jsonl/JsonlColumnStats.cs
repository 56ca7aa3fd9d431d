namespace Actors.Parquet.Jsonl;

/// <summary>What inference saw for one key across all records.</summary>
internal sealed class JsonlColumnStats
{
    private readonly int[] _counts = new int[Enum.GetValues<JsonlColumnKind>().Length];

    public JsonlColumnStats(string name, int firstSeenInRecord)
    {
        Name = name;
        FirstSeenInRecord = firstSeenInRecord;
    }

    public string Name { get; }

    /// <summary>Index of the first record holding the key: records before it lack the key, so it is nullable.</summary>
    public int FirstSeenInRecord { get; }

    public int Present { get; set; }

    public bool SawNull { get; set; }

    public bool SawNullElement { get; set; }

    public void Count(JsonlColumnKind kind) => _counts[(int)kind]++;

    /// <summary>
    /// The column's kind: integers and doubles together make a double column (integers convert
    /// exactly up to 2^53; larger ones are reported); otherwise the most frequent kind wins and
    /// records of other kinds are reported.
    /// </summary>
    public JsonlColumnKind? Resolve()
    {
        int integers = _counts[(int)JsonlColumnKind.Integer], doubles = _counts[(int)JsonlColumnKind.Double];
        if (integers > 0 && doubles > 0)
        {
            _counts[(int)JsonlColumnKind.Double] += integers;
            _counts[(int)JsonlColumnKind.Integer] = 0;
        }

        int best = -1;
        for (int i = 0; i < _counts.Length; i++)
        {
            if (_counts[i] > 0 && (best < 0 || _counts[i] > _counts[best]))
            {
                best = i;
            }
        }

        return best < 0 ? null : (JsonlColumnKind)best;
    }
}
