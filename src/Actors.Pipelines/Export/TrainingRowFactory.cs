using System.Text;

namespace Actors.Pipelines.Export;

/// <summary>
/// Turns examples into training rows: prompt/completion with one of several templates (picked by a stable
/// hash of the example and the run seed, so a resumed run picks the same one), Alpaca-style rows and
/// chat-messages rows. Immutable and thread-safe.
/// </summary>
public sealed class TrainingRowFactory
{
    /// <summary>Template id recorded on Alpaca-style rows.</summary>
    public const string AlpacaTemplateId = "alpaca";

    /// <summary>Template id recorded on chat-messages rows.</summary>
    public const string ChatTemplateId = "chat";

    private readonly (string Id, PlaceholderTemplate Prompt, PlaceholderTemplate PromptNoInput, PlaceholderTemplate Completion)[] _templates;
    private readonly string _system;
    private readonly PlaceholderTemplate _user;
    private readonly PlaceholderTemplate _userNoInput;
    private readonly long _seed;

    /// <summary>Creates the factory; throws when a template is malformed or uses a placeholder it cannot have.</summary>
    public TrainingRowFactory(IReadOnlyList<TrainingTemplate> templates, ChatTemplate chat, long seed)
    {
        ArgumentNullException.ThrowIfNull(templates);
        ArgumentNullException.ThrowIfNull(chat);
        if (templates.Count == 0)
        {
            throw new ArgumentException("At least one training template is needed (actors.self-instruct.templates).", nameof(templates));
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        _templates = new (string, PlaceholderTemplate, PlaceholderTemplate, PlaceholderTemplate)[templates.Count];
        for (var i = 0; i < templates.Count; i++)
        {
            var t = templates[i];
            var where = $"actors.self-instruct.templates[{i}] ({t.Id})";
            if (string.IsNullOrWhiteSpace(t.Id) || !ids.Add(t.Id))
            {
                throw new ArgumentException($"{where}: every template needs its own non-empty id.", nameof(templates));
            }

            _templates[i] = (
                t.Id,
                new PlaceholderTemplate(t.Prompt, where + ".prompt").RequireOnly("instruction", "input"),
                new PlaceholderTemplate(t.PromptNoInput, where + ".prompt-no-input").RequireOnly("instruction"),
                new PlaceholderTemplate(t.Completion, where + ".completion").RequireOnly("output"));
        }

        _system = chat.System;
        _user = new PlaceholderTemplate(chat.User, "actors.self-instruct.chat.user").RequireOnly("instruction", "input");
        _userNoInput = new PlaceholderTemplate(chat.UserNoInput, "actors.self-instruct.chat.user-no-input").RequireOnly("instruction");
        _seed = seed;
    }

    /// <summary>Ids of the training templates, in configuration order.</summary>
    public IReadOnlyList<string> TemplateIds => _templates.Select(t => t.Id).ToArray();

    /// <summary>A prompt/completion row with the template this example hashes to.</summary>
    public PromptCompletionRow ToPromptCompletion(TrainingExample example, RowLineage lineage) =>
        ToPromptCompletion(example, lineage, ChooseTemplate(example));

    /// <summary>A prompt/completion row with template number <paramref name="templateIndex"/>.</summary>
    public PromptCompletionRow ToPromptCompletion(TrainingExample example, RowLineage lineage, int templateIndex)
    {
        ArgumentNullException.ThrowIfNull(lineage);
        var (instruction, input, output) = Clean(example);
        var template = _templates[templateIndex];
        var prompt = input.Length > 0
            ? template.Prompt.Render(("instruction", instruction), ("input", input))
            : template.PromptNoInput.Render(("instruction", instruction));
        var completion = template.Completion.Render(("output", output));
        return new PromptCompletionRow(prompt, completion, lineage with { TemplateId = template.Id });
    }

    /// <summary>An Alpaca-style row (instruction, input, output).</summary>
    public AlpacaRow ToAlpaca(TrainingExample example, RowLineage lineage)
    {
        ArgumentNullException.ThrowIfNull(lineage);
        var (instruction, input, output) = Clean(example);
        return new AlpacaRow(instruction, input, output, lineage with { TemplateId = AlpacaTemplateId });
    }

    /// <summary>A chat-messages row: optional system message, the user's request, the assistant's answer.</summary>
    public ChatMessagesRow ToChat(TrainingExample example, RowLineage lineage)
    {
        ArgumentNullException.ThrowIfNull(lineage);
        var (instruction, input, output) = Clean(example);
        var messages = new List<ChatMessage>(3);
        if (_system.Length > 0)
        {
            messages.Add(new ChatMessage("system", _system));
        }

        var user = input.Length > 0
            ? _user.Render(("instruction", instruction), ("input", input))
            : _userNoInput.Render(("instruction", instruction));
        messages.Add(new ChatMessage("user", user));
        messages.Add(new ChatMessage("assistant", output));
        return new ChatMessagesRow(messages, lineage with { TemplateId = ChatTemplateId });
    }

    /// <summary>The template index an example hashes to (stable across runs and processes for one seed).</summary>
    public int ChooseTemplate(TrainingExample example)
    {
        var (instruction, input, output) = Clean(example);
        var hash = StableHash(_seed, instruction, input, output);
        return (int)(hash % (ulong)_templates.Length);
    }

    private static (string Instruction, string Input, string Output) Clean(TrainingExample example)
    {
        ArgumentNullException.ThrowIfNull(example);
        return (example.Instruction.Trim(), example.Input.Trim(), example.Output.Trim());
    }

    // FNV-1a over the UTF-8 bytes of each part (with a separator), finished with a 64-bit mixer; string.GetHashCode
    // is randomised per process and would change the choice on resume.
    private static ulong StableHash(long seed, params ReadOnlySpan<string> parts)
    {
        var hash = 14695981039346656037UL ^ unchecked((ulong)seed);
        Span<byte> buffer = stackalloc byte[256];
        foreach (var part in parts)
        {
            var bytes = Encoding.UTF8.GetByteCount(part) <= buffer.Length ? buffer[..Encoding.UTF8.GetBytes(part, buffer)] : Encoding.UTF8.GetBytes(part);
            foreach (var b in bytes)
            {
                hash = (hash ^ b) * 1099511628211UL;
            }

            hash = (hash ^ 0xFF) * 1099511628211UL;
        }

        hash ^= hash >> 33;
        hash *= 0xFF51AFD7ED558CCDUL;
        hash ^= hash >> 33;
        return hash;
    }
}
