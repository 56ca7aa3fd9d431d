using System.Globalization;
using System.Text.Json;

namespace Actors.Pipelines.SelfInstruct;

/// <summary>
/// Reads seed files in the Self-Instruct JSONL format (one task object per line; blank lines are skipped).
/// Required: <c>id</c> and <c>instruction</c> (non-empty strings). Optional: <c>name</c> (string),
/// <c>instances</c> (array of <c>{"input": string, "output": string}</c>, input defaulting to ""), and
/// <c>is_classification</c> (boolean, default false). Other fields are ignored. Ids must be unique.
/// </summary>
public static class SeedTaskReader
{
    /// <summary>Reads every valid task and reports every malformed line; throws only when the file cannot be read.</summary>
    public static SeedTaskFile Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        return Read(reader, path);
    }

    /// <summary>Reads tasks from <paramref name="reader"/>; <paramref name="sourceName"/> is used in error locations.</summary>
    public static SeedTaskFile Read(TextReader reader, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        var tasks = new List<SeedTask>();
        var errors = new List<SeedTaskError>();
        var firstLineOfId = new Dictionary<string, int>(StringComparer.Ordinal);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var task = ParseLine(line, out var problem);
            if (task is null)
            {
                errors.Add(new SeedTaskError(sourceName, lineNumber, problem!));
            }
            else if (!firstLineOfId.TryAdd(task.Id, lineNumber))
            {
                errors.Add(new SeedTaskError(sourceName, lineNumber, $"duplicate id \"{task.Id}\" (first used on line {firstLineOfId[task.Id]}); give every task its own id"));
            }
            else
            {
                tasks.Add(task);
            }
        }

        return new SeedTaskFile(tasks, errors);
    }

    /// <summary>
    /// Reads a seed file that must be clean: throws <see cref="SeedTaskFormatException"/> listing every
    /// malformed line (file:line: problem), or when the file holds no task at all.
    /// </summary>
    public static IReadOnlyList<SeedTask> Load(string path)
    {
        var file = Read(path);
        if (file.Errors.Count > 0)
        {
            throw new SeedTaskFormatException(file.Errors);
        }

        return file.Tasks.Count > 0
            ? file.Tasks
            : throw new SeedTaskFormatException($"{path}: the seed file holds no tasks; write one JSON object per line with at least \"id\" and \"instruction\".");
    }

    private static SeedTask? ParseLine(string line, out string? problem)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            var column = e.BytePositionInLine is { } position ? string.Create(CultureInfo.InvariantCulture, $" near byte {position + 1}") : "";
            problem = $"not valid JSON{column}: {FirstSentence(e.Message)}";
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = $"expected a JSON object with \"id\" and \"instruction\", found {Describe(root.ValueKind)}";
                return null;
            }

            if (!TryRequiredString(root, "id", out var id, out problem)
                || !TryRequiredString(root, "instruction", out var instruction, out problem)
                || !TryOptionalString(root, "name", out var name, out problem)
                || !TryInstances(root, out var instances, out problem)
                || !TryOptionalBoolean(root, "is_classification", out var isClassification, out problem))
            {
                return null;
            }

            problem = null;
            return new SeedTask { Id = id, Name = name ?? "", Instruction = instruction, Instances = instances, IsClassification = isClassification };
        }
    }

    private static bool TryRequiredString(JsonElement root, string field, out string value, out string? problem)
    {
        value = "";
        if (!root.TryGetProperty(field, out var element))
        {
            problem = $"missing \"{field}\"; every task needs a non-empty \"{field}\" string";
            return false;
        }

        if (element.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(element.GetString()))
        {
            problem = $"\"{field}\" must be a non-empty string, found {Describe(element)}";
            return false;
        }

        value = element.GetString()!;
        problem = null;
        return true;
    }

    private static bool TryOptionalString(JsonElement root, string field, out string? value, out string? problem)
    {
        value = null;
        problem = null;
        if (!root.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            problem = $"\"{field}\" must be a string, found {Describe(element)}";
            return false;
        }

        value = element.GetString();
        return true;
    }

    private static bool TryOptionalBoolean(JsonElement root, string field, out bool value, out string? problem)
    {
        value = false;
        problem = null;
        if (!root.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            problem = $"\"{field}\" must be true or false, found {Describe(element)}";
            return false;
        }

        value = element.GetBoolean();
        return true;
    }

    private static bool TryInstances(JsonElement root, out IReadOnlyList<TaskInstance> instances, out string? problem)
    {
        instances = [];
        problem = null;
        if (!root.TryGetProperty("instances", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            problem = $"\"instances\" must be an array of {{\"input\", \"output\"}} objects, found {Describe(element)}";
            return false;
        }

        var list = new List<TaskInstance>();
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                problem = $"instances[{index}] must be an object with \"input\" and \"output\", found {Describe(item)}";
                return false;
            }

            if (!TryOptionalString(item, "input", out var input, out problem))
            {
                problem = $"instances[{index}]: {problem}";
                return false;
            }

            if (!item.TryGetProperty("output", out var output) || output.ValueKind != JsonValueKind.String)
            {
                problem = $"instances[{index}] needs an \"output\" string";
                return false;
            }

            list.Add(new TaskInstance(input ?? "", output.GetString()!));
            index++;
        }

        instances = list;
        return true;
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => "an empty string",
        _ => Describe(element.ValueKind),
    };

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
