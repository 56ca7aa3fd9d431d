using Actors.Pipelines.Export;
using Actors.Pipelines.Filters;

namespace Actors.Pipelines.SelfInstruct;

/// <summary>
/// The few-shot "is it a classification task?" prompt (<c>prompts.classify</c>, placeholder
/// <c>{instruction}</c>) and the strict parser of its answer. Immutable and thread-safe.
/// </summary>
public sealed class ClassificationQuestion
{
    /// <summary>Placeholders the classification prompt may use.</summary>
    public static readonly IReadOnlyList<string> Placeholders = ["instruction"];

    // Only these may surround the word: whitespace, and punctuation a model adds around a one-word answer.
    private static readonly char[] Decoration = ['.', '!', ',', ';', ':', '"', '\'', '`', '*', '(', ')', '[', ']'];

    private readonly PlaceholderTemplate _template;

    /// <summary>Creates the question from the configured prompt.</summary>
    public ClassificationQuestion(SelfInstructSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _template = new PlaceholderTemplate(settings.Prompts.Classify, "actors.self-instruct.prompts.classify").RequireOnly([.. Placeholders]);
    }

    /// <summary>The prompt for one instruction (whitespace collapsed so it stays on its "Task:" line).</summary>
    public string BuildPrompt(string instruction)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        return _template.Render(("instruction", PythonText.CollapseWhitespace(instruction)));
    }

    /// <summary>
    /// Reads a completion strictly: only its first line counts (the question stops at a newline), and after
    /// trimming whitespace and surrounding punctuation it must be "yes" or "no" in any case. Anything else is
    /// <see cref="ClassificationVerdict.Unparseable"/>.
    /// </summary>
    public static ClassificationAnswer ParseAnswer(string? completion)
    {
        if (completion is null)
        {
            return ClassificationAnswer.Failed("no completion");
        }

        var firstLine = completion.TrimStart();
        var newline = firstLine.IndexOf('\n', StringComparison.Ordinal);
        if (newline >= 0)
        {
            firstLine = firstLine[..newline];
        }

        var word = firstLine.Trim().Trim(Decoration).Trim();
        if (string.Equals(word, "yes", StringComparison.OrdinalIgnoreCase))
        {
            return new ClassificationAnswer(ClassificationVerdict.Yes, completion);
        }

        if (string.Equals(word, "no", StringComparison.OrdinalIgnoreCase))
        {
            return new ClassificationAnswer(ClassificationVerdict.No, completion);
        }

        var shown = completion.Length > 60 ? completion[..60] + "..." : completion;
        return new ClassificationAnswer(ClassificationVerdict.Unparseable, completion, $"expected Yes or No, got \"{shown}\"");
    }
}
