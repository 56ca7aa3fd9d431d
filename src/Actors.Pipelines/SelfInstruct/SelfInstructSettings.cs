using Actors.Hocon;
using Actors.Pipelines.Export;
using Actors.Pipelines.Filters;

namespace Actors.Pipelines.SelfInstruct;

/// <summary>
/// The <c>actors.self-instruct</c> section. Numeric defaults follow the reference scripts and equal
/// hocon/reference.conf (a test binds one to the other); the prompts and training templates live only in
/// configuration, so bind the settings with <see cref="Load"/> rather than constructing them.
/// </summary>
public sealed record SelfInstructSettings
{
    /// <summary>In-context instructions per generation prompt; default 8.</summary>
    public int PromptInstructions { get; init; } = 8;

    /// <summary>At most this many of them are machine-generated, the rest are seeds; default 2.</summary>
    public int MachineInstructions { get; init; } = 2;

    /// <summary>New items a prompt may yield (numbers 9 to 15 with 8 in-context); default 7.</summary>
    public int MaxNewInstructions { get; init; } = 7;

    /// <summary>Prompts sent per batch request; default 5.</summary>
    public int RequestBatchSize { get; init; } = 5;

    /// <summary>Seed of the prompt sampler and of training-template choice; default 42.</summary>
    public long RandomSeed { get; init; } = 42;

    /// <summary>ROUGE-L F above which a candidate is rejected (0.7 itself passes); default 0.7.</summary>
    public double RougeThreshold { get; init; } = 0.7;

    /// <summary>Record each accepted instruction's most similar pooled instructions and mean similarity; default false.</summary>
    public bool RecordMostSimilar { get; init; }

    /// <summary>How many most similar instructions to record; default 10.</summary>
    public int MostSimilarCount { get; init; } = 10;

    /// <summary>Fewest words per instruction, inclusive; default 4.</summary>
    public int MinWords { get; init; } = 4;

    /// <summary>Most words per instruction, inclusive; default 150.</summary>
    public int MaxWords { get; init; } = 150;

    /// <summary>Whole words (case-insensitive) that reject an instruction; default the reference's 13.</summary>
    public IReadOnlyList<string> KeywordBlacklist { get; init; } =
        ["image", "images", "graph", "graphs", "picture", "pictures", "file", "files", "map", "maps", "draw", "plot", "go to"];

    /// <summary>Case-sensitive prefixes that reject an instruction; default "Write a program".</summary>
    public IReadOnlyList<string> RejectedPrefixes { get; init; } = ["Write a program"];

    /// <summary>Reject instructions that start with ASCII punctuation; default true.</summary>
    public bool RejectLeadingPunctuation { get; init; } = true;

    /// <summary>Reject instructions that start with a non-ASCII character; default true.</summary>
    public bool RejectNonAsciiStart { get; init; } = true;

    /// <summary>Instances kept per instruction at most; default 5.</summary>
    public int MaxInstances { get; init; } = 5;

    /// <summary>
    /// Generation prompts in flight at once (<c>run self-instruct</c>); default 20. Prompt k is sampled from the pool
    /// as it stood after prompt k − in-flight-prompts was gated, so the run is deterministic for a given value.
    /// </summary>
    public int InFlightPrompts { get; init; } = 20;

    /// <summary>Instructions whose instances are generated at once (phase 2 of <c>run self-instruct</c>); default 16.</summary>
    public int Parallelism { get; init; } = 16;

    /// <summary>Times the classification question is asked before the instruction is dead-lettered; default 3.</summary>
    public int ClassifyAttempts { get; init; } = 3;

    /// <summary>Records committed together at most; default 64.</summary>
    public int CommitBatch { get; init; } = 64;

    /// <summary>Longest a finished record waits for its commit; default 2 s.</summary>
    public TimeSpan CommitInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Consecutive prompts that add nothing to the pool before the run stops with an error; default 500.</summary>
    public int MaxPromptsWithoutProgress { get; init; } = 500;

    /// <summary>How a job fed to a cluster is cut into shards.</summary>
    public SelfInstructClusterSettings Cluster { get; init; } = new();

    /// <summary>Sampling for instruction generation.</summary>
    public GenerationSampling Generation { get; init; } = new();

    /// <summary>Sampling for the classification question.</summary>
    public ClassificationSampling Classification { get; init; } = new();

    /// <summary>Sampling for instance generation.</summary>
    public InstanceSampling Instances { get; init; } = new();

    /// <summary>The prompts (configuration only).</summary>
    public required SelfInstructPrompts Prompts { get; init; }

    /// <summary>Prompt/completion training templates, one picked per example (configuration only).</summary>
    public required IReadOnlyList<TrainingTemplate> Templates { get; init; }

    /// <summary>How chat-messages rows are written (configuration only).</summary>
    public required ChatTemplate Chat { get; init; }

    /// <summary>Binds <c>actors.self-instruct</c> from reference.conf under <paramref name="userFile"/> (null: the reference alone).</summary>
    public static SelfInstructSettings Load(string? userFile = null) => FromConfig(HoconConfig.Load(userFile));

    /// <summary>Binds <c>actors.self-instruct</c> from loaded configuration.</summary>
    public static SelfInstructSettings FromConfig(HoconConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Bind<SelfInstructSettings>("actors.self-instruct");
    }

    /// <summary>The instruction filters these settings describe.</summary>
    public InstructionFilterOptions ToFilterOptions() => new()
    {
        MinWords = MinWords,
        MaxWords = MaxWords,
        KeywordBlacklist = KeywordBlacklist,
        RejectedPrefixes = RejectedPrefixes,
        RejectLeadingPunctuation = RejectLeadingPunctuation,
        RejectNonAsciiStart = RejectNonAsciiStart,
    };

    /// <summary>The similarity gate these settings describe.</summary>
    public SimilarityGateOptions ToGateOptions() => new()
    {
        Threshold = RougeThreshold,
        RecordMostSimilar = RecordMostSimilar,
        MostSimilarCount = MostSimilarCount,
    };
}
