using Actors.Pipelines.Export;
using Actors.Pipelines.Filters;

namespace Actors.Pipelines.SelfInstruct;

/// <summary>
/// The two instance-generation prompts (<c>prompts.input-first</c> and <c>prompts.output-first</c>,
/// placeholder <c>{instruction}</c>). Immutable and thread-safe.
/// </summary>
public sealed class InstancePromptBuilder
{
    /// <summary>Placeholders the instance prompts may use.</summary>
    public static readonly IReadOnlyList<string> Placeholders = ["instruction"];

    private readonly PlaceholderTemplate _inputFirst;
    private readonly PlaceholderTemplate _outputFirst;

    /// <summary>Creates the builder from the configured prompts.</summary>
    public InstancePromptBuilder(SelfInstructSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _inputFirst = new PlaceholderTemplate(settings.Prompts.InputFirst, "actors.self-instruct.prompts.input-first").RequireOnly([.. Placeholders]);
        _outputFirst = new PlaceholderTemplate(settings.Prompts.OutputFirst, "actors.self-instruct.prompts.output-first").RequireOnly([.. Placeholders]);
    }

    /// <summary>The prompt for <paramref name="instruction"/> on <paramref name="route"/> (whitespace collapsed so it stays on its "Task:" line).</summary>
    public string Build(InstanceRoute route, string instruction)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        var template = route switch
        {
            InstanceRoute.InputFirst => _inputFirst,
            InstanceRoute.OutputFirst => _outputFirst,
            _ => throw new ArgumentOutOfRangeException(nameof(route), route, "Unknown instance route."),
        };
        return template.Render(("instruction", PythonText.CollapseWhitespace(instruction)));
    }
}
