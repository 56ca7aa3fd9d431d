namespace Actors.Pipelines.Filters;

/// <summary>Per-thread working memory of the similarity gate: visit stamps and the LCS pattern.</summary>
internal sealed class GateScratch
{
    private int[] _seen = [];
    private int _stamp;

    public BitParallelLcs Lcs { get; } = new();

    /// <summary>Pool records whose token overlap was computed.</summary>
    public long Visited { get; set; }

    /// <summary>Pairs whose LCS was computed.</summary>
    public long LcsRuns { get; set; }

    /// <summary>Visit marks per pool record; a record is visited in this probe when its mark equals the stamp.</summary>
    public int[] Seen => _seen;

    /// <summary>Starts a new probe over records below <paramref name="poolSize"/> and returns its stamp.</summary>
    public int NextStamp(int poolSize)
    {
        if (_seen.Length < poolSize)
        {
            _seen = new int[Math.Max(poolSize, _seen.Length * 2)];
            _stamp = 0;
        }

        if (_stamp == int.MaxValue)
        {
            Array.Clear(_seen);
            _stamp = 0;
        }

        return ++_stamp;
    }
}
