using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Actors.Pipelines.SelfInstruct;

/// <summary>
/// Deterministic stand-ins for a model, one per Self-Instruct purpose, for demos and tests without a GPU
/// (never presented as a real model). Each reads the recipe's own prompt format and answers in the shape a
/// completion model would: a numbered continuation of the instruction list, " Yes" / " No", or instances.
/// The answer depends only on the prompt (a stable hash seeds every choice), so a resumed run gets the same
/// text. Instructions are composed from many phrase slots, so a run gets past the 0.7 ROUGE-L gate for
/// several hundred instructions, and some answers carry the shapes the parsers and filters must handle:
/// numbering gaps, numbered sub-lists, colons in content, items past the stop number, near-duplicates,
/// filter-failing instructions, duplicate or unfinished instances.
/// </summary>
public static partial class SelfInstructOfflineResponders
{
    /// <summary>Purpose of instruction-generation requests.</summary>
    public const string GenerateInstructionsPurpose = "generate-instructions";

    /// <summary>Purpose of the classification question.</summary>
    public const string ClassifyPurpose = "classify";

    /// <summary>Purpose of input-first instance generation.</summary>
    public const string InputFirstPurpose = "generate-instances-input-first";

    /// <summary>Purpose of output-first instance generation.</summary>
    public const string OutputFirstPurpose = "generate-instances-output-first";

    /// <summary>Items written per generation answer.</summary>
    private const int ItemsPerAnswer = 7;

    private static readonly string[] ClassificationCues =
    [
        "classify", "categorize", "categorise", "label the", "label each", "decide whether", "decide if", "tell whether",
        "tell if", "determine whether", "determine if", "true or false", "yes or no", "sentiment", " or not",
        "check whether", "check if", "fact or opinion", "which category",
    ];

    private static readonly string[] InputCues =
    [
        "the following", "the given", "the sentence", "the paragraph", "the text", "rewrite the", "mentioned in the",
        "each ", "the email", "the review", "the message", "the tweet", "the comment", "the headline", "the statement",
    ];

    /// <summary>The purposes these responders answer, with their functions (for the offline backend's registry).</summary>
    public static IReadOnlyDictionary<string, Func<string, string>> ByPurpose { get; } = new Dictionary<string, Func<string, string>>(StringComparer.Ordinal)
    {
        [GenerateInstructionsPurpose] = GenerateInstructions,
        [ClassifyPurpose] = Classify,
        [InputFirstPurpose] = GenerateInstancesInputFirst,
        [OutputFirstPurpose] = GenerateInstancesOutputFirst,
    };

    /// <summary>Answers a prompt of one of the four purposes; throws for an unknown purpose.</summary>
    public static string Respond(string purpose, string prompt)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        return ByPurpose.TryGetValue(purpose, out var respond)
            ? respond(prompt)
            : throw new ArgumentException($"No offline Self-Instruct responder for purpose \"{purpose}\"; known: {string.Join(", ", ByPurpose.Keys)}.", nameof(purpose));
    }

    /// <summary>
    /// Continues a numbered instruction list: the text after the prompt's final "N.", holding item N and the
    /// next ones, each on a line "k. instruction".
    /// </summary>
    public static string GenerateInstructions(string prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var random = RandomFor(prompt);
        var examples = ListLine().Matches(prompt).Select(m => m.Groups["text"].Value).ToList();
        var next = NextNumberLine().Match(prompt) is { Success: true } m
            ? int.Parse(m.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture)
            : examples.Count + 1;

        var items = new List<string>();
        for (var i = 0; i < ItemsPerAnswer; i++)
        {
            items.Add(ComposeInstruction(ref random));
        }

        if (examples.Count > 0 && random.Next(10) == 0)
        {
            // A near-copy of an in-context example, which the similarity gate should reject.
            items[random.Next(items.Count)] = NearCopy(examples[random.Next(examples.Count)], ref random);
        }

        if (random.Next(10) == 0)
        {
            items[random.Next(items.Count)] = FilterBait(ref random);
        }

        if (random.Next(12) == 0)
        {
            // A numbered sub-list inside one instruction: its numbers restart at 1, so it stays one item.
            var person = Pick(OfflineVocabulary.Situations, ref random);
            items[random.Next(items.Count)] = $"Make a weekend plan for a friend who {person}. Cover:\n1. where to go\n2. what to eat\n3. what to bring";
        }

        var builder = new StringBuilder();
        var number = next;
        var gapAt = random.Next(10) == 0 ? 1 + random.Next(items.Count - 1) : -1;
        for (var i = 0; i < items.Count; i++)
        {
            if (i == gapAt)
            {
                number++; // a skipped number, as models sometimes write
            }

            builder.Append(i == 0 ? " " : $"\n{number.ToString(CultureInfo.InvariantCulture)}. ").Append(items[i]);
            number++;
        }

        if (random.Next(8) == 0)
        {
            // Writing on past the list's end: a backend without the "\n16." stop lets this through.
            builder.Append(CultureInfo.InvariantCulture, $"\n{number}. ").Append(ComposeInstruction(ref random));
        }

        return builder.ToString();
    }

    /// <summary>Answers the classification question with " Yes" or " No" (now and then in another casing or with a full stop).</summary>
    public static string Classify(string prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var random = RandomFor(prompt);
        var instruction = LastTask(prompt).ToLowerInvariant();
        var yes = ClassificationCues.Any(c => instruction.Contains(c, StringComparison.Ordinal));
        return random.Next(10) switch
        {
            0 => yes ? "Yes." : "No.",
            1 => yes ? " yes" : " no",
            _ => yes ? " Yes" : " No",
        };
    }

    /// <summary>
    /// Instances for a generation task: "Example k" blocks with "Input:" and "Output:" lines, or a bare
    /// "Output:" when the task needs no input.
    /// </summary>
    public static string GenerateInstancesInputFirst(string prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var random = RandomFor(prompt);
        var instruction = LastTask(prompt);
        var lower = instruction.ToLowerInvariant();
        if (!InputCues.Any(c => lower.Contains(c, StringComparison.Ordinal)))
        {
            return $"Output: {Pick(OfflineVocabulary.OpenAnswers, ref random)}";
        }

        var count = 2 + random.Next(3);
        var start = random.Next(OfflineVocabulary.Sentences.Length);
        var examples = new List<(string Input, string Output)>();
        for (var i = 0; i < count; i++)
        {
            var input = OfflineVocabulary.Sentences[(start + i) % OfflineVocabulary.Sentences.Length];
            examples.Add((input, AnswerFor(lower, input)));
        }

        switch (random.Next(12))
        {
            case 0:
                examples.Add(examples[0]); // an exact duplicate
                break;
            case 1:
                examples.Add((Pick(OfflineVocabulary.Sentences, ref random), "The answer is as follows:")); // unfinished
                break;
            case 2:
                examples.Add((examples[0].Input, examples[0].Input)); // output copies the input
                break;
        }

        var builder = new StringBuilder();
        for (var i = 0; i < examples.Count; i++)
        {
            builder.Append(CultureInfo.InvariantCulture, $"Example {i + 1}\nInput: {examples[i].Input}\nOutput: {examples[i].Output}\n");
        }

        return builder.ToString().TrimEnd('\n');
    }

    /// <summary>Instances for a classification task: "Class label:" lines, each followed by an input of that class.</summary>
    public static string GenerateInstancesOutputFirst(string prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var random = RandomFor(prompt);
        var labels = LabelsOf(LastTask(prompt));
        var builder = new StringBuilder();
        var start = random.Next(OfflineVocabulary.Sentences.Length);
        for (var i = 0; i < labels.Count; i++)
        {
            var label = char.ToUpperInvariant(labels[i][0]) + labels[i][1..];
            var input = OfflineVocabulary.Sentences[(start + (3 * i)) % OfflineVocabulary.Sentences.Length];
            builder.Append(CultureInfo.InvariantCulture, $"Class label: {label}\nInput: {input}\n");
        }

        if (random.Next(10) == 0)
        {
            builder.Append("Class label: ").Append(labels[0]).Append('\n'); // a label with no input
        }

        return builder.ToString().TrimEnd('\n');
    }

    private static string ComposeInstruction(ref DeterministicRandom random)
    {
        switch (random.Next(12))
        {
            case 0:
            case 1:
                return $"{Pick(["Write", "Compose", "Draft", "Create"], ref random)} a {Pick(OfflineVocabulary.WritingForms, ref random)} about {Pick(OfflineVocabulary.Topics, ref random)} {Pick(OfflineVocabulary.Constraints, ref random)}.";
            case 2:
                return $"Explain {Pick(OfflineVocabulary.Concepts, ref random)} to {Pick(OfflineVocabulary.Audiences, ref random)} using {Pick(OfflineVocabulary.Devices, ref random)}.";
            case 3:
                {
                    var (property, labels) = OfflineVocabulary.LabelSets[random.Next(OfflineVocabulary.LabelSets.Length)];
                    var kind = Pick(OfflineVocabulary.TextKinds, ref random);
                    return random.Next(3) switch
                    {
                        0 => $"Classify the {property} of the given {kind} as {JoinLabels(labels)}.",
                        1 => $"Decide whether the following {kind} is {labels[0]} or {labels[1]}.",
                        _ => $"Label each {kind} by its {property}: {JoinLabels(labels)}.",
                    };
                }

            case 4:
                return $"Rewrite the {Pick(OfflineVocabulary.TextKinds, ref random)} so that it {Pick(OfflineVocabulary.Changes, ref random)} and {Pick(OfflineVocabulary.Changes, ref random)}.";
            case 5:
                return $"{Pick(["List", "Name", "Give"], ref random)} {Pick(OfflineVocabulary.Counts, ref random)} {Pick(OfflineVocabulary.ListSubjects, ref random)}, {Pick(["with a sentence on each", "ordered by importance", "for a beginner", "that cost nothing"], ref random)}.";
            case 6:
                {
                    var (a, b) = OfflineVocabulary.Pairs[random.Next(OfflineVocabulary.Pairs.Length)];
                    return random.Next(2) == 0
                        ? $"What is the difference between {a} and {b}, and when does it matter for {Pick(OfflineVocabulary.Audiences, ref random)}?"
                        : $"Compare {a} and {b} in terms of {Pick(OfflineVocabulary.Aspects, ref random)}.";
                }

            case 7:
                return $"Give advice to someone who {Pick(OfflineVocabulary.Situations, ref random)}, written as {Pick(OfflineVocabulary.Formats, ref random)}.";
            case 8:
                return $"Extract all {Pick(OfflineVocabulary.Entities, ref random)} mentioned in the {Pick(OfflineVocabulary.TextKinds, ref random)} and return them as a comma-separated list.";
            case 9:
                return $"Suggest {Pick(OfflineVocabulary.Counts, ref random)} names for {Pick(OfflineVocabulary.Businesses, ref random)} and say why each one fits {Pick(OfflineVocabulary.Audiences, ref random)}.";
            case 10:
                return $"Convert {Pick(OfflineVocabulary.Times, ref random)} to 24-hour time, then say what time it is {Pick(["90 minutes later", "a quarter of an hour earlier", "after a 40-minute train ride", "three hours before that"], ref random)}.";
            default:
                {
                    var (property, labels) = OfflineVocabulary.LabelSets[random.Next(OfflineVocabulary.LabelSets.Length)];
                    return $"Tell whether the {property} of the {Pick(OfflineVocabulary.TextKinds, ref random)} about {Pick(OfflineVocabulary.Topics, ref random)} is {JoinLabels(labels)}.";
                }
        }
    }

    // Instructions the filters reject: too short, blacklisted words, the "Write a program" prefix, leading punctuation.
    private static string FilterBait(ref DeterministicRandom random) => random.Next(4) switch
    {
        0 => $"Summarize {Pick(["this", "it", "everything"], ref random)}.",
        1 => $"Draw a map of {Pick(OfflineVocabulary.Topics, ref random)}.",
        2 => $"Write a program that lists {Pick(OfflineVocabulary.ListSubjects, ref random)}.",
        _ => $"(Optional) Describe {Pick(OfflineVocabulary.Topics, ref random)} in detail.",
    };

    // An example with one word changed: close enough to be rejected by the similarity gate.
    private static string NearCopy(string example, ref DeterministicRandom random)
    {
        var words = example.Split(' ');
        if (words.Length > 3)
        {
            words[random.Next(words.Length - 1) + 1] = Pick(["simple", "short", "clear", "new", "useful"], ref random);
        }

        return string.Join(' ', words);
    }

    private static string AnswerFor(string instruction, string input)
    {
        if (instruction.Contains("extract", StringComparison.Ordinal))
        {
            var found = input.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(w => w.Trim('.', ',', '?', ':', ';', '\''))
                .Where(w => w.Length > 0 && (char.IsDigit(w[0]) || char.IsUpper(w[0])))
                .Skip(1)
                .ToList();
            return found.Count > 0 ? string.Join(", ", found) : "None";
        }

        if (instruction.Contains("single sentence", StringComparison.Ordinal) || instruction.Contains("key facts", StringComparison.Ordinal))
        {
            var clause = input.Split([',', ':', ';'], 2)[0].TrimEnd('.');
            return clause + ".";
        }

        if (instruction.Contains("polite", StringComparison.Ordinal) || instruction.Contains("less aggressive", StringComparison.Ordinal))
        {
            return "I wanted to let you know, if you have a moment: " + char.ToLowerInvariant(input[0]) + input[1..];
        }

        return "In other words: " + char.ToLowerInvariant(input[0]) + input[1..];
    }

    private static List<string> LabelsOf(string instruction)
    {
        var text = instruction.Trim().TrimEnd('.', '?', '!');
        if (LabelList().Match(text) is { Success: true } match)
        {
            var labels = match.Groups["head"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            labels.Add(match.Groups["last"].Value.Trim());
            if (labels.All(l => l.Length > 0 && l.Split(' ').Length <= 3))
            {
                return labels;
            }
        }

        return ["Yes", "No"];
    }

    private static string LastTask(string prompt)
    {
        var tasks = TaskLine().Matches(prompt);
        return tasks.Count > 0 ? tasks[^1].Groups["text"].Value.Trim() : prompt.Trim();
    }

    private static string JoinLabels(string[] labels) =>
        labels.Length == 2 ? $"{labels[0]} or {labels[1]}" : $"{string.Join(", ", labels[..^1])} or {labels[^1]}";

    private static string Pick(string[] options, ref DeterministicRandom random) => options[random.Next(options.Length)];

    private static DeterministicRandom RandomFor(string prompt)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in prompt)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return new DeterministicRandom(DeterministicRandom.Mix(hash));
    }

    [GeneratedRegex(@"^\d+\. (?<text>.+)$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex ListLine();

    [GeneratedRegex(@"^(?<n>\d+)\.[ \t]*\z", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex NextNumberLine();

    [GeneratedRegex(@"^Task:(?<text>.*)$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex TaskLine();

    // "... as positive, negative or neutral", "... is fact or opinion", "...: urgent or not urgent".
    [GeneratedRegex(@"(?:\bas|\bis|:)\s+(?<head>[^:]+?)\s+or\s+(?<last>[^,:]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelList();
}
