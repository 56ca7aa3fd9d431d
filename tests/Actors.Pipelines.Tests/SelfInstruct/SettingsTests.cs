using System.Text.Json;
using Actors.Hocon;
using Actors.Pipelines.Export;
using Actors.Pipelines.SelfInstruct;

namespace Actors.Pipelines.Tests.SelfInstruct;

public sealed class SettingsTests
{
    [Fact]
    public void ReferenceConf_BindsToTheCodeDefaults()
    {
        var bound = Settings.Reference;
        // Prompts, templates and chat live only in configuration; everything else must equal the C# defaults.
        var defaults = new SelfInstructSettings { Prompts = bound.Prompts, Templates = bound.Templates, Chat = bound.Chat };

        Assert.Equal(JsonSerializer.Serialize(defaults), JsonSerializer.Serialize(bound));
        Assert.Equal(["\n\n", "\n16.", "\n16 ."], bound.Generation.Stop);
        Assert.Equal(13, bound.KeywordBlacklist.Count);
    }

    [Fact]
    public void PromptsAndTemplates_AreConfiguredAndValid()
    {
        var settings = Settings.Reference;

        Assert.All([settings.Prompts.GenerateInstructions, settings.Prompts.Classify, settings.Prompts.InputFirst, settings.Prompts.OutputFirst], p => Assert.True(p.Length > 100));
        Assert.True(settings.Templates.Count >= 6);
        Assert.Equal(settings.Templates.Count, settings.Templates.Select(t => t.Id).Distinct().Count());
        _ = new InstructionPromptSampler([new SeedTask { Id = "s", Instruction = "Say hello to the reader." }], settings);
        _ = new ClassificationQuestion(settings);
        _ = new InstancePromptBuilder(settings);
        _ = new TrainingRowFactory(settings.Templates, settings.Chat, settings.RandomSeed);
    }

    [Fact]
    public void UserFile_OverridesSettingsAndPrompts()
    {
        var dir = Directory.CreateTempSubdirectory("actors-self-instruct-tests");
        try
        {
            var file = Path.Combine(dir.FullName, "run.conf");
            File.WriteAllText(file, """
                actors.self-instruct {
                  prompt-instructions = 6
                  rouge-threshold = 0.6
                  keyword-blacklist = [music]
                  prompts.classify = "Q: {instruction}\nA:"
                  templates = [ { id = only, prompt = "{instruction} {input}", prompt-no-input = "{instruction}", completion = "{output}" } ]
                }
                """);

            var settings = SelfInstructSettings.Load(file);

            Assert.Equal(6, settings.PromptInstructions);
            Assert.Equal(0.6, settings.ToGateOptions().Threshold);
            Assert.Equal(["music"], settings.ToFilterOptions().KeywordBlacklist);
            Assert.Equal("Q: {instruction}\nA:", settings.Prompts.Classify);
            Assert.Equal("only", Assert.Single(settings.Templates).Id);
            Assert.Contains("Task:", settings.Prompts.InputFirst, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void ExampleFile_BindsThroughTheSettingsRecord()
    {
        var file = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(TestPaths.OurSeedTasks()))!, "..", "hocon", "self-instruct.conf");

        var settings = SelfInstructSettings.Load(Path.GetFullPath(file));

        Assert.Equal(["video", "audio"], settings.KeywordBlacklist.TakeLast(2));
        Assert.Equal(1.0, settings.Generation.PresencePenalty);
        Assert.Equal(Settings.Reference.Prompts, settings.Prompts);
    }

    [Fact]
    public void AnUnknownKey_IsReportedWithItsLocation()
    {
        var error = Assert.Throws<ConfigurationException>(() => HoconConfig.ParseString("actors.self-instruct.rouge-treshold = 0.5", "user.conf").Bind<SelfInstructSettings>("actors.self-instruct"));

        Assert.Contains("rouge-treshold", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATemplateWithAnUnknownPlaceholder_IsRefused()
    {
        var settings = Settings.Reference with
        {
            Templates = [new TrainingTemplate { Id = "bad", Prompt = "{instruction} {inptu}", PromptNoInput = "{instruction}", Completion = "{output}" }],
        };

        var error = Assert.Throws<FormatException>(() => new TrainingRowFactory(settings.Templates, settings.Chat, 1));
        Assert.Contains("{inptu}", error.Message, StringComparison.Ordinal);
    }
}
