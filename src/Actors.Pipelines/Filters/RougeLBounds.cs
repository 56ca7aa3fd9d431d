namespace Actors.Pipelines.Filters;

/// <summary>
/// Exact pruning bounds for "ROUGE-L F above the threshold", derived from the same double formula the
/// decision uses (<see cref="RougeL.FMeasure"/>), cached per token count.
/// </summary>
/// <remarks>
/// F grows with the LCS length L, and L is at most min(m, n) and at most the token-multiset overlap. So a
/// pair of lengths m and n can only exceed the threshold when F(min(m, n), m, n) does (a window of partner
/// lengths per m), and then only with an overlap of at least <see cref="Required"/>(m, n), the smallest L whose
/// F exceeds the threshold. All of them are found by evaluating F itself, so they agree with the decision
/// bit for bit. (F is monotone in L and in the lengths; consecutive integers move F by far more than a
/// rounding error, so evaluating it in doubles keeps that order.) Not thread-safe while growing:
/// <see cref="Ensure"/> runs on the owner's thread; the getters are safe to call from many threads after it.
/// </remarks>
internal sealed class RougeLBounds
{
    // Rows of Required(m, ·) are cached for partner lengths up to this; longer ones are computed on demand.
    private const int MaxCachedPartner = 1 << 14;

    private readonly double _threshold;
    private int[] _minPartner = [];
    private int[] _maxPartner = [];
    private int[] _minOverlap = [];
    private int[]?[] _required = [];
    private int _computed;

    public RougeLBounds(double threshold) => _threshold = threshold;

    /// <summary>Whether an LCS of <paramref name="lcs"/> tokens between lengths m and n exceeds the threshold.</summary>
    public bool Exceeds(int lcs, int m, int n) => RougeL.FMeasure(lcs, m, n) > _threshold;

    /// <summary>Shortest partner length that can exceed the threshold with a text of m tokens.</summary>
    public int MinPartner(int m) => _minPartner[m];

    /// <summary>Longest partner length that can exceed the threshold with a text of m tokens.</summary>
    public int MaxPartner(int m) => _maxPartner[m];

    /// <summary>The smallest <see cref="Required"/>(m, n) over all partner lengths n.</summary>
    public int MinimumOverlap(int m) => _minOverlap[m];

    /// <summary>
    /// The smallest LCS (so also the smallest overlap) with which lengths m and n exceed the threshold;
    /// int.MaxValue when none does. Needs <see cref="Ensure"/>(m) first.
    /// </summary>
    public int Required(int m, int n)
    {
        var row = _required[m];
        return row is not null && n < row.Length ? row[n] : ComputeRequired(m, n);
    }

    /// <summary>Makes length <paramref name="length"/> (and every shorter one) available. Owner thread only.</summary>
    public void Ensure(int length)
    {
        if (length >= _computed)
        {
            var size = Math.Max(length + 1, _computed * 2);
            Array.Resize(ref _minPartner, size);
            Array.Resize(ref _maxPartner, size);
            Array.Resize(ref _minOverlap, size);
            Array.Resize(ref _required, size);
            for (var m = _computed; m < size; m++)
            {
                Compute(m);
            }

            _computed = size;
        }

        if (_required[length] is null && length > 0 && _maxPartner[length] >= _minPartner[length])
        {
            var row = new int[Math.Min(_maxPartner[length], MaxCachedPartner) + 1];
            for (var n = 0; n < row.Length; n++)
            {
                row[n] = ComputeRequired(length, n);
            }

            _required[length] = row;
        }
    }

    private int ComputeRequired(int m, int n)
    {
        if (m == 0 || n == 0 || n < _minPartner[m] || n > _maxPartner[m])
        {
            return int.MaxValue;
        }

        var most = Math.Min(m, n);
        // F = 2L/(m+n) in exact arithmetic: start just below threshold·(m+n)/2 and let F decide.
        var l = (int)Math.Clamp(Math.Floor(_threshold * ((double)m + n) / 2) - 1, 1, most);
        while (l > 1 && Exceeds(l - 1, m, n))
        {
            l--;
        }

        while (l <= most && !Exceeds(l, m, n))
        {
            l++;
        }

        return l <= most ? l : int.MaxValue;
    }

    private void Compute(int m)
    {
        if (m == 0)
        {
            // No tokens: the score is 0 against everything; an empty window.
            _minPartner[0] = 1;
            _maxPartner[0] = 0;
            _minOverlap[0] = int.MaxValue;
            return;
        }

        // Partners shorter than m: the best possible F is F(n, m, n), increasing in n.
        var low = 1;
        while (low <= m && !Exceeds(low, m, low))
        {
            low++;
        }

        if (low > m)
        {
            // Not even an identical text exceeds the threshold (threshold >= 1): nothing can match.
            _minPartner[m] = int.MaxValue;
            _maxPartner[m] = 0;
            _minOverlap[m] = int.MaxValue;
            return;
        }

        // Partners longer than m: the best possible F is F(m, m, n) = 2m/(m+n), decreasing in n, so n must stay
        // below m(2 - threshold)/threshold; start just under that and let F decide the last steps. A threshold
        // of 0 admits partners of any length.
        var high = int.MaxValue;
        if (_threshold > 0)
        {
            high = (int)Math.Clamp(Math.Floor(m * (2 - _threshold) / _threshold) - 2, m, int.MaxValue - 2);
            while (high > m && !Exceeds(m, m, high))
            {
                high--;
            }

            while (high < int.MaxValue - 1 && Exceeds(m, m, high + 1))
            {
                high++;
            }
        }

        _minPartner[m] = low;
        _maxPartner[m] = high;

        // The overlap a partner needs grows with the partner's length, so the smallest need is that of the
        // shortest feasible partner.
        _minOverlap[m] = ComputeRequired(m, low);
    }
}
