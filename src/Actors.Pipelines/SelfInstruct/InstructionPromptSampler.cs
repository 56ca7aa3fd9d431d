using Actors.Pipelines.Export;
using Actors.Pipelines.Filters;

namespace Actors.Pipelines.SelfInstruct;

/// <summary>
/// Builds instruction-generation prompts: up to <c>machine-instructions</c> accepted machine instructions
/// plus seed instructions up to <c>prompt-instructions</c> in all, drawn without replacement and shuffled,
/// written as a numbered list that ends with the next number. Prompt k depends only on the run's random
/// seed, k, the seeds and the machine pool it is given, so a resumed run rebuilds exactly the same prompt
/// from the first <see cref="InstructionPrompt.MachinePoolSize"/> pooled instructions. Thread-safe.
/// </summary>
public sealed class InstructionPromptSampler
{
    /// <summary>Placeholders the generation prompt may use.</summary>
    public static readonly IReadOnlyList<string> Placeholders = ["examples", "next"];

    private readonly IReadOnlyList<SeedTask> _seeds;
    private readonly PlaceholderTemplate _template;
    private readonly int _promptInstructions;
    private readonly int _machineInstructions;
    private readonly int _maxNewInstructions;
    private readonly long _randomSeed;

    /// <summary>Creates a sampler over <paramref name="seeds"/> with the prompt shape and counts of <paramref name="settings"/>.</summary>
    public InstructionPromptSampler(IReadOnlyList<SeedTask> seeds, SelfInstructSettings settings)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentNullException.ThrowIfNull(settings);
        if (seeds.Count == 0)
        {
            throw new ArgumentException("The prompt sampler needs at least one seed task.", nameof(seeds));
        }

        if (settings.PromptInstructions < 1 || settings.MachineInstructions < 0 || settings.MachineInstructions > settings.PromptInstructions || settings.MaxNewInstructions < 1)
        {
            throw new ArgumentException($"prompt-instructions = {settings.PromptInstructions}, machine-instructions = {settings.MachineInstructions}, max-new-instructions = {settings.MaxNewInstructions}: use prompt-instructions >= 1, 0 <= machine-instructions <= prompt-instructions, max-new-instructions >= 1.", nameof(settings));
        }

        _seeds = seeds;
        _template = new PlaceholderTemplate(settings.Prompts.GenerateInstructions, "actors.self-instruct.prompts.generate-instructions").RequireOnly([.. Placeholders]);
        _promptInstructions = settings.PromptInstructions;
        _machineInstructions = settings.MachineInstructions;
        _maxNewInstructions = settings.MaxNewInstructions;
        _randomSeed = settings.RandomSeed;
    }

    /// <summary>Builds prompt <paramref name="promptIndex"/> from the seeds and <paramref name="machinePool"/> (accepted so far, in order).</summary>
    public InstructionPrompt Sample(long promptIndex, IReadOnlyList<PoolInstruction> machinePool)
    {
        ArgumentNullException.ThrowIfNull(machinePool);
        ArgumentOutOfRangeException.ThrowIfNegative(promptIndex);
        var random = DeterministicRandom.ForIndex(_randomSeed, promptIndex);
        var examples = new List<PromptExample>(_promptInstructions);
        foreach (var i in random.SampleDistinct(machinePool.Count, _machineInstructions))
        {
            examples.Add(new PromptExample(Normalize(machinePool[i].Text), machinePool[i].Id, IsMachineGenerated: true));
        }

        foreach (var i in random.SampleDistinct(_seeds.Count, _promptInstructions - examples.Count))
        {
            examples.Add(new PromptExample(Normalize(_seeds[i].Instruction), _seeds[i].Id, IsMachineGenerated: false));
        }

        random.Shuffle(examples);
        var list = string.Join('\n', examples.Select((e, i) => $"{i + 1}. {e.Text}"));
        var next = examples.Count + 1;
        return new InstructionPrompt
        {
            Index = promptIndex,
            Text = _template.Render(("examples", list), ("next", next.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            Examples = examples,
            NextNumber = next,
            MaxNumber = examples.Count + _maxNewInstructions,
            MachinePoolSize = machinePool.Count,
        };
    }

    /// <summary>How an instruction is written into a prompt: whitespace runs collapsed to one space, trimmed, trailing colons removed.</summary>
    public static string Normalize(string instruction)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        return PythonText.CollapseWhitespace(instruction).TrimEnd(':');
    }
}
