using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Actors.Cluster;
using Actors.Corpus;
using Actors.Inference;
using Actors.Parquet;
using Actors.Pipelines.Export;
using Actors.Pipelines.Runs;
using Actors.Streams.Dsl;
using ClusterShardId = Actors.Cluster.ShardId;
using CorpusDedupEntry = Actors.Corpus.DedupEntry;
using StoreDedupEntry = Actors.Cluster.DedupEntry;

namespace Actors.Pipelines.Backtranslation;

/// <summary>
/// Instruction backtranslation (Humpback), one shard at a time:
/// <c>ShardReader → Segmenter → SegmentCleaner (length, boilerplate, repetition, language, exact and near dedup)
/// → Labeler (backward model) → Curator (judge, "Score: n") → Selector (threshold, origin tag) → part files</c>.
/// Labeling and scoring run <see cref="BacktranslationSettings.Parallelism"/> documents at once and complete out of
/// order; a document is committed when all its outputs are in committed part files. Resume skips committed
/// ordinals and replays the stored dedup entries in ordinal order, so the cleaner makes the same decisions
/// as an uninterrupted run. Dedup is per shard: a shard is processed by one owner in order, which keeps its
/// decisions deterministic on any node.
/// </summary>
/// <remarks>
/// Rescore mode (Humpback's second iteration, <c>--rescore OUT_PREV</c>): the shards are the committed candidates
/// part files of an earlier run (ids <see cref="RescoreShardPrefix"/> + relative path) and each candidate row is
/// one record, sent to the judge again (<see cref="JudgeModel"/>) and selected and tagged as in the normal mode;
/// nothing is relabelled. Committed ordinals (row positions) are skipped on resume like any other.
/// </remarks>
public sealed class BacktranslationRecipe
{
    /// <summary>Recipe name as stored with the run.</summary>
    public const string Name = "backtranslation";

    /// <summary>Prefix of seed-file shard ids.</summary>
    public const string SeedShardPrefix = "seed:";

    /// <summary>Prefix of rescore shard ids: <c>rescore:candidates/part-....parquet</c> (path relative to the source run).</summary>
    public const string RescoreShardPrefix = "rescore:";

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);
    private static readonly string[] s_candidateColumns = ["pair_id", "instruction", "output", "shard", "ordinal", "segment_index", "label_model"];
    private readonly BacktranslationSettings _settings;
    private readonly RunContext _context;
    private readonly PlaceholderTemplate _labelPrompt;
    private readonly PlaceholderTemplate _scorePrompt;
    private readonly LabelParser _labelParser;
    private readonly RecordCommitter _committer;

    /// <summary>Prepares the recipe for one run.</summary>
    public BacktranslationRecipe(BacktranslationSettings settings, RunContext context, IReadOnlyDictionary<string, string> fileMetadata)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(context);
        settings.Validate();
        _settings = settings;
        _context = context;
        _labelPrompt = new PlaceholderTemplate(settings.Prompts.Label, "actors.backtranslation.prompts.label").RequireOnly("segment");
        _scorePrompt = new PlaceholderTemplate(settings.Prompts.Score, "actors.backtranslation.prompts.score").RequireOnly("instruction", "output");
        _labelParser = new LabelParser(settings.Instruction.MinChars, settings.Instruction.MaxChars, settings.Prompts.Label);
        _committer = new RecordCommitter(context.Store, context.Run, context.Layout, BacktranslationDatasets.All, context.Parquet, fileMetadata);
        LabelPromptId = PromptId("label", settings.Prompts.Label);
        ScorePromptId = PromptId("score", settings.Prompts.Score);
    }

    /// <summary>Name and hash of the labeling prompt, recorded on every candidate.</summary>
    public string LabelPromptId { get; }

    /// <summary>Name and hash of the judge prompt.</summary>
    public string ScorePromptId { get; }

    /// <summary>The committer (its fence is set per shard in cluster mode).</summary>
    public RecordCommitter Committer => _committer;

    /// <summary>
    /// The model score requests must be served by (<see cref="CompletionRequest.Model"/>); null lets any device judge.
    /// Set from <c>--judge MODEL</c>.
    /// </summary>
    public string? JudgeModel { get; init; }

    /// <summary>Registers corpus shards and the seed file with the run, idempotently.</summary>
    public static async Task RegisterInputsAsync(IRunStore store, RunId run, IReadOnlyList<CorpusShard> shards, string? seedFile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var definitions = shards.Select(s => new ShardDefinition(new ClusterShardId(s.Id.Value), s.Path, s.SizeBytes)).ToList();
        if (seedFile is not null)
        {
            var full = Path.GetFullPath(seedFile);
            definitions.Add(new ShardDefinition(SeedShardId(full), full, new FileInfo(full).Length));
        }

        await store.RegisterShardsAsync(run, definitions, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The shard id of a seed file.</summary>
    public static ClusterShardId SeedShardId(string seedFile) => new(SeedShardPrefix + Path.GetFileName(seedFile));

    /// <summary>
    /// Processes a registered shard: the seed file when its id starts with <see cref="SeedShardPrefix"/>, a candidates
    /// part to judge again when it starts with <see cref="RescoreShardPrefix"/>, else a corpus shard. A shard whose
    /// file cannot be opened (gone, unreadable) fails with its reason and the run goes on; failures while writing
    /// outputs (disk full) are not caught: they stop the run.
    /// </summary>
    public async Task ProcessAsync(ShardDefinition shard, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shard);
        if (Unreadable(shard.Path) is { } problem)
        {
            await FailShardAsync(shard.Id, problem, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (shard.Id.Value.StartsWith(SeedShardPrefix, StringComparison.Ordinal))
        {
            await ProcessSeedAsync(shard, cancellationToken).ConfigureAwait(false);
        }
        else if (shard.Id.Value.StartsWith(RescoreShardPrefix, StringComparison.Ordinal))
        {
            await ProcessRescoreShardAsync(shard, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var (format, compression) = CorpusDiscovery.DetectFormat(shard.Path);
            var corpusShard = new CorpusShard(new Actors.Corpus.ShardId(shard.Id.Value), shard.Path, format, compression, shard.SizeBytes);
            await ProcessCorpusShardAsync(corpusShard, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Gives up on <paramref name="shard"/> with <paramref name="reason"/>, under this recipe's fence.</summary>
    private async Task FailShardAsync(ClusterShardId shard, string reason, CancellationToken cancellationToken)
    {
        _context.Log($"shard {shard.Value}: failed: {reason}");
        var failed = _context.Store.BeginCommit(_context.Run, _committer.Fence);
        await using var failedScope = failed.ConfigureAwait(false);
        failed.FailShard(shard, reason).IncrementCounter("shards.failed");
        await failed.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string? Unreadable(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot read {path}: {e.Message}";
        }
    }

    /// <summary>Reads, cleans, labels, scores and commits every uncommitted record of <paramref name="shard"/>.</summary>
    public async Task ProcessCorpusShardAsync(CorpusShard shard, CancellationToken cancellationToken)
    {
        var id = new ClusterShardId(shard.Id.Value);
        var committed = await _context.Store.GetCommittedOrdinalsAsync(_context.Run, id, cancellationToken).ConfigureAwait(false);
        var replay = await LoadDedupAsync(id, cancellationToken).ConfigureAwait(false);
        var segmenter = new Segmenter(_settings.Segment);
        var cleaner = new SegmentCleaner(_settings.Cleaning, _settings.Segment, _settings.Minhash);
        long records = 0;

        var graph = Source.FromAsyncEnumerable(ct => UntilDrained(ShardReader.ReadAsync(shard, _settings.Corpus, ct)))
            .Select(record =>
            {
                records = Math.Max(records, record.Ordinal + 1);
                if (committed.Contains(record.Ordinal))
                {
                    // Done before the crash: replay its dedup entries at its place in the order, so the
                    // index looks to later records exactly as it did in the first attempt.
                    if (replay.Remove(record.Ordinal, out var entries))
                    {
                        foreach (var entry in entries)
                        {
                            cleaner.Restore(entry);
                        }
                    }

                    return null;
                }

                return Prepare(record, id, segmenter, cleaner);
            })
            .Named("clean")
            .Where(work => work is not null)
            .SelectAsyncUnordered(_settings.Parallelism, (work, ct) => CompleteAsync(work!, ct))
            .Named("label-score");

        await CommitShardAsync(graph, id, () => records, cancellationToken).ConfigureAwait(false);
    }

    private Task CommitShardAsync(Source<RecordOutput> outputs, ClusterShardId shard, Func<long> records, CancellationToken cancellationToken) =>
        _committer.CommitShardAsync(outputs, shard, records, _context, _settings.CommitBatch, _settings.CommitInterval, cancellationToken);

    /// <summary>Writes the seed pairs into the training set with the seed tag, one record per seed line.</summary>
    public async Task ProcessSeedAsync(ShardDefinition shard, CancellationToken cancellationToken)
    {
        var committed = await _context.Store.GetCommittedOrdinalsAsync(_context.Run, shard.Id, cancellationToken).ConfigureAwait(false);
        var batch = new List<RecordOutput>();
        long ordinal = 0;
        var now = _context.TimeProvider.GetUtcNow();
        foreach (var line in File.ReadLines(shard.Path))
        {
            long current = ordinal++;
            if (committed.Contains(current))
            {
                continue;
            }

            var output = new RecordOutput(shard.Id, current);
            batch.Add(output);
            if (string.IsNullOrWhiteSpace(line))
            {
                output.Count("seed.blank_lines");
                continue;
            }

            string? instruction = null, response = null;
            string? problem = null;
            try
            {
                using var doc = JsonDocument.Parse(line);
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                {
                    problem = "seed line is not a JSON object";
                }
                else
                {
                    instruction = doc.RootElement.TryGetProperty("instruction", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
                    response = doc.RootElement.TryGetProperty("output", out var o) && o.ValueKind == JsonValueKind.String ? o.GetString() : null;
                    problem = string.IsNullOrWhiteSpace(instruction) || string.IsNullOrWhiteSpace(response) ? "seed needs string fields \"instruction\" and \"output\"" : null;
                }
            }
            catch (JsonException e)
            {
                problem = $"invalid JSON: {e.Message}";
            }

            if (problem is not null)
            {
                output.Count("seed.quarantined").Count("records.quarantined");
                output.AddRow(BacktranslationDatasets.Quarantine.Name, [shard.Id.Value, current, null, problem, Excerpt(line)]);
                continue;
            }

            output.Count("train.seed");
            output.AddRow(BacktranslationDatasets.Train.Name, TrainRow(instruction!, response!, _settings.Tags.Seed, "seed", null, $"{shard.Id.Value}:{current}", null, now));
        }

        await _committer.CommitAsync(batch, c => c.CompleteShard(shard.Id, ordinal), cancellationToken).ConfigureAwait(false);
        _context.OnCommitted?.Invoke(batch.Count);
    }

    /// <summary>
    /// Rescore mode: judges every uncommitted row of one candidates part again and commits the verdicts (scored and
    /// train rows), one record per row. A part that changed since the source run committed it, or is not a
    /// candidates file, fails its shard with the reason; the run goes on.
    /// </summary>
    public async Task ProcessRescoreShardAsync(ShardDefinition shard, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shard);
        if (await CandidatesPartProblemAsync(shard, cancellationToken).ConfigureAwait(false) is { } problem)
        {
            await FailShardAsync(shard.Id, problem, cancellationToken).ConfigureAwait(false);
            return;
        }

        var committed = await _context.Store.GetCommittedOrdinalsAsync(_context.Run, shard.Id, cancellationToken).ConfigureAwait(false);
        long records = 0;
        var graph = Source.FromAsyncEnumerable(ct => UntilDrained(ReadCandidatesAsync(shard.Path, ct)))
            .Select(row =>
            {
                records = Math.Max(records, row.Ordinal + 1);
                return committed.Contains(row.Ordinal) ? null : row;
            })
            .Named("read-candidates")
            .Where(row => row is not null)
            .SelectAsyncUnordered(_settings.Parallelism, (row, ct) => RescoreAsync(row!, shard.Id, ct))
            .Named("score");

        await CommitShardAsync(graph, shard.Id, () => records, cancellationToken).ConfigureAwait(false);
    }

    private async Task<RecordOutput> RescoreAsync(CandidateRow row, ClusterShardId shard, CancellationToken cancellationToken)
    {
        var output = new RecordOutput(shard, row.Ordinal);
        output.Count("rescore.candidates");
        if (row.Problem is { } problem)
        {
            output.Count("rescore.quarantined").Count("records.quarantined");
            output.AddRow(BacktranslationDatasets.Quarantine.Name, [shard.Value, row.Ordinal, null, problem, Excerpt(row.PairId ?? string.Empty)]);
            return output;
        }

        var verdict = await ScoreAsync(new PairLineage(row.PairId!, row.Shard!, row.SourceOrdinal, row.SegmentIndex, row.LabelModel!), row.Instruction!, row.Output!, cancellationToken).ConfigureAwait(false);
        verdict(output);
        return output;
    }

    /// <summary>Why a candidates part cannot be rescored (changed size, not Parquet, missing columns), or null.</summary>
    private static async Task<string?> CandidatesPartProblemAsync(ShardDefinition shard, CancellationToken cancellationToken)
    {
        try
        {
            long size = new FileInfo(shard.Path).Length;
            if (shard.SizeBytes > 0 && size != shard.SizeBytes)
            {
                return $"{shard.Path} has {size} bytes but {shard.SizeBytes} were committed by the source run; it changed since, so it is not rescored";
            }

            var reader = await ParquetReader.OpenAsync(shard.Path, cancellationToken).ConfigureAwait(false);
            await using var readerScope = reader.ConfigureAwait(false);
            var missing = s_candidateColumns.Where(c => !reader.Schema.Fields.Any(f => f.Name == c)).ToList();
            return missing.Count == 0 ? null : $"{shard.Path} is not a candidates part: no column(s) {string.Join(", ", missing)}";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ParquetFormatException)
        {
            return $"cannot read {shard.Path}: {e.Message}";
        }
    }

    /// <summary>The rows of a candidates part in file order, numbered from 0 (the rescore record ordinals).</summary>
    private static async IAsyncEnumerable<CandidateRow> ReadCandidatesAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = await ParquetReader.OpenAsync(path, cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        long ordinal = 0;
        await foreach (var row in reader.ReadRowsAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return CandidateRow.From(ordinal++, row);
        }
    }

    private async IAsyncEnumerable<T> UntilDrained<T>(IAsyncEnumerable<T> records)
    {
        await foreach (var record in records.ConfigureAwait(false))
        {
            if (_context.Drain.IsCancellationRequested)
            {
                yield break;
            }

            yield return record;
        }
    }

    private WorkItem Prepare(ShardRecord record, ClusterShardId shard, Segmenter segmenter, SegmentCleaner cleaner)
    {
        var work = new WorkItem(new RecordOutput(shard, record.Ordinal));
        work.Output.Count("records.read");
        switch (record)
        {
            case QuarantinedRecord bad:
                work.Output.Count("records.quarantined");
                work.Output.AddRow(BacktranslationDatasets.Quarantine.Name, [bad.Shard.Value, bad.Ordinal, bad.ByteOffset, bad.Reason, bad.Excerpt]);
                break;
            case SkippedRecord skipped:
                work.Output.Count("records.skipped").Count($"records.skipped.{CounterName(skipped.Reason)}");
                break;
            case CorpusDocument document:
                work.Output.Count("records.documents");
                work.Url = document.Url;
                foreach (var segment in segmenter.Split(document))
                {
                    work.Output.Count("segments.total");
                    var decision = cleaner.Decide(segment);
                    if (!decision.IsKept)
                    {
                        work.Output.Count($"segments.dropped.{CounterName(decision.Reason!.Value.ToString())}");
                        continue;
                    }

                    work.Output.Count("segments.kept");
                    work.Segments.Add(decision.Segment);
                    if (decision.Dedup is { } dedup)
                    {
                        work.Output.Dedup.Add((DedupOperator(shard), new StoreDedupEntry($"{record.Ordinal}:{segment.Index}", EncodeDedup(dedup))));
                    }
                }

                break;
            default:
                throw new InvalidOperationException($"Unexpected shard record {record.GetType().Name} at {record.Shard.Value}:{record.Ordinal}.");
        }

        return work;
    }

    private async Task<RecordOutput> CompleteAsync(WorkItem work, CancellationToken cancellationToken)
    {
        // A document's segments go to the model together; each pair is labelled, then scored.
        var pairs = await Task.WhenAll(work.Segments.Select(s => LabelAndScoreAsync(work, s, cancellationToken))).ConfigureAwait(false);
        foreach (var pair in pairs)
        {
            pair(work.Output);
        }

        return work.Output;
    }

    private async Task<Action<RecordOutput>> LabelAndScoreAsync(WorkItem work, Segment segment, CancellationToken cancellationToken)
    {
        var output = work.Output;
        var pairId = $"{output.Shard.Value}:{output.Ordinal}:{segment.Index}";
        var sampling = new SamplingParameters
        {
            Temperature = _settings.Sampling.Temperature,
            TopP = _settings.Sampling.TopP,
            MaxTokens = _settings.Sampling.MaxTokens,
        };
        var label = await _context.Router.CompleteAsync(
            new CompletionRequest
            {
                Id = pairId + ":label",
                Purpose = InferencePurposes.Label,
                Prompt = _labelPrompt.Render(("segment", segment.Text)),
                Sampling = sampling,
            },
            cancellationToken).ConfigureAwait(false);

        if (label is InferenceOutcome.Failed failed)
        {
            return o => o.Count("label.failed").Count($"label.failed.{CounterName(failed.Kind.ToString())}")
                .DeadLetters.Add(DeadLetterFor("label", failed, pairId, o));
        }

        var labelled = ((InferenceOutcome.Succeeded)label).Completion;
        var parsed = _labelParser.Parse(labelled.Text, labelled.FinishReason, segment.Text);
        if (!parsed.IsAccepted)
        {
            return o => o.Count("label.rejected").Count($"label.rejected.{parsed.Rejection}");
        }

        var now = _context.TimeProvider.GetUtcNow();
        object?[] candidate =
        [
            pairId, parsed.Instruction, segment.Text, segment.Heading, work.Url, output.Shard.Value, output.Ordinal, segment.Index,
            labelled.Model, labelled.Backend, LabelPromptId, sampling.Temperature, sampling.TopP, sampling.MaxTokens, _context.Run.Value, now,
        ];

        var verdict = await ScoreAsync(new PairLineage(pairId, output.Shard.Value, output.Ordinal, segment.Index, labelled.Model), parsed.Instruction!, segment.Text, cancellationToken).ConfigureAwait(false);
        return o =>
        {
            // A candidate stands even when its verdict failed (a later rescore can judge it).
            o.Count("label.accepted");
            o.AddRow(BacktranslationDatasets.Candidates.Name, candidate);
            verdict(o);
        };
    }

    /// <summary>
    /// Asks the judge about one pair and returns what to record: a scored row (and a train row when the score reaches
    /// the threshold) with score.ok or score.parse_failed, or a dead letter with score.failed.
    /// </summary>
    private async Task<Action<RecordOutput>> ScoreAsync(PairLineage pair, string instruction, string response, CancellationToken cancellationToken)
    {
        var score = await _context.Router.CompleteAsync(
            new CompletionRequest
            {
                Id = pair.PairId + ":score",
                Purpose = InferencePurposes.Score,
                Prompt = _scorePrompt.Render(("instruction", instruction), ("output", response)),
                Sampling = new SamplingParameters
                {
                    Temperature = _settings.Sampling.Temperature,
                    TopP = _settings.Sampling.TopP,
                    MaxTokens = _settings.Sampling.MaxTokens,
                    Logprobs = _settings.Sampling.ScoreLogprobs > 0 ? _settings.Sampling.ScoreLogprobs : null,
                },
                Model = JudgeModel,
            },
            cancellationToken).ConfigureAwait(false);

        if (score is InferenceOutcome.Failed scoreFailed)
        {
            return o =>
            {
                o.Count("score.failed").Count($"score.failed.{CounterName(scoreFailed.Kind.ToString())}");
                o.DeadLetters.Add(DeadLetterFor("score", scoreFailed, pair.PairId, o));
            };
        }

        var judged = ((InferenceOutcome.Succeeded)score).Completion;
        var verdict = ScoreParser.Parse(judged);
        var now = _context.TimeProvider.GetUtcNow();
        return o =>
        {
            o.AddRow(BacktranslationDatasets.Scored.Name,
            [
                pair.PairId, instruction, response, pair.Shard, pair.Ordinal, pair.SegmentIndex, pair.LabelModel, judged.Model, judged.Backend,
                ScorePromptId, verdict.Score, verdict.ExpectedScore, verdict.Status, verdict.Rationale, _context.Run.Value, now,
            ]);
            if (verdict.Score is not { } value)
            {
                o.Count("score.parse_failed").Count($"score.parse_failed.{verdict.Status}");
                return;
            }

            o.Count("score.ok").Count($"score.histogram.{value}");
            if (value >= _settings.ScoreThreshold)
            {
                o.Count("train.web");
                o.AddRow(BacktranslationDatasets.Train.Name, TrainRow(instruction, response, _settings.Tags.Web, "web", value, pair.PairId, judged.Model, now));
            }
            else
            {
                o.Count("score.below_threshold");
            }
        };
    }

    private object?[] TrainRow(string instruction, string response, string tag, string source, int? score, string pairId, string? judge, DateTimeOffset now)
    {
        var text = _settings.Tags.Placement == TagPlacement.Append ? $"{instruction.TrimEnd()}\n\n{tag}" : instruction;
        return [text, string.Empty, response, tag, source, score, pairId, judge, _context.Run.Value, now];
    }

    private static DeadLetter DeadLetterFor(string stage, InferenceOutcome.Failed failed, string pairId, RecordOutput output) =>
        new(stage, $"{failed.Kind}: {failed.Reason} (after {failed.Attempts} attempts)", JsonSerializer.Serialize(new { pair_id = pairId, request = failed.Request.Id }, s_json), pairId)
        {
            Shard = output.Shard,
            Ordinal = output.Ordinal,
        };

    private async Task<Dictionary<long, List<CorpusDedupEntry>>> LoadDedupAsync(ClusterShardId shard, CancellationToken cancellationToken)
    {
        var byOrdinal = new Dictionary<long, List<CorpusDedupEntry>>();
        await foreach (var entry in _context.Store.ReadDedupEntriesAsync(_context.Run, DedupOperator(shard), cancellationToken).ConfigureAwait(false))
        {
            long ordinal = long.Parse(entry.Key.AsSpan(0, entry.Key.IndexOf(':', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
            if (!byOrdinal.TryGetValue(ordinal, out var list))
            {
                list = [];
                byOrdinal[ordinal] = list;
            }

            list.Add(DecodeDedup(entry.Value!));
        }

        // Segments of one record were decided in index order; replay them the same way.
        return byOrdinal;
    }

    private static string DedupOperator(ClusterShardId shard) => $"dedup:{shard.Value}";

    internal static string EncodeDedup(CorpusDedupEntry entry) =>
        entry.ExactKey.ToString("x16", CultureInfo.InvariantCulture) + ";" + string.Join(',', entry.BandKeys.Select(k => k.ToString("x16", CultureInfo.InvariantCulture)));

    internal static CorpusDedupEntry DecodeDedup(string text)
    {
        int split = text.IndexOf(';', StringComparison.Ordinal);
        var exact = ulong.Parse(text.AsSpan(0, split), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var bands = text[(split + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(b => ulong.Parse(b, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToArray();
        return new CorpusDedupEntry(exact, bands);
    }

    private static string PromptId(string name, string text) =>
        $"{name}@{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12]}";

    internal static string CounterName(string reason)
    {
        var builder = new StringBuilder(reason.Length + 4);
        foreach (char c in reason)
        {
            if (char.IsUpper(c) && builder.Length > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_');
        }

        return builder.ToString();
    }

    private static string Excerpt(string text) => text.Length <= 200 ? text : text[..200];

    /// <summary>One row of a candidates part; <see cref="Problem"/> says why it cannot be judged (a damaged row).</summary>
    private sealed record CandidateRow(long Ordinal, string? PairId, string? Instruction, string? Output, string? Shard, long SourceOrdinal, int SegmentIndex, string? LabelModel, string? Problem)
    {
        public static CandidateRow From(long ordinal, IReadOnlyDictionary<string, object?> row)
        {
            var pairId = row.GetValueOrDefault("pair_id") as string;
            var instruction = row.GetValueOrDefault("instruction") as string;
            var output = row.GetValueOrDefault("output") as string;
            var shard = row.GetValueOrDefault("shard") as string;
            var labelModel = row.GetValueOrDefault("label_model") as string;
            var sourceOrdinal = row.GetValueOrDefault("ordinal") as long?;
            var segmentIndex = row.GetValueOrDefault("segment_index") as int?;
            string? problem = string.IsNullOrWhiteSpace(pairId) || string.IsNullOrWhiteSpace(instruction) || string.IsNullOrWhiteSpace(output)
                || shard is null || labelModel is null || sourceOrdinal is null || segmentIndex is null
                ? "candidate row lacks pair_id, instruction, output or its lineage columns"
                : null;
            return new CandidateRow(ordinal, pairId, instruction, output, shard, sourceOrdinal ?? -1, segmentIndex ?? -1, labelModel, problem);
        }
    }

    /// <summary>Where a pair came from: its id and the corpus record and segment it was labelled from.</summary>
    private sealed record PairLineage(string PairId, string Shard, long Ordinal, int SegmentIndex, string LabelModel);

    private sealed class WorkItem(RecordOutput output)
    {
        public RecordOutput Output { get; } = output;

        public List<Segment> Segments { get; } = [];

        public string? Url { get; set; }
    }
}
