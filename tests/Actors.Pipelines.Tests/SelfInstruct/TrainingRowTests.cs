using Actors.Parquet;
using Actors.Pipelines.Export;

namespace Actors.Pipelines.Tests.SelfInstruct;

public sealed class TrainingRowTests
{
    private static readonly RowLineage Lineage = new() { RunId = "run-1", PromptIndex = 12, Model = "offline", SeedIds = ["seed_task_3", "seed_task_9"] };

    private static TrainingRowFactory Factory() => new(Settings.Reference.Templates, Settings.Reference.Chat, Settings.Reference.RandomSeed);

    [Fact]
    public void EveryTemplate_RendersBothShapes()
    {
        var factory = Factory();
        var withInput = new TrainingExample("Find the verb.", "The dog {barks}.", "barks");
        var withoutInput = new TrainingExample(" Name a river in Spain. ", "  ", "The Ebro.");

        for (var t = 0; t < factory.TemplateIds.Count; t++)
        {
            var a = factory.ToPromptCompletion(withInput, Lineage, t);
            var b = factory.ToPromptCompletion(withoutInput, Lineage, t);

            Assert.Contains("Find the verb.", a.Prompt, StringComparison.Ordinal);
            Assert.Contains("The dog {barks}.", a.Prompt, StringComparison.Ordinal);
            Assert.Equal("barks", a.Completion.Trim());
            Assert.StartsWith("Name a river in Spain.", b.Prompt.Replace("Task: ", "", StringComparison.Ordinal).Replace("Request: ", "", StringComparison.Ordinal).Replace("### Instruction\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.DoesNotContain("{", b.Prompt, StringComparison.Ordinal);
            Assert.Equal("The Ebro.", b.Completion.Trim());
            Assert.Equal(factory.TemplateIds[t], a.Lineage.TemplateId);
            Assert.Equal(Lineage.SeedIds, a.Lineage.SeedIds);
            // A completion starts with a space exactly when its prompt ends in a label.
            Assert.Equal(a.Prompt.EndsWith(':'), a.Completion.StartsWith(' '));
        }
    }

    [Fact]
    public void LabelledTemplate_RendersExactly()
    {
        var row = Factory().ToPromptCompletion(new TrainingExample("Find the verb.", "The dog barks.", "barks"), Lineage, 0);

        Assert.Equal("Find the verb.\nInput: The dog barks.\nOutput:", row.Prompt);
        Assert.Equal(" barks", row.Completion);
        Assert.Equal("labelled", row.Lineage.TemplateId);
    }

    [Fact]
    public void TemplateChoice_IsStable_AndSpreadOverTheTemplates()
    {
        var first = Factory();
        var second = Factory();
        var examples = Enumerable.Range(0, 700).Select(i => new TrainingExample($"Instruction {i}", i % 2 == 0 ? "" : $"input {i}", $"output {i}")).ToList();

        var choices = examples.Select(first.ChooseTemplate).ToList();

        Assert.Equal(choices, examples.Select(second.ChooseTemplate));
        Assert.All(choices.GroupBy(c => c), g => Assert.InRange(g.Count(), 50, 150));
        Assert.Equal(first.TemplateIds.Count, choices.Distinct().Count());
    }

    [Fact]
    public void AlpacaAndChatRows_CarryTheExampleAndLineage()
    {
        var factory = Factory();
        var example = new TrainingExample("Find the verb.", "The dog barks.", "barks");

        var alpaca = factory.ToAlpaca(example, Lineage);
        var chat = factory.ToChat(example, Lineage);
        var chatNoInput = factory.ToChat(example with { Input = "" }, Lineage);

        Assert.Equal(("Find the verb.", "The dog barks.", "barks", "alpaca"), (alpaca.Instruction, alpaca.Input, alpaca.Output, alpaca.Lineage.TemplateId));
        Assert.Equal([new ChatMessage("user", "Find the verb.\n\nThe dog barks."), new ChatMessage("assistant", "barks")], chat.Messages);
        Assert.Equal("Find the verb.", chatNoInput.Messages[0].Content);
        Assert.Equal("chat", chat.Lineage.TemplateId);

        var withSystem = new TrainingRowFactory(Settings.Reference.Templates, Settings.Reference.Chat with { System = "Be brief." }, 1).ToChat(example, Lineage);
        Assert.Equal(["system", "user", "assistant"], withSystem.Messages.Select(m => m.Role));
    }

    [Fact]
    public async Task Rows_RoundTripThroughParquet()
    {
        var factory = Factory();
        var example = new TrainingExample("Find the verb.", "The dog barks.", "barks");
        var path = Path.Combine(Path.GetTempPath(), $"actors-rows-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        try
        {
            await WriteAsync(Path.Combine(path, "pc.parquet"), TrainingRowSchemas.PromptCompletion, factory.ToPromptCompletion(example, Lineage).ToParquetValues());
            await WriteAsync(Path.Combine(path, "alpaca.parquet"), TrainingRowSchemas.Alpaca, factory.ToAlpaca(example, Lineage).ToParquetValues());
            await WriteAsync(Path.Combine(path, "chat.parquet"), TrainingRowSchemas.ChatMessages, factory.ToChat(example, Lineage).ToParquetValues());

            var pc = await ReadSingleAsync(Path.Combine(path, "pc.parquet"));
            var alpaca = await ReadSingleAsync(Path.Combine(path, "alpaca.parquet"));
            var chat = await ReadSingleAsync(Path.Combine(path, "chat.parquet"));

            Assert.Equal(factory.ToPromptCompletion(example, Lineage).Prompt, pc["prompt"]);
            Assert.Equal("run-1", pc["run_id"]);
            Assert.Equal(12L, pc["prompt_index"]);
            Assert.Equal("offline", pc["model"]);
            Assert.Equal(new[] { "seed_task_3", "seed_task_9" }, (IEnumerable<string?>)pc["seed_ids"]!);
            Assert.Equal("The dog barks.", alpaca["input"]);
            Assert.Equal("alpaca", alpaca["template_id"]);
            Assert.Equal(new[] { "user", "assistant" }, (IEnumerable<string?>)chat["message_roles"]!);
            Assert.Equal(new[] { "Find the verb.\n\nThe dog barks.", "barks" }, (IEnumerable<string?>)chat["message_contents"]!);
        }
        finally
        {
            Directory.Delete(path, recursive: true);
        }
    }

    [Fact]
    public void PlaceholderTemplate_RefusesStrayBraces_AndNeverRescansValues()
    {
        Assert.Throws<FormatException>(() => new PlaceholderTemplate("a { b", "t"));
        Assert.Throws<FormatException>(() => new PlaceholderTemplate("a } b", "t"));
        Assert.Throws<FormatException>(() => new PlaceholderTemplate("{Instruction}", "t"));

        var template = new PlaceholderTemplate("{{literal}} {x}-{x}", "t");

        Assert.Equal("{literal} {y}-{y}", template.Render(("x", "{y}")));
        Assert.Equal(["x"], template.Placeholders);
        Assert.Throws<ArgumentException>(() => template.Render(("z", "1")));
    }

    private static async Task WriteAsync(string path, ParquetSchema schema, object?[] row)
    {
        await using var sink = await ParquetFileSink.CreateAsync(path, schema);
        await sink.Writer.WriteRowAsync(row);
        await sink.CommitAsync();
    }

    private static async Task<IReadOnlyDictionary<string, object?>> ReadSingleAsync(string path)
    {
        await using var reader = await ParquetReader.OpenAsync(path);
        var rows = new List<IReadOnlyDictionary<string, object?>>();
        await foreach (var row in reader.ReadRowsAsync())
        {
            rows.Add(row);
        }

        return Assert.Single(rows);
    }
}
