using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Actors.Cluster;
using Actors.Inference;
using Actors.Pipelines.Export;
using Actors.Pipelines.Filters;
using Actors.Pipelines.Runs;
using Actors.Streams.Dsl;

namespace Actors.Pipelines.SelfInstruct;

/// <summary>
/// Self-Instruct on the run framework, in two phases, each a pseudo-shard of the run.
/// <para>
/// Phase 1, bootstrap (<see cref="PromptsShard"/>, record k = generation prompt k): up to
/// <see cref="SelfInstructSettings.InFlightPrompts"/> (W) prompts are generated at once, but the pool has one owner
/// that gates completions strictly in prompt order (a reorder buffer): parse, instruction filters, similarity gate,
/// then the accepted instructions join the pool and are committed with record k as pool entries. Prompt k is
/// sampled from the pool as it stood after prompt k − W was gated, so which prompt is sent never depends on timing.
/// The phase ends at the prompt whose accepted instructions reach <c>--target</c> (its list is cut so exactly that
/// many are accepted); that prompt's commit also completes the shard. Resume reloads the pool from the store,
/// rebuilds the gate (seeds, then pooled instructions in order), and regenerates the prompts after the committed
/// prefix from the pool prefix each saw; their completions come back from the run's response cache.
/// </para>
/// <para>
/// Phase 2, instances (<see cref="InstructionsShard"/>, record i = pooled instruction i): classification (retried
/// with a new request seed when unparseable or failed, then dead-lettered, never read as No), instance generation
/// output-first for classification tasks and input-first otherwise, instance parsing and filters, and export as an
/// instructions row plus prompt/completion, Alpaca and chat rows. Records are independent and complete in any order.
/// </para>
/// </summary>
public sealed class SelfInstructRecipe
{
    /// <summary>Recipe name as stored with the run.</summary>
    public const string Name = "self-instruct";

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);
    private readonly SelfInstructSettings _settings;
    private readonly IReadOnlyList<SeedTask> _seeds;
    private readonly int _target;
    private readonly RunContext _context;
    private readonly InstructionPromptSampler _sampler;
    private readonly InstructionListParser _listParser;
    private readonly InstructionFilter _filter;
    private readonly ClassificationQuestion _classification;
    private readonly InstancePromptBuilder _instancePrompts;
    private readonly TrainingRowFactory _rows;

    /// <summary>Prepares the recipe for one run; throws <see cref="ArgumentException"/> on settings that make no sense.</summary>
    public SelfInstructRecipe(SelfInstructSettings settings, IReadOnlyList<SeedTask> seeds, int target, RunContext context, IReadOnlyDictionary<string, string> fileMetadata)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentOutOfRangeException.ThrowIfLessThan(target, 1);
        Validate(settings);
        _settings = settings;
        _seeds = seeds;
        _target = target;
        _context = context;
        _sampler = new InstructionPromptSampler(seeds, settings);
        _listParser = new InstructionListParser(settings.Generation.Stop);
        _filter = new InstructionFilter(settings.ToFilterOptions());
        _classification = new ClassificationQuestion(settings);
        _instancePrompts = new InstancePromptBuilder(settings);
        _rows = new TrainingRowFactory(settings.Templates, settings.Chat, settings.RandomSeed);
        Committer = new RecordCommitter(context.Store, context.Run, context.Layout, SelfInstructDatasets.All, context.Parquet, fileMetadata);
    }

    /// <summary>The bootstrap pseudo-shard: record k is generation prompt k.</summary>
    public static ShardId PromptsShard { get; } = new("si:prompts");

    /// <summary>The instances pseudo-shard: record i is pooled machine instruction i.</summary>
    public static ShardId InstructionsShard { get; } = new("si:instructions");

    /// <summary>The committer (its fence is set in cluster mode).</summary>
    public RecordCommitter Committer { get; }

    /// <summary>
    /// Cluster mode: the gate waits for prompts that workers generated (<see cref="GeneratePromptsAsync"/>) instead of
    /// sending them itself, and registers prompt and instances shards for every node as it goes.
    /// </summary>
    public bool Distributed { get; init; }

    /// <summary>The prompt shard of prompts <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> − 1.</summary>
    public static ShardId PromptRangeShard(long first, int count) => RangeShard(PromptRangePrefix, first, count);

    /// <summary>The instances shard of pooled instructions <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> − 1.</summary>
    public static ShardId InstanceRangeShard(long first, int count) => RangeShard(InstanceRangePrefix, first, count);

    /// <summary>Id prefix of prompt shards (cluster mode).</summary>
    public const string PromptRangePrefix = "si:gen:";

    /// <summary>Id prefix of instances shards (cluster mode).</summary>
    public const string InstanceRangePrefix = "si:inst:";

    private static ShardId RangeShard(string prefix, long first, int count) =>
        new(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{prefix}{first:D9}+{count}"));

    /// <summary>The range of a prompt or instances shard id; throws <see cref="ArgumentException"/> for any other id.</summary>
    public static (long First, int Count) ParseRange(ShardId shard, string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var text = shard.Value;
        var plus = text.IndexOf('+', StringComparison.Ordinal);
        if (text.StartsWith(prefix, StringComparison.Ordinal) && plus > prefix.Length
            && long.TryParse(text.AsSpan(prefix.Length, plus - prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var first)
            && int.TryParse(text.AsSpan(plus + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count) && count > 0)
        {
            return (first, count);
        }

        throw new ArgumentException($"Shard {text} is not a {prefix}FIRST+COUNT shard.", nameof(shard));
    }

    /// <summary>Where the seed tasks are: the path prompt and instances shards are registered with (cluster mode).</summary>
    public string? SeedsPath { get; init; }

    private int PromptsPerShard => Math.Min(_settings.Cluster.PromptsPerShard, _settings.InFlightPrompts);

    private GeneratedPromptTracker? _generated;
    private long _promptShardsRegistered;
    private long _instanceShardsRegistered;

    /// <summary>Throws <see cref="ArgumentException"/> when the run settings of <paramref name="settings"/> make no sense.</summary>
    public static void Validate(SelfInstructSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Cluster.PromptsPerShard < 1 || settings.Cluster.InstructionsPerShard < 1 || settings.Cluster.PollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException(
                $"actors.self-instruct.cluster: prompts-per-shard ({settings.Cluster.PromptsPerShard}) and instructions-per-shard ({settings.Cluster.InstructionsPerShard}) " +
                $"must be at least 1, and poll-interval ({settings.Cluster.PollInterval}) positive.");
        }

        if (settings.InFlightPrompts < 1 || settings.Parallelism < 1 || settings.ClassifyAttempts < 1 || settings.CommitBatch < 1
            || settings.CommitInterval <= TimeSpan.Zero || settings.MaxPromptsWithoutProgress < 1 || settings.MaxInstances < 1)
        {
            throw new ArgumentException(
                $"actors.self-instruct: in-flight-prompts ({settings.InFlightPrompts}), parallelism ({settings.Parallelism}), classify-attempts ({settings.ClassifyAttempts}), " +
                $"commit-batch ({settings.CommitBatch}), max-prompts-without-progress ({settings.MaxPromptsWithoutProgress}) and max-instances ({settings.MaxInstances}) must be at least 1, " +
                $"and commit-interval ({settings.CommitInterval}) positive.");
        }
    }

    /// <summary>Runs whatever is pending: the bootstrap, then the instances (single node).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (await IsPendingAsync(PromptsShard, cancellationToken).ConfigureAwait(false))
        {
            if (!await BootstrapAsync(cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }

        if (!_context.Drain.IsCancellationRequested && await IsPendingAsync(InstructionsShard, cancellationToken).ConfigureAwait(false))
        {
            await GenerateInstancesAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>True when <paramref name="shard"/> is registered and pending.</summary>
    public async Task<bool> IsPendingAsync(ShardId shard, CancellationToken cancellationToken)
    {
        var shards = await _context.Store.ListShardsAsync(_context.Run, cancellationToken).ConfigureAwait(false);
        return shards.Any(s => s.Id == shard && s.State == ShardState.Pending);
    }

    /// <summary>
    /// Phase 1: generates and gates prompts until the pool holds the target. Returns true when the pool is complete
    /// (the prompts shard is completed in the same commit), false when the run was drained first.
    /// </summary>
    public async Task<bool> BootstrapAsync(CancellationToken cancellationToken)
    {
        var committed = await _context.Store.GetCommittedOrdinalsAsync(_context.Run, PromptsShard, cancellationToken).ConfigureAwait(false);
        long first = committed.Count;
        if (first > 0 && !committed.Equals(OrdinalSet.FromRange(0, first)))
        {
            // The gate commits prompts in order, so anything but a prefix means the store was edited.
            throw new DataLossException($"The committed prompts of run {_context.Run.Value} are {committed}, not a prefix 0..{first - 1}; the pool cannot be rebuilt.");
        }

        var pool = await LoadPoolAsync(cancellationToken).ConfigureAwait(false);
        if (pool.Count >= _target)
        {
            throw new DataLossException($"Run {_context.Run.Value} holds {pool.Count} pooled instructions (target {_target}) but its prompts shard is not complete.");
        }

        var gate = new SimilarityGate(_settings.ToGateOptions());
        gate.AddToPool(_seeds.Select(s => s.Instruction));
        gate.AddToPool(pool.Select(p => p.Instruction.Text));
        if (first > 0)
        {
            _context.Log($"self-instruct: resuming the bootstrap at prompt {first} with {pool.Count} pooled instructions");
        }

        // Cluster mode: the shards every node can take now (registration is idempotent, so a new gate owner simply
        // registers again what the last one did).
        await RegisterWorkAsync(first, pool.Count, final: false, cancellationToken).ConfigureAwait(false);

        int window = _settings.InFlightPrompts;
        var inFlight = new Queue<PendingPrompt>();
        var batch = new List<RecordOutput>();
        long next = first;
        long gatedThrough = first - 1;
        int withoutProgress = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            while (true)
            {
                // Prompt k sees the pool as it stood after prompt k - W was gated: fixed by k, never by timing.
                while (!_context.Drain.IsCancellationRequested && next <= gatedThrough + window)
                {
                    inFlight.Enqueue(Issue(next, PoolSizeAfter(pool, next - window), pool, stop.Token));
                    next++;
                }

                if (inFlight.Count == 0)
                {
                    break;
                }

                var head = inFlight.Peek();
                if (!head.Outcome.IsCompleted && batch.Count > 0)
                {
                    // Nothing to gate yet: commit what is done rather than hold it (in cluster mode this also registers
                    // the prompt shards that the commit makes possible, which the head may be waiting for).
                    await CommitAsync(batch, null, cancellationToken).ConfigureAwait(false);
                    await RegisterWorkAsync(gatedThrough + 1, pool.Count, final: false, cancellationToken).ConfigureAwait(false);
                }

                InferenceOutcome outcome;
                try
                {
                    outcome = await head.Outcome.ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (Distributed && _context.Drain.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    // Draining while waiting for workers that may be draining too: commit what is gated and stop here.
                    break;
                }

                inFlight.Dequeue();
                int before = pool.Count;
                batch.Add(Gate(head.Prompt, outcome, gate, pool));
                gatedThrough = head.Prompt.Index;
                withoutProgress = pool.Count > before ? 0 : withoutProgress + 1;
                if (pool.Count >= _target)
                {
                    long total = head.Prompt.Index + 1;

                    // The last instances shard is registered before the commit that ends the bootstrap, so no moment
                    // exists when every registered shard is done but some instruction has no shard.
                    await RegisterWorkAsync(gatedThrough + 1 - batch.Count, pool.Count, final: true, cancellationToken).ConfigureAwait(false);
                    await CommitAsync(batch, c => c.CompleteShard(PromptsShard, total), cancellationToken).ConfigureAwait(false);
                    _context.Log($"self-instruct: pool complete with {pool.Count} instructions after {total} prompts");
                    return true;
                }

                if (withoutProgress >= _settings.MaxPromptsWithoutProgress)
                {
                    await CommitAsync(batch, null, cancellationToken).ConfigureAwait(false);
                    await RegisterWorkAsync(gatedThrough + 1, pool.Count, final: true, cancellationToken).ConfigureAwait(false);
                    throw new PoolStalledException(
                        $"self-instruct: {withoutProgress} prompts in a row added nothing to the pool ({pool.Count} of {_target}); the model's answers are all dropped, " +
                        "filtered or too similar. Check the endpoint and prompts, or raise actors.self-instruct.max-prompts-without-progress.");
                }

                if (batch.Count >= _settings.CommitBatch)
                {
                    await CommitAsync(batch, null, cancellationToken).ConfigureAwait(false);
                    await RegisterWorkAsync(gatedThrough + 1, pool.Count, final: false, cancellationToken).ConfigureAwait(false);
                }
            }

            await CommitAsync(batch, null, cancellationToken).ConfigureAwait(false);
            return false;
        }
        finally
        {
            // Stop the prompts still in flight (past the target, or on failure) and wait for them, so none outlives the run.
            await stop.CancelAsync().ConfigureAwait(false);
            foreach (var pending in inFlight)
            {
                try
                {
                    await pending.Outcome.ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }
            }
        }
    }

    private async Task CommitAsync(List<RecordOutput> batch, Action<RunCommit>? extra, CancellationToken cancellationToken)
    {
        if (batch.Count == 0 && extra is null)
        {
            return;
        }

        await Committer.CommitAsync(batch, extra, cancellationToken).ConfigureAwait(false);
        _context.OnCommitted?.Invoke(batch.Count);
        batch.Clear();
    }

    private PendingPrompt Issue(long index, int poolPrefix, List<PooledInstruction> pool, CancellationToken cancellationToken)
    {
        var prompt = _sampler.Sample(index, new PoolPrefix(pool, poolPrefix));
        var request = GenerationRequest(prompt);
        var outcome = Distributed
            ? GeneratedByWorkerAsync(index, request, cancellationToken)
            : _context.Router.CompleteAsync(request, cancellationToken);
        return new PendingPrompt(prompt, outcome);
    }

    /// <summary>
    /// Cluster mode: waits until a worker has generated the prompt (its prompt shard records it), then asks the router,
    /// which answers from the run's response cache. Should the cache not have it (offline backend, or the worker's
    /// request failed), the router generates it here: the gate's decision is the same either way.
    /// </summary>
    private async Task<InferenceOutcome> GeneratedByWorkerAsync(long index, CompletionRequest request, CancellationToken cancellationToken)
    {
        long shardNumber = index / PromptsPerShard;
        var shard = PromptRangeShard(shardNumber * PromptsPerShard, PromptsPerShard);
        _generated ??= new GeneratedPromptTracker(_context.Store, _context.Run, _settings.Cluster.PollInterval);
        while (Volatile.Read(ref _promptShardsRegistered) <= shardNumber || !await _generated.ContainsAsync(shard, index, cancellationToken).ConfigureAwait(false))
        {
            _context.Drain.ThrowIfCancellationRequested();
            await Task.Delay(_settings.Cluster.PollInterval, cancellationToken).ConfigureAwait(false);
        }

        return await _context.Router.CompleteAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The request of generation prompt <paramref name="prompt"/>; the gate and the workers build the same one.</summary>
    private CompletionRequest GenerationRequest(InstructionPrompt prompt)
    {
        var g = _settings.Generation;
        return new CompletionRequest
        {
            Id = $"si:prompt:{prompt.Index}",
            Purpose = SelfInstructOfflineResponders.GenerateInstructionsPurpose,
            Prompt = prompt.Text,
            Sampling = new SamplingParameters
            {
                Temperature = g.Temperature,
                TopP = g.TopP,
                MaxTokens = g.MaxTokens,
                Stop = g.Stop,
                PresencePenalty = g.PresencePenalty,
                FrequencyPenalty = g.FrequencyPenalty,
            },
        };
    }

    /// <summary>
    /// Cluster mode: registers the prompt shards whose prompts can all be sampled once <paramref name="promptsCommitted"/>
    /// prompts are committed (prompt k needs prompt k − in-flight-prompts gated), and an instances shard for each full
    /// range of the <paramref name="poolCount"/> pooled instructions, plus the last, partial one when
    /// <paramref name="final"/>. Registration is idempotent; nothing happens on a single node.
    /// </summary>
    private async Task RegisterWorkAsync(long promptsCommitted, int poolCount, bool final, CancellationToken cancellationToken)
    {
        if (!Distributed)
        {
            return;
        }

        var path = SeedsPath ?? throw new InvalidOperationException("A distributed Self-Instruct recipe needs SeedsPath.");
        int perPromptShard = PromptsPerShard, perInstanceShard = _settings.Cluster.InstructionsPerShard;
        var shards = new List<ShardDefinition>();
        long prompts = _promptShardsRegistered;
        while ((prompts + 1) * perPromptShard <= promptsCommitted + _settings.InFlightPrompts)
        {
            shards.Add(new ShardDefinition(PromptRangeShard(prompts * perPromptShard, perPromptShard), path, 0));
            prompts++;
        }

        long instances = _instanceShardsRegistered;
        while ((instances + 1) * perInstanceShard <= poolCount)
        {
            shards.Add(new ShardDefinition(InstanceRangeShard(instances * perInstanceShard, perInstanceShard), path, 0));
            instances++;
        }

        if (final && instances * perInstanceShard < poolCount)
        {
            shards.Add(new ShardDefinition(InstanceRangeShard(instances * perInstanceShard, (int)(poolCount - (instances * perInstanceShard))), path, 0));
            instances++;
        }

        if (shards.Count > 0)
        {
            await _context.Store.RegisterShardsAsync(_context.Run, shards, cancellationToken).ConfigureAwait(false);
        }

        Volatile.Write(ref _promptShardsRegistered, prompts);
        _instanceShardsRegistered = instances;
    }

    /// <summary>
    /// Cluster mode, any node: generates the prompts of a prompt shard (sampled exactly as the gate samples them, from
    /// the pool in the store) so that their completions land in the run's response cache, and records each one. The
    /// gate then takes them from the cache in prompt order. When the bootstrap is already complete (the shard was
    /// registered just before the end), nothing is generated.
    /// </summary>
    public async Task GeneratePromptsAsync(ShardDefinition shard, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shard);
        var (first, count) = ParseRange(shard.Id, PromptRangePrefix);
        var committed = await _context.Store.GetCommittedOrdinalsAsync(_context.Run, shard.Id, cancellationToken).ConfigureAwait(false);
        var gated = await _context.Store.GetCommittedOrdinalsAsync(_context.Run, PromptsShard, cancellationToken).ConfigureAwait(false);
        bool complete = !await IsPendingAsync(PromptsShard, cancellationToken).ConfigureAwait(false);
        var pool = await LoadPoolAsync(cancellationToken).ConfigureAwait(false);
        int window = _settings.InFlightPrompts;
        if (!complete && first + count - 1 - window >= gated.Count)
        {
            throw new InvalidOperationException(
                $"Prompt shard {shard.Id.Value} needs prompts up to {first + count - 1 - window} gated, but only {gated.Count} are; it was registered too early.");
        }

        var todo = Enumerable.Range(0, count).Select(i => first + i).Where(k => !committed.Contains(k)).ToList();
        var graph = Source.FromAsyncEnumerable(_ => UntilDrained(todo))
            .SelectAsyncUnordered(count, async (k, ct) =>
            {
                var output = new RecordOutput(shard.Id, k);
                if (complete)
                {
                    output.Count("cluster.prompts_skipped");
                    return output;
                }

                var prompt = _sampler.Sample(k, new PoolPrefix(pool, PoolSizeAfter(pool, k - window)));
                var outcome = await _context.Router.CompleteAsync(GenerationRequest(prompt), ct).ConfigureAwait(false);
                output.Count(outcome is InferenceOutcome.Succeeded ? "cluster.prompts_generated" : "cluster.prompts_failed");
                return output;
            })
            .Named("generate-prompts");
        await CommitShardAsync(graph, shard.Id, count, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Cluster mode, any node: phase 2 for the pooled instructions of one instances shard. Returns false, leaving the
    /// shard pending, when the gate registered it just before committing its last instructions and they are not in the
    /// store yet.
    /// </summary>
    public async Task<bool> GenerateInstanceRangeAsync(ShardDefinition shard, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shard);
        var (first, count) = ParseRange(shard.Id, InstanceRangePrefix);
        var pool = await LoadPoolAsync(cancellationToken).ConfigureAwait(false);
        if (pool.Count < first + count)
        {
            _context.Log($"self-instruct: {shard.Id.Value} waits for the gate to commit pooled instructions up to {first + count - 1} (the pool has {pool.Count})");
            return false;
        }

        await GenerateInstancesAsync(shard.Id, first, count, pool, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private Task CommitShardAsync(Source<RecordOutput> outputs, ShardId shard, long records, CancellationToken cancellationToken) =>
        Committer.CommitShardAsync(outputs, shard, () => records, _context, _settings.CommitBatch, _settings.CommitInterval, cancellationToken);

    /// <summary>Gates one prompt's completion (the pool's single owner calls this in prompt order).</summary>
    private RecordOutput Gate(InstructionPrompt prompt, InferenceOutcome outcome, SimilarityGate gate, List<PooledInstruction> pool)
    {
        var output = new RecordOutput(PromptsShard, prompt.Index);
        output.Count("prompts.gated");
        if (outcome is InferenceOutcome.Failed failed)
        {
            output.Count("prompts.failed").Count($"prompts.failed.{CounterName(failed.Kind.ToString())}");
            output.DeadLetters.Add(DeadLetterFor("generate-instructions", failed, $"prompt:{prompt.Index}", output));
            return output;
        }

        var completion = ((InferenceOutcome.Succeeded)outcome).Completion;
        var parsed = _listParser.Parse(completion.Text, prompt, Finish(completion.FinishReason));
        output.Count("instructions.generated", parsed.Instructions.Count + parsed.Dropped.Count);
        foreach (var drop in parsed.Dropped)
        {
            output.Count("instructions.parse_dropped").Count($"instructions.parse_dropped.{CounterName(drop.CountKey)}");
        }

        var passed = new List<GeneratedInstruction>(parsed.Instructions.Count);
        foreach (var instruction in parsed.Instructions)
        {
            var verdict = _filter.Check(instruction.Text);
            if (verdict.IsPassed)
            {
                passed.Add(instruction);
            }
            else
            {
                output.Count("instructions.filtered").Count($"instructions.filtered.{CounterName(verdict.CountKey)}");
            }
        }

        var decisions = gate.EvaluateBatch(passed.Select(p => p.Text).ToList());
        for (var i = 0; i < passed.Count; i++)
        {
            if (!decisions[i].Accepted)
            {
                output.Count("instructions.too_similar");
                continue;
            }

            if (pool.Count >= _target)
            {
                // The gate took it, but the run stops at exactly the target: later ones of the last prompt are cut.
                output.Count("instructions.beyond_target");
                continue;
            }

            var sequence = pool.Count;
            var metadata = new PoolMetadata(decisions[i].PoolIndex, prompt.Index, passed[i].Number, completion.Model, completion.Backend, prompt.SeedIds, prompt.MachineIds);
            var pooled = new PooledInstruction(new PoolInstruction(MachineId(sequence), passed[i].Text), metadata);
            pool.Add(pooled);
            output.Pool.Add(new PoolEntry(sequence, PoolEntryKind.Generated, passed[i].Text, JsonSerializer.Serialize(metadata, s_json)));
            output.Count("instructions.accepted");
        }

        return output;
    }

    /// <summary>Phase 2: classifies every pooled instruction, generates and filters its instances, and exports them.</summary>
    public async Task GenerateInstancesAsync(CancellationToken cancellationToken)
    {
        var pool = await LoadPoolAsync(cancellationToken).ConfigureAwait(false);
        if (pool.Count != _target)
        {
            throw new DataLossException($"Run {_context.Run.Value} holds {pool.Count} pooled instructions but its target is {_target}.");
        }

        await GenerateInstancesAsync(InstructionsShard, 0, pool.Count, pool, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Phase 2 for pooled instructions <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> − 1, record i of <paramref name="shard"/> being instruction i.</summary>
    private async Task GenerateInstancesAsync(ShardId shard, long first, int count, List<PooledInstruction> pool, CancellationToken cancellationToken)
    {
        var committed = await _context.Store.GetCommittedOrdinalsAsync(_context.Run, shard, cancellationToken).ConfigureAwait(false);
        var pending = Enumerable.Range(0, count).Select(i => first + i).Where(i => !committed.Contains(i)).Select(i => (Index: i, Pooled: pool[(int)i])).ToList();
        _context.Log($"self-instruct: instances for {pending.Count} of {count} instructions ({shard.Value})");
        var graph = Source.FromAsyncEnumerable(_ => UntilDrained(pending))
            .SelectAsyncUnordered(_settings.Parallelism, (item, ct) => CompleteInstructionAsync(shard, item.Index, item.Pooled, ct))
            .Named("classify-instances");
        await CommitShardAsync(graph, shard, count, cancellationToken).ConfigureAwait(false);
    }

    private async IAsyncEnumerable<T> UntilDrained<T>(IEnumerable<T> items)
    {
        foreach (var item in items)
        {
            if (_context.Drain.IsCancellationRequested)
            {
                yield break;
            }

            yield return item;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private async Task<RecordOutput> CompleteInstructionAsync(ShardId shard, long index, PooledInstruction pooled, CancellationToken cancellationToken)
    {
        var output = new RecordOutput(shard, index);
        var text = pooled.Instruction.Text;
        var meta = pooled.Metadata;
        output.Count("instances.instructions");
        var answer = await ClassifyAsync(index, text, output, cancellationToken).ConfigureAwait(false);
        if (!answer.IsDecided)
        {
            output.Count("classify.failed").Count($"classify.failed.{CounterName(answer.Verdict.ToString())}");
            output.DeadLetters.Add(new DeadLetter("classify", $"{answer.Verdict}: {answer.Problem} (after {_settings.ClassifyAttempts} attempts)", JsonSerializer.Serialize(new { pool_index = index, instruction = text, raw = answer.Raw }, s_json), $"instruction:{index}")
            {
                Shard = output.Shard,
                Ordinal = output.Ordinal,
            });
            output.AddRow(SelfInstructDatasets.Instructions.Name, InstructionRow(index, text, null, 0, "classify_failed", meta));
            return output;
        }

        bool isClassification = answer.Verdict == ClassificationVerdict.Yes;
        output.Count(isClassification ? "classify.yes" : "classify.no");
        var route = answer.Route;
        var s = _settings.Instances;
        var outcome = await _context.Router.CompleteAsync(
            new CompletionRequest
            {
                Id = $"si:instances:{index}",
                Purpose = route == InstanceRoute.OutputFirst ? SelfInstructOfflineResponders.OutputFirstPurpose : SelfInstructOfflineResponders.InputFirstPurpose,
                Prompt = _instancePrompts.Build(route, text),
                Sampling = new SamplingParameters { Temperature = s.Temperature, TopP = s.TopP, MaxTokens = s.MaxTokens, Stop = s.Stop, PresencePenalty = s.PresencePenalty },
            },
            cancellationToken).ConfigureAwait(false);
        if (outcome is InferenceOutcome.Failed failed)
        {
            output.Count("instances.failed").Count($"instances.failed.{CounterName(failed.Kind.ToString())}");
            output.DeadLetters.Add(DeadLetterFor("generate-instances", failed, $"instruction:{index}", output));
            output.AddRow(SelfInstructDatasets.Instructions.Name, InstructionRow(index, text, isClassification, 0, "instances_failed", meta));
            return output;
        }

        var completion = ((InferenceOutcome.Succeeded)outcome).Completion;
        var parsed = InstanceParser.Parse(route, completion.Text);
        if (parsed.Problem is not null)
        {
            output.Count("instances.unparseable");
        }

        var filtered = InstanceFilter.Apply(parsed.Instances, Finish(completion.FinishReason), _settings.MaxInstances);
        output.Count("instances.parsed", parsed.Instances.Count).Count("instances.kept", filtered.Kept.Count);
        foreach (var drop in filtered.Dropped)
        {
            output.Count("instances.dropped").Count($"instances.dropped.{CounterName(drop.CountKey)}");
        }

        output.Count(filtered.Kept.Count > 0 ? "instructions.with_instances" : "instructions.without_instances");
        var lineage = new RowLineage { RunId = _context.Run.Value, PromptIndex = meta.PromptIndex, Model = meta.Model, SeedIds = meta.SeedIds };
        foreach (var instance in filtered.Kept)
        {
            var example = new TrainingExample(text, instance.Input, instance.Output);
            output.AddRow(SelfInstructDatasets.PromptCompletion.Name, _rows.ToPromptCompletion(example, lineage).ToParquetValues());
            output.AddRow(SelfInstructDatasets.Alpaca.Name, _rows.ToAlpaca(example, lineage).ToParquetValues());
            output.AddRow(SelfInstructDatasets.Chat.Name, _rows.ToChat(example, lineage).ToParquetValues());
        }

        output.Count("rows.exported", filtered.Kept.Count);
        output.AddRow(SelfInstructDatasets.Instructions.Name, InstructionRow(index, text, isClassification, filtered.Kept.Count, filtered.Kept.Count > 0 ? "ok" : "no_instances", meta));
        return output;
    }

    /// <summary>Asks whether the task is a classification task until the answer is Yes or No, each retry with a new request seed.</summary>
    private async Task<ClassificationAnswer> ClassifyAsync(long index, string instruction, RecordOutput output, CancellationToken cancellationToken)
    {
        var c = _settings.Classification;
        var prompt = _classification.BuildPrompt(instruction);
        ClassificationAnswer answer = ClassificationAnswer.Failed("not asked");
        for (var attempt = 0; attempt < _settings.ClassifyAttempts; attempt++)
        {
            if (attempt > 0)
            {
                output.Count("classify.retried");
            }

            var outcome = await _context.Router.CompleteAsync(
                new CompletionRequest
                {
                    Id = $"si:classify:{index}:{attempt}",
                    Purpose = SelfInstructOfflineResponders.ClassifyPurpose,
                    Prompt = prompt,

                    // A new seed per retry gives the retry its own cache key (the first ask has none, as usual).
                    Sampling = new SamplingParameters { Temperature = c.Temperature, MaxTokens = c.MaxTokens, Stop = c.Stop, Seed = attempt == 0 ? null : attempt },
                },
                cancellationToken).ConfigureAwait(false);
            answer = outcome switch
            {
                InferenceOutcome.Succeeded ok => ClassificationQuestion.ParseAnswer(ok.Completion.Text),
                InferenceOutcome.Failed failed => ClassificationAnswer.Failed($"{failed.Kind}: {failed.Reason}"),
                _ => ClassificationAnswer.Failed("unknown outcome"),
            };
            if (answer.IsDecided)
            {
                return answer;
            }
        }

        return answer;
    }

    private object?[] InstructionRow(long index, string text, bool? isClassification, int instances, string status, PoolMetadata meta) =>
        [index, text, isClassification, instances, status, _context.Run.Value, meta.PromptIndex, meta.Model, meta.SeedIds.ToArray(), meta.MachineIds.ToArray()];

    /// <summary>The run's pooled machine instructions in pool order, with their metadata.</summary>
    private async Task<List<PooledInstruction>> LoadPoolAsync(CancellationToken cancellationToken)
    {
        var pool = new List<PooledInstruction>();
        await foreach (var entry in _context.Store.ReadPoolAsync(_context.Run, cancellationToken).ConfigureAwait(false))
        {
            if (entry.Kind != PoolEntryKind.Generated)
            {
                continue;
            }

            if (entry.Sequence != pool.Count)
            {
                throw new DataLossException($"Pool entry {entry.Sequence} of run {_context.Run.Value} follows {pool.Count} entries; the pool has a gap.");
            }

            var metadata = JsonSerializer.Deserialize<PoolMetadata>(entry.MetadataJson, s_json)
                ?? throw new DataLossException($"Pool entry {entry.Sequence} of run {_context.Run.Value} has no metadata.");
            pool.Add(new PooledInstruction(new PoolInstruction(MachineId(entry.Sequence), entry.Instruction), metadata));
        }

        return pool;
    }

    /// <summary>How many pooled instructions came from prompts up to <paramref name="promptIndex"/> (0 when it is negative).</summary>
    private static int PoolSizeAfter(List<PooledInstruction> pool, long promptIndex)
    {
        // Prompt indices grow along the pool: binary search for the first entry past promptIndex.
        int lo = 0, hi = pool.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (pool[mid].Metadata.PromptIndex <= promptIndex)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static string MachineId(long sequence) => $"machine_{sequence}";

    private static GenerationFinish Finish(string reason) => reason switch
    {
        "stop" => GenerationFinish.Stop,
        "length" => GenerationFinish.Length,
        _ => GenerationFinish.Unknown,
    };

    private static DeadLetter DeadLetterFor(string stage, InferenceOutcome.Failed failed, string location, RecordOutput output) =>
        new(stage, $"{failed.Kind}: {failed.Reason} (after {failed.Attempts} attempts)", JsonSerializer.Serialize(new { request = failed.Request.Id }, s_json), location)
        {
            Shard = output.Shard,
            Ordinal = output.Ordinal,
        };

    /// <summary>A counter-name fragment: lower case, runs of other characters as one underscore (<c>prefix:Write a program</c> → <c>prefix_write_a_program</c>).</summary>
    internal static string CounterName(string reason)
    {
        var builder = new StringBuilder(reason.Length + 4);
        for (var i = 0; i < reason.Length; i++)
        {
            char c = reason[i];
            if (char.IsAsciiLetterOrDigit(c))
            {
                if (char.IsUpper(c) && i > 0 && char.IsAsciiLetterLower(reason[i - 1]))
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else if (builder.Length > 0 && builder[^1] != '_')
            {
                builder.Append('_');
            }
        }

        return builder.ToString().TrimEnd('_');
    }

    /// <summary>A prompt in flight and its completion to come.</summary>
    private sealed record PendingPrompt(InstructionPrompt Prompt, Task<InferenceOutcome> Outcome);

    /// <summary>A pooled machine instruction and what the store keeps with it.</summary>
    private sealed record PooledInstruction(PoolInstruction Instruction, PoolMetadata Metadata);

    /// <summary>
    /// What a pool entry keeps beside its text: its place in the gate's pool (seeds first), the prompt and list number
    /// it came from, the model and backend that wrote it, and the seed and machine instructions the prompt showed.
    /// </summary>
    private sealed record PoolMetadata(int GatePoolIndex, long PromptIndex, int Number, string Model, string Backend, IReadOnlyList<string> SeedIds, IReadOnlyList<string> MachineIds);

    /// <summary>The first <c>count</c> entries of the pool, as the sampler reads them (no copy).</summary>
    private sealed class PoolPrefix(List<PooledInstruction> pool, int count) : IReadOnlyList<PoolInstruction>
    {
        public int Count => count;

        public PoolInstruction this[int index] => (uint)index < (uint)count ? pool[index].Instruction : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<PoolInstruction> GetEnumerator()
        {
            for (var i = 0; i < count; i++)
            {
                yield return pool[i].Instruction;
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
