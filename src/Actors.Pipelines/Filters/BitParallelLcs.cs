using System.Diagnostics;
using System.Numerics;

namespace Actors.Pipelines.Filters;

/// <summary>
/// Length of the longest common subsequence of token-id sequences, bit-parallel (Allison–Dix, in Hyyrö's
/// formulation): one machine word holds 64 pattern positions, so a text token costs a few word operations
/// per 64 pattern tokens instead of one DP cell per pattern token. Patterns longer than 64 tokens use
/// several words with the carry of the addition propagated between them.
/// </summary>
/// <remarks>
/// Set a pattern once, compare it with many texts, then clear it. Not thread-safe: one instance per thread.
/// Invariant while a pattern is set: <c>_slotOfToken[t]</c> is the row of token t in <c>_masks</c>, or -1
/// when t does not occur in the pattern; clearing restores -1 for exactly the tokens that were set.
/// </remarks>
internal sealed class BitParallelLcs
{
    private int[] _slotOfToken = [];
    private ulong[] _masks = new ulong[64];
    private ulong[] _row = new ulong[4];
    private readonly List<int> _setTokens = [];
    private int _patternLength;
    private int _words;

    /// <summary>Whether a pattern is set.</summary>
    public bool HasPattern { get; private set; }

    /// <summary>Sets the pattern; token ids must be below <paramref name="vocabularySize"/>.</summary>
    public void SetPattern(ReadOnlySpan<int> pattern, int vocabularySize)
    {
        Debug.Assert(!HasPattern, "Clear the previous pattern first.");
        if (_slotOfToken.Length < vocabularySize)
        {
            var grown = new int[Math.Max(vocabularySize, _slotOfToken.Length * 2)];
            Array.Fill(grown, -1);
            _slotOfToken = grown;
        }

        _patternLength = pattern.Length;
        _words = (pattern.Length + 63) >> 6;
        if (_row.Length < _words)
        {
            _row = new ulong[_words];
        }

        for (var i = 0; i < pattern.Length; i++)
        {
            var token = pattern[i];
            var slot = _slotOfToken[token];
            if (slot < 0)
            {
                slot = _setTokens.Count;
                _slotOfToken[token] = slot;
                _setTokens.Add(token);
                var needed = (slot + 1) * _words;
                if (_masks.Length < needed)
                {
                    Array.Resize(ref _masks, Math.Max(needed, _masks.Length * 2));
                }

                _masks.AsSpan(slot * _words, _words).Clear();
            }

            _masks[(slot * _words) + (i >> 6)] |= 1UL << (i & 63);
        }

        HasPattern = true;
    }

    /// <summary>Forgets the pattern, in time proportional to its distinct tokens.</summary>
    public void Clear()
    {
        foreach (var token in _setTokens)
        {
            _slotOfToken[token] = -1;
        }

        _setTokens.Clear();
        HasPattern = false;
    }

    /// <summary>LCS length of the current pattern and <paramref name="text"/>.</summary>
    public int Compute(ReadOnlySpan<int> text)
    {
        Debug.Assert(HasPattern, "Set a pattern first.");
        if (_patternLength == 0 || text.IsEmpty)
        {
            return 0;
        }

        return _words == 1 ? ComputeOneWord(text) : ComputeMultiWord(text);
    }

    private int ComputeOneWord(ReadOnlySpan<int> text)
    {
        var slots = _slotOfToken;
        var masks = _masks;
        var v = ulong.MaxValue;
        foreach (var token in text)
        {
            // Tokens of the pattern are all below the vocabulary size given to SetPattern; larger ids
            // (interned later) cannot occur in it.
            if ((uint)token >= (uint)slots.Length)
            {
                continue;
            }

            var slot = slots[token];
            if (slot < 0)
            {
                continue;
            }

            var m = masks[slot];
            var u = v & m;
            v = (v + u) | (v & ~m);
        }

        var used = _patternLength == 64 ? ulong.MaxValue : (1UL << _patternLength) - 1;
        return _patternLength - BitOperations.PopCount(v & used);
    }

    private int ComputeMultiWord(ReadOnlySpan<int> text)
    {
        var words = _words;
        var v = _row.AsSpan(0, words);
        v.Fill(ulong.MaxValue);
        var slots = _slotOfToken;
        foreach (var token in text)
        {
            if ((uint)token >= (uint)slots.Length)
            {
                continue;
            }

            var slot = slots[token];
            if (slot < 0)
            {
                continue;
            }

            var masks = _masks.AsSpan(slot * words, words);
            ulong carry = 0;
            for (var w = 0; w < words; w++)
            {
                var vw = v[w];
                var m = masks[w];
                var u = vw & m;
                var sum = vw + u;
                var carryOut = sum < vw ? 1UL : 0UL;
                var withCarry = sum + carry;
                carryOut |= withCarry < sum ? 1UL : 0UL;
                v[w] = withCarry | (vw & ~m);
                carry = carryOut;
            }
        }

        var ones = 0;
        for (var w = 0; w < words - 1; w++)
        {
            ones += BitOperations.PopCount(v[w]);
        }

        var lastBits = _patternLength - ((words - 1) << 6);
        var lastMask = lastBits == 64 ? ulong.MaxValue : (1UL << lastBits) - 1;
        ones += BitOperations.PopCount(v[words - 1] & lastMask);
        return _patternLength - ones;
    }
}
