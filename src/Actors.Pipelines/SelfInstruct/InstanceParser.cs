using System.Text;
using System.Text.RegularExpressions;

namespace Actors.Pipelines.SelfInstruct;

/// <summary>
/// Reads instances from completions of the two instance prompts. Markers count only at the start of a
/// line ("Example 2", "Input:", "Output:", "Class label:"), so the word "Example" or "Output:" inside a
/// text, and colons in general, stay content; text spanning several lines is kept with its line breaks.
/// Unlike the reference parser, a second Input/Output pair inside one example becomes a second instance
/// instead of being lost. Stateless and thread-safe.
/// </summary>
public static partial class InstanceParser
{
    /// <summary>Parses the answer to the prompt of <paramref name="route"/>.</summary>
    public static InstanceParse Parse(InstanceRoute route, string completion) => route switch
    {
        InstanceRoute.InputFirst => ParseInputFirst(completion),
        InstanceRoute.OutputFirst => ParseOutputFirst(completion),
        _ => throw new ArgumentOutOfRangeException(nameof(route), route, "Unknown instance route."),
    };

    /// <summary>
    /// Input-first answers: "Example N" blocks of an "Input:" part and an "Output:" part, or a bare
    /// "Output:" for tasks without input.
    /// </summary>
    public static InstanceParse ParseInputFirst(string completion)
    {
        ArgumentNullException.ThrowIfNull(completion);
        var instances = new List<TaskInstance>();
        StringBuilder? input = null;
        StringBuilder? output = null;
        var sawMarker = false;

        void Flush()
        {
            if (output is not null)
            {
                instances.Add(new TaskInstance(input?.ToString().Trim() ?? "", output.ToString().Trim()));
            }

            input = null;
            output = null;
        }

        foreach (var line in Lines(completion))
        {
            if (NextTask().IsMatch(line))
            {
                break;
            }

            if (ExampleHeader().IsMatch(line))
            {
                sawMarker = true;
                Flush();
            }
            else if (InputMarker().Match(line) is { Success: true } inputMarker)
            {
                sawMarker = true;
                Flush();
                input = new StringBuilder(inputMarker.Groups["rest"].Value);
            }
            else if (OutputMarker().Match(line) is { Success: true } outputMarker)
            {
                sawMarker = true;
                if (output is not null)
                {
                    // A second output without a new input: a second instance with the same (or no) input.
                    var previousInput = input?.ToString();
                    Flush();
                    input = previousInput is null ? null : new StringBuilder(previousInput);
                }

                output = new StringBuilder(outputMarker.Groups["rest"].Value);
            }
            else
            {
                (output ?? input)?.Append('\n').Append(line);
            }
        }

        Flush();
        return instances.Count > 0 || sawMarker
            ? new InstanceParse(instances)
            : new InstanceParse([], "no \"Output:\" line: the answer does not follow the input-first format");
    }

    /// <summary>
    /// Output-first answers: blocks that start with a "Class label: LABEL" line, followed by the input the
    /// label belongs to (a leading "Input:" is removed); a label alone is an instance without input.
    /// </summary>
    public static InstanceParse ParseOutputFirst(string completion)
    {
        ArgumentNullException.ThrowIfNull(completion);
        var instances = new List<TaskInstance>();
        string? label = null;
        var input = new StringBuilder();

        void Flush()
        {
            if (label is not null)
            {
                instances.Add(new TaskInstance(input.ToString().Trim(), label.Trim()));
            }

            label = null;
            input.Clear();
        }

        foreach (var line in Lines(completion))
        {
            if (NextTask().IsMatch(line))
            {
                break;
            }

            if (LabelMarker().Match(line) is { Success: true } marker)
            {
                Flush();
                label = marker.Groups["rest"].Value;
            }
            else if (label is null)
            {
                continue;
            }
            else if (input.Length == 0 && string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            else if (input.Length == 0 && InputMarker().Match(line) is { Success: true } inputMarker)
            {
                input.Append(inputMarker.Groups["rest"].Value).Append('\n');
            }
            else
            {
                input.Append(line).Append('\n');
            }
        }

        Flush();
        return instances.Count > 0
            ? new InstanceParse(instances)
            : new InstanceParse([], "no \"Class label:\" line: the answer does not follow the output-first format");
    }

    private static string[] Lines(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');

    [GeneratedRegex(@"^[ \t]*Example[ \t]*\d+[ \t]*[.:]?[ \t]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ExampleHeader();

    [GeneratedRegex(@"^[ \t]*Input[ \t]*\d*[ \t]*:[ \t]?(?<rest>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex InputMarker();

    [GeneratedRegex(@"^[ \t]*Output[ \t]*\d*[ \t]*:[ \t]?(?<rest>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex OutputMarker();

    // The model went on to write a new task of its own: the answer ended before it.
    [GeneratedRegex(@"^[ \t]*Task[ \t]*:", RegexOptions.CultureInvariant)]
    private static partial Regex NextTask();

    [GeneratedRegex(@"^[ \t]*Class label[ \t]*:[ \t]?(?<rest>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelMarker();
}
