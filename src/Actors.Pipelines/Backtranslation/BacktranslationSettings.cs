using Actors.Corpus;

namespace Actors.Pipelines.Backtranslation;

/// <summary>
/// The <c>actors.backtranslation</c> section. Defaults equal hocon/reference.conf (a test binds one to the other);
/// numbers follow the Humpback paper unless reference.conf says otherwise.
/// </summary>
public sealed record BacktranslationSettings
{
    /// <summary>How documents are read from shards.</summary>
    public CorpusOptions Corpus { get; init; } = new();

    /// <summary>Segment length bounds.</summary>
    public SegmentSettings Segment { get; init; } = new();

    /// <summary>Boilerplate, repetition and language filters.</summary>
    public CleaningSettings Cleaning { get; init; } = new();

    /// <summary>Near-duplicate removal.</summary>
    public MinHashSettings Minhash { get; init; } = new();

    /// <summary>Bounds on generated instructions.</summary>
    public InstructionBounds Instruction { get; init; } = new();

    /// <summary>Pairs scored at least this are selected (5: A5, 4: A4).</summary>
    public int ScoreThreshold { get; init; } = 5;

    /// <summary>Tags telling seed from web examples.</summary>
    public TagSettings Tags { get; init; } = new();

    /// <summary>Sampling for labeling and scoring.</summary>
    public BacktranslationSampling Sampling { get; init; } = new();

    /// <summary>Prompt templates (ours).</summary>
    public BacktranslationPrompts Prompts { get; init; } = new();

    /// <summary>Documents whose segments are being labelled and scored at once (rescore mode: candidates being judged at once).</summary>
    public int Parallelism { get; init; } = 64;

    /// <summary>Records per commit at most.</summary>
    public int CommitBatch { get; init; } = 256;

    /// <summary>Longest a finished record waits for its commit.</summary>
    public TimeSpan CommitInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Throws with the setting's name when a value is out of range.</summary>
    public void Validate()
    {
        Corpus.Validate();
        Segment.Validate();
        Cleaning.Validate();
        Minhash.Validate();
        if (ScoreThreshold is < 1 or > 5)
        {
            throw new ArgumentException($"actors.backtranslation.score-threshold is {ScoreThreshold}; use 1 to 5 (5 gives the paper's A5 set, 4 gives A4).");
        }

        if (Instruction.MinChars < 1 || Instruction.MaxChars < Instruction.MinChars)
        {
            throw new ArgumentException($"actors.backtranslation.instruction: min-chars {Instruction.MinChars} and max-chars {Instruction.MaxChars} must satisfy 1 <= min <= max.");
        }

        if (Parallelism < 1 || CommitBatch < 1 || CommitInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException("actors.backtranslation: parallelism and commit-batch must be at least 1 and commit-interval positive.");
        }
    }
}

/// <summary>Instruction length bounds in characters.</summary>
public sealed record InstructionBounds
{
    /// <summary>Shortest kept.</summary>
    public int MinChars { get; init; } = 10;

    /// <summary>Longest kept.</summary>
    public int MaxChars { get; init; } = 800;
}

/// <summary>Where the origin tag goes.</summary>
public enum TagPlacement
{
    /// <summary>After the instruction, as a sentence.</summary>
    Append,

    /// <summary>In the <c>system</c> column only.</summary>
    System,
}

/// <summary>The paper's origin tags.</summary>
public sealed record TagSettings
{
    /// <summary>Tag of seed examples.</summary>
    public string Seed { get; init; } = "Answer in the style of an AI Assistant.";

    /// <summary>Tag of web-derived examples.</summary>
    public string Web { get; init; } = "Answer with knowledge from web search.";

    /// <summary>Append to the instruction, or system message only.</summary>
    public TagPlacement Placement { get; init; } = TagPlacement.Append;
}

/// <summary>Sampling for labeling and scoring.</summary>
public sealed record BacktranslationSampling
{
    /// <summary>Temperature.</summary>
    public double Temperature { get; init; } = 0.7;

    /// <summary>Nucleus mass.</summary>
    public double TopP { get; init; } = 0.9;

    /// <summary>Tokens per generation at most.</summary>
    public int MaxTokens { get; init; } = 512;

    /// <summary>Top logprobs asked of the judge per token (0: none), for the expected score.</summary>
    public int ScoreLogprobs { get; init; }
}

/// <summary>Prompt templates. Placeholders: label {segment}; score {instruction} {output}.</summary>
public sealed record BacktranslationPrompts
{
    /// <summary>The backward model's prompt.</summary>
    public string Label { get; init; } = "";

    /// <summary>The judge's prompt.</summary>
    public string Score { get; init; } = "";
}
