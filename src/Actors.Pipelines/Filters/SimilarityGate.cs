using System.Collections.Concurrent;

namespace Actors.Pipelines.Filters;

/// <summary>
/// The Self-Instruct similarity filter: a candidate is rejected when its ROUGE-L F-measure against any
/// pooled text (the seeds, then every accepted candidate) is above the threshold; otherwise it joins the
/// pool. Decisions are exactly those of the reference scripts (rouge_score, rougeL, no stemmer), in order:
/// each candidate is compared with everything accepted before it, earlier candidates of the same batch
/// included.
/// </summary>
/// <remarks>
/// <para>
/// Not thread-safe: the pool has one owner (one actor), which calls the gate for one candidate or one batch
/// at a time. Inside a batch the gate uses several threads itself.
/// </para>
/// <para>
/// How it stays fast with tens of thousands of pooled texts, without changing any decision (every bound
/// below is computed with the decision's own double formula and only skips pairs that cannot exceed the
/// threshold): tokens are interned to ints; a pair of lengths m and n needs an LCS, and so a token-multiset
/// overlap, of at least t(m, n); pairs come from an inverted index with prefix filtering (two texts sharing
/// t elements share one among the first len − t + 1 of each, in one global order that puts rare tokens
/// first and is refreshed whenever the pool doubles), and the index is bucketed by length and by the
/// element's position, so whole buckets are skipped when the first shared element comes too late for
/// the pair to reach t (positional filtering); a 64-bit element signature per record bounds the overlap
/// without reading the record; surviving pairs get an exact overlap count, and only those that pass reach
/// a bit-parallel LCS. A batch is first scored in parallel against the pool as it was,
/// then each survivor is checked, in order, against the candidates accepted before it in the batch.
/// </para>
/// </remarks>
public sealed class SimilarityGate
{
    // Below this many candidates a batch is scored on the calling thread.
    private const int ParallelBatchThreshold = 16;

    // The index is rebuilt (token order refreshed) when the pool reaches this size, then at every doubling.
    private const int FirstRebuildSize = 64;

    private readonly SimilarityGateOptions _options;
    private readonly RougeLBounds _bounds;
    private readonly TokenVocabulary _vocabulary = new();

    // An element is one occurrence of a token: (token, k) is the k-th occurrence in a text. Element sets
    // turn the multiset overlap Σ min(count) into a plain set intersection, which prefix filtering needs.
    private readonly Dictionary<long, int> _elementIds = [];
    private readonly List<int> _documentFrequency = [];
    private readonly List<string> _texts = [];
    private readonly List<int[]> _tokens = [];
    private readonly List<int[]> _elements = [];
    private readonly List<int[]> _prefixes = [];
    private readonly List<ulong> _signatures = [];
    private readonly ConcurrentBag<GateScratch> _scratch = [];
    private readonly GateScratch _ownerScratch = new();

    // Records accepted in the batch being decided, indexed apart (by element: record, length, position,
    // signature) until the batch ends, so the parallel phase reads an index nobody writes.
    private readonly Dictionary<int, List<(int Record, int Length, int Position, ulong Signature)>> _batchIndex = [];
    private readonly List<int> _batchRecords = [];

    // Element document frequencies when the index was last built: the global token order until the next
    // rebuild. Elements first seen after it count as frequency 0 (rarest), so the order stays fixed.
    private int[] _frequencyAtBuild = [];
    private ElementPostings?[] _index = [];
    private int _sizeAtBuild;

    /// <summary>Creates an empty gate.</summary>
    public SimilarityGate(SimilarityGateOptions? options = null)
    {
        _options = options ?? new SimilarityGateOptions();
        _options.Validate();
        _bounds = new RougeLBounds(_options.Threshold);
    }

    /// <summary>Number of pooled texts (seeds and accepted candidates).</summary>
    public int PoolCount => _texts.Count;

    /// <summary>The pooled text at <paramref name="poolIndex"/>.</summary>
    public string GetPooledText(int poolIndex) => _texts[poolIndex];

    /// <summary>
    /// Adds texts to the pool without checking them: the seed instructions, or the accepted instructions of
    /// a run being resumed (in their original order).
    /// </summary>
    public void AddToPool(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        foreach (var text in texts)
        {
            ArgumentNullException.ThrowIfNull(text, nameof(texts));
            IndexRecord(Add(text, Prepare(text)));
        }
    }

    /// <summary>Decides one candidate; when accepted it joins the pool.</summary>
    public SimilarityDecision Evaluate(string candidate) => EvaluateBatch([candidate])[0];

    /// <summary>
    /// Decides candidates in order, each against the pool plus the candidates accepted before it; the
    /// decisions are the same as calling <see cref="Evaluate"/> on each in turn.
    /// </summary>
    public IReadOnlyList<SimilarityDecision> EvaluateBatch(IReadOnlyList<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (_texts.Count >= Math.Max(FirstRebuildSize, 2 * _sizeAtBuild))
        {
            Rebuild();
        }

        var prepared = new Prepared[candidates.Count];
        for (var i = 0; i < prepared.Length; i++)
        {
            prepared[i] = Prepare(candidates[i] ?? throw new ArgumentException($"Candidate {i} is null.", nameof(candidates)));
        }

        return _options.RecordMostSimilar ? EvaluateScoringAll(candidates, prepared) : EvaluatePruned(candidates, prepared);
    }

    /// <summary>Work counters summed over every thread's scratch (for the benchmark and tuning).</summary>
    internal (long OverlapChecks, long LcsRuns) Statistics()
    {
        var all = _scratch.Append(_ownerScratch).ToList();
        return (all.Sum(s => s.Visited), all.Sum(s => s.LcsRuns));
    }

    private SimilarityDecision[] EvaluatePruned(IReadOnlyList<string> candidates, Prepared[] prepared)
    {
        var start = _texts.Count;
        var matches = new int[prepared.Length];
        var scores = new double[prepared.Length];
        if (prepared.Length >= ParallelBatchThreshold && _options.MaxDegreeOfParallelism > 1)
        {
            Parallel.For(
                0,
                prepared.Length,
                new ParallelOptions { MaxDegreeOfParallelism = _options.MaxDegreeOfParallelism },
                RentScratch,
                (i, _, scratch) =>
                {
                    matches[i] = FindMatch(prepared[i], start, scratch, out scores[i]);
                    return scratch;
                },
                _scratch.Add);
        }
        else
        {
            for (var i = 0; i < prepared.Length; i++)
            {
                matches[i] = FindMatch(prepared[i], start, _ownerScratch, out scores[i]);
            }
        }

        var decisions = new SimilarityDecision[prepared.Length];
        try
        {
            for (var i = 0; i < prepared.Length; i++)
            {
                var match = matches[i] >= 0 ? matches[i] : FindMatchInBatch(prepared[i], _ownerScratch, out scores[i]);
                if (match >= 0)
                {
                    decisions[i] = new SimilarityDecision { Accepted = false, Match = new SimilarMatch(match, _texts[match], scores[i]) };
                    continue;
                }

                var record = Add(candidates[i], prepared[i]);
                decisions[i] = new SimilarityDecision { Accepted = true, PoolIndex = record };
                _batchRecords.Add(record);
                var prefix = prepared[i].Prefix;
                for (var j = 0; j < prefix.Length; j++)
                {
                    if (!_batchIndex.TryGetValue(prefix[j], out var list))
                    {
                        _batchIndex[prefix[j]] = list = [];
                    }

                    list.Add((record, prepared[i].Tokens.Length, j, prepared[i].Signature.Bits));
                }
            }
        }
        finally
        {
            // The batch's acceptances join the main index (also when a candidate threw, so nothing accepted
            // is left out of it).
            foreach (var record in _batchRecords)
            {
                IndexRecord(record);
            }

            _batchRecords.Clear();
            _batchIndex.Clear();
        }

        return decisions;
    }

    private SimilarityDecision[] EvaluateScoringAll(IReadOnlyList<string> candidates, Prepared[] prepared)
    {
        var decisions = new SimilarityDecision[prepared.Length];
        for (var i = 0; i < prepared.Length; i++)
        {
            var scores = ScoreAll(prepared[i]);
            var best = -1;
            var sum = 0.0;
            for (var r = 0; r < scores.Length; r++)
            {
                sum += scores[r];
                if (best < 0 || scores[r] > scores[best])
                {
                    best = r;
                }
            }

            var top = Enumerable.Range(0, scores.Length)
                .OrderByDescending(r => scores[r])
                .ThenBy(r => r)
                .Take(_options.MostSimilarCount)
                .Select(r => new SimilarMatch(r, _texts[r], scores[r]))
                .ToArray();
            double? mean = scores.Length == 0 ? null : sum / scores.Length;
            if (best >= 0 && scores[best] > _options.Threshold)
            {
                decisions[i] = new SimilarityDecision { Accepted = false, Match = new SimilarMatch(best, _texts[best], scores[best]), MostSimilar = top, MeanSimilarity = mean };
            }
            else
            {
                var record = Add(candidates[i], prepared[i]);
                IndexRecord(record);
                decisions[i] = new SimilarityDecision { Accepted = true, PoolIndex = record, MostSimilar = top, MeanSimilarity = mean };
            }
        }

        return decisions;
    }

    // Every pooled text's score against one candidate, in parallel over chunks of the pool.
    private double[] ScoreAll(Prepared candidate)
    {
        var count = _texts.Count;
        var scores = new double[count];
        var m = candidate.Tokens.Length;
        if (m == 0 || count == 0)
        {
            return scores;
        }

        const int ChunkSize = 1024;
        var vocabularySize = _vocabulary.Count;
        Parallel.For(
            0,
            (count + ChunkSize - 1) / ChunkSize,
            new ParallelOptions { MaxDegreeOfParallelism = _options.MaxDegreeOfParallelism },
            RentScratch,
            (chunk, _, scratch) =>
            {
                scratch.Lcs.SetPattern(candidate.Tokens, vocabularySize);
                try
                {
                    var end = Math.Min(count, (chunk + 1) * ChunkSize);
                    for (var r = chunk * ChunkSize; r < end; r++)
                    {
                        var n = _tokens[r].Length;
                        scores[r] = n == 0 ? 0 : RougeL.FMeasure(scratch.Lcs.Compute(_tokens[r]), m, n);
                    }
                }
                finally
                {
                    scratch.Lcs.Clear();
                }

                return scratch;
            },
            _scratch.Add);
        return scores;
    }

    private GateScratch RentScratch() => _scratch.TryTake(out var scratch) ? scratch : new GateScratch();

    // A record of the main index (the pool before this batch) scoring above the threshold, or -1.
    private int FindMatch(in Prepared candidate, int poolSize, GateScratch scratch, out double score)
    {
        score = 0;
        var m = candidate.Tokens.Length;
        if (m == 0 || poolSize == 0)
        {
            return -1;
        }

        return _options.Pruning
            ? FindMatchIndexed(candidate, poolSize, scratch, out score)
            : FindMatchExhaustive(candidate, 0, poolSize, scratch, out score);
    }

    private int FindMatchIndexed(in Prepared candidate, int poolSize, GateScratch scratch, out double score)
    {
        score = 0;
        var m = candidate.Tokens.Length;
        var shortest = _bounds.MinPartner(m);
        var longest = _bounds.MaxPartner(m);
        var stamp = scratch.NextStamp(poolSize);
        var seen = scratch.Seen;
        try
        {
            var prefix = candidate.Prefix;
            for (var i = 0; i < prefix.Length; i++)
            {
                if (prefix[i] >= _index.Length || _index[prefix[i]] is not { } postings)
                {
                    continue;
                }

                var b = postings.FirstWithLengthAtLeast(shortest);
                while (b < postings.Count)
                {
                    var bucket = postings[b];
                    var n = bucket.Length;
                    if (n > longest)
                    {
                        break;
                    }

                    // The probe meets a record first at the first element they share in the global order
                    // (any earlier shared element would be in both prefixes and would have met them there),
                    // so everything else they share lies after position i in the candidate and after
                    // bucket.Position in the record: at most 1 + min(m-1-i, n-1-j) shared elements in all.
                    // Positions ascend within a length, so a failing bucket ends its length.
                    var required = _bounds.Required(m, n);
                    if (i > m - required || bucket.Position > n - required)
                    {
                        b = postings.FirstWithLengthAtLeast(n + 1);
                        continue;
                    }

                    var records = bucket.Records;
                    var signatures = bucket.Signatures;
                    for (var k = 0; k < records.Length; k++)
                    {
                        if (candidate.Signature.OverlapBound(signatures[k]) < required)
                        {
                            continue;
                        }

                        var record = records[k];
                        if (seen[record] == stamp)
                        {
                            continue;
                        }

                        seen[record] = stamp;
                        if (Verify(candidate, record, n, required, scratch, out score))
                        {
                            return record;
                        }
                    }

                    b++;
                }
            }

            return -1;
        }
        finally
        {
            if (scratch.Lcs.HasPattern)
            {
                scratch.Lcs.Clear();
            }
        }
    }

    // A record accepted earlier in this batch scoring above the threshold, or -1.
    private int FindMatchInBatch(in Prepared candidate, GateScratch scratch, out double score)
    {
        score = 0;
        var m = candidate.Tokens.Length;
        if (m == 0 || _batchRecords.Count == 0)
        {
            return -1;
        }

        if (!_options.Pruning)
        {
            foreach (var record in _batchRecords)
            {
                if (FindMatchExhaustive(candidate, record, record + 1, scratch, out score) >= 0)
                {
                    return record;
                }
            }

            return -1;
        }

        var shortest = _bounds.MinPartner(m);
        var longest = _bounds.MaxPartner(m);
        var stamp = scratch.NextStamp(_texts.Count);
        var seen = scratch.Seen;
        try
        {
            var prefix = candidate.Prefix;
            for (var i = 0; i < prefix.Length; i++)
            {
                if (!_batchIndex.TryGetValue(prefix[i], out var entries))
                {
                    continue;
                }

                foreach (var (record, n, j, signature) in entries)
                {
                    if (seen[record] == stamp || n < shortest || n > longest)
                    {
                        continue;
                    }

                    var required = _bounds.Required(m, n);
                    if (i > m - required || j > n - required || candidate.Signature.OverlapBound(signature) < required)
                    {
                        continue;
                    }

                    seen[record] = stamp;
                    if (Verify(candidate, record, n, required, scratch, out score))
                    {
                        return record;
                    }
                }
            }

            return -1;
        }
        finally
        {
            if (scratch.Lcs.HasPattern)
            {
                scratch.Lcs.Clear();
            }
        }
    }

    // Exact overlap, then the LCS and the decision's own F.
    private bool Verify(in Prepared candidate, int record, int n, int required, GateScratch scratch, out double score)
    {
        score = 0;
        scratch.Visited++;
        if (Overlap(candidate.Elements, _elements[record]) < required)
        {
            return false;
        }

        var lcs = scratch.Lcs;
        if (!lcs.HasPattern)
        {
            lcs.SetPattern(candidate.Tokens, _vocabulary.Count);
        }

        scratch.LcsRuns++;
        var f = RougeL.FMeasure(lcs.Compute(_tokens[record]), candidate.Tokens.Length, n);
        if (f > _options.Threshold)
        {
            score = f;
            return true;
        }

        return false;
    }

    private int FindMatchExhaustive(in Prepared candidate, int from, int to, GateScratch scratch, out double score)
    {
        score = 0;
        var m = candidate.Tokens.Length;
        var lcs = scratch.Lcs;
        lcs.SetPattern(candidate.Tokens, _vocabulary.Count);
        try
        {
            for (var record = from; record < to; record++)
            {
                var f = RougeL.FMeasure(lcs.Compute(_tokens[record]), m, _tokens[record].Length);
                if (f > _options.Threshold)
                {
                    score = f;
                    return record;
                }
            }

            return -1;
        }
        finally
        {
            lcs.Clear();
        }
    }

    // Size of the intersection of two ascending element-id arrays: the token-multiset overlap, an upper
    // bound of the LCS.
    private static int Overlap(int[] a, int[] b)
    {
        int i = 0, j = 0, common = 0;
        while (i < a.Length && j < b.Length)
        {
            var x = a[i];
            var y = b[j];
            if (x == y)
            {
                common++;
                i++;
                j++;
            }
            else if (x < y)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return common;
    }

    private Prepared Prepare(string text)
    {
        var tokens = RougeLTokenizer.TokenizeToIds(text, _vocabulary);
        _bounds.Ensure(tokens.Length);
        var sorted = (int[])tokens.Clone();
        Array.Sort(sorted);
        var elements = new int[sorted.Length];
        var occurrence = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            occurrence = i > 0 && sorted[i - 1] == sorted[i] ? occurrence + 1 : 0;
            var key = ((long)sorted[i] << 32) | (uint)occurrence;
            if (!_elementIds.TryGetValue(key, out var id))
            {
                id = _documentFrequency.Count;
                _elementIds.Add(key, id);
                _documentFrequency.Add(0);
            }

            elements[i] = id;
        }

        Array.Sort(elements);
        return new Prepared(tokens, elements, PrefixOf(elements), ElementSignature.Of(elements));
    }

    // The rarest elements (in the order fixed at the last rebuild) that any partner must share: a pair with
    // overlap ≥ t has a common element among the first (length − t + 1) elements of each side.
    private int[] PrefixOf(int[] elements)
    {
        var m = elements.Length;
        if (m == 0 || !_options.Pruning)
        {
            return [];
        }

        var length = (int)Math.Clamp((long)m - _bounds.MinimumOverlap(m) + 1, 0, m);
        if (length == 0)
        {
            return [];
        }

        var keys = new long[m];
        for (var i = 0; i < m; i++)
        {
            var e = elements[i];
            var frequency = e < _frequencyAtBuild.Length ? _frequencyAtBuild[e] : 0;
            keys[i] = ((long)frequency << 32) | (uint)e;
        }

        Array.Sort(keys);
        var prefix = new int[length];
        for (var i = 0; i < length; i++)
        {
            prefix[i] = (int)(keys[i] & uint.MaxValue);
        }

        return prefix;
    }

    private int Add(string text, Prepared prepared)
    {
        var index = _texts.Count;
        _texts.Add(text);
        _tokens.Add(prepared.Tokens);
        _elements.Add(prepared.Elements);
        _prefixes.Add(prepared.Prefix);
        _signatures.Add(prepared.Signature.Bits);
        foreach (var e in prepared.Elements)
        {
            _documentFrequency[e]++;
        }

        return index;
    }

    private void IndexRecord(int record)
    {
        var prefix = _prefixes[record];
        var length = _tokens[record].Length;
        for (var j = 0; j < prefix.Length; j++)
        {
            var e = prefix[j];
            if (e >= _index.Length)
            {
                Array.Resize(ref _index, Math.Max(e + 1, _index.Length * 2));
            }

            (_index[e] ??= new ElementPostings()).Add(length, j, record, _signatures[record]);
        }
    }

    private void Rebuild()
    {
        _frequencyAtBuild = [.. _documentFrequency];
        _index = new ElementPostings?[_documentFrequency.Count];
        for (var record = 0; record < _texts.Count; record++)
        {
            _prefixes[record] = PrefixOf(_elements[record]);
            IndexRecord(record);
        }

        _sizeAtBuild = _texts.Count;
    }

    private readonly record struct Prepared(int[] Tokens, int[] Elements, int[] Prefix, ElementSignature Signature);
}
