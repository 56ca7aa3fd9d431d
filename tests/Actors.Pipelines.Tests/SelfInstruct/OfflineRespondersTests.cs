using Actors.Pipelines.Filters;
using Actors.Pipelines.SelfInstruct;
using Xunit.Abstractions;

namespace Actors.Pipelines.Tests.SelfInstruct;

public sealed class OfflineRespondersTests(ITestOutputHelper output)
{
    [Fact]
    public void AFullOfflineRun_ReachesSeveralHundredInstructions_ThroughEveryFilter()
    {
        var settings = Settings.Reference;
        var seeds = SeedTaskReader.Load(TestPaths.OurSeedTasks());
        var sampler = new InstructionPromptSampler(seeds, settings);
        var parser = new InstructionListParser(settings.Generation.Stop);
        var filter = new InstructionFilter(settings.ToFilterOptions());
        var gate = new SimilarityGate(settings.ToGateOptions());
        gate.AddToPool(seeds.Select(s => s.Instruction));
        var machine = new List<PoolInstruction>();
        var counts = new RejectionCounts();
        var prompts = 0;

        while (machine.Count < 400 && prompts < 400)
        {
            var prompt = sampler.Sample(prompts++, machine);
            var completion = SelfInstructOfflineResponders.Respond(SelfInstructOfflineResponders.GenerateInstructionsPurpose, prompt.Text);
            Assert.Equal(completion, SelfInstructOfflineResponders.GenerateInstructions(prompt.Text));
            var parse = parser.Parse(completion, prompt, GenerationFinish.Stop);
            Assert.NotEmpty(parse.Instructions);
            Assert.Equal(prompt.NextNumber, parse.Instructions[0].Number);
            foreach (var drop in parse.Dropped)
            {
                counts.Add(drop.CountKey);
            }

            var passed = new List<string>();
            foreach (var instruction in parse.Instructions)
            {
                var verdict = filter.Check(instruction.Text);
                if (verdict.IsPassed)
                {
                    passed.Add(instruction.Text);
                }
                else
                {
                    counts.Add(verdict.CountKey);
                }
            }

            foreach (var (text, decision) in passed.Zip(gate.EvaluateBatch(passed)))
            {
                if (decision.Accepted)
                {
                    machine.Add(new PoolInstruction($"m{machine.Count}", text));
                }
                else
                {
                    counts.Add("too_similar");
                }
            }
        }

        output.WriteLine($"{machine.Count} accepted from {prompts} prompts; dropped: {string.Join(", ", counts.Snapshot().Select(p => $"{p.Key}={p.Value}"))}");
        Assert.True(machine.Count >= 400, $"only {machine.Count} instructions accepted after {prompts} prompts");
        Assert.True(counts["too_similar"] > 0);
        Assert.True(counts["beyond_limit"] > 0);
        Assert.True(counts.Snapshot().Keys.Count(k => k.StartsWith("blacklist:", StringComparison.Ordinal) || k.StartsWith("prefix:", StringComparison.Ordinal) || k is "too_short" or "leading_punctuation") >= 3);
        Assert.Contains(machine, m => m.Text.Contains(" 1. ", StringComparison.Ordinal));
        Assert.Contains(machine, m => m.Text.Contains(':', StringComparison.Ordinal));

        AnswersForAcceptedInstructions_ParseAndRoute(machine.Select(m => m.Text).ToList());
    }

    [Fact]
    public void Responders_AreDeterministicPerPrompt_AndDifferAcrossPrompts()
    {
        var a = SelfInstructOfflineResponders.GenerateInstructions("List:\n1. Say hi.\n2.");
        var b = SelfInstructOfflineResponders.GenerateInstructions("List:\n1. Say hello.\n2.");

        Assert.Equal(a, SelfInstructOfflineResponders.GenerateInstructions("List:\n1. Say hi.\n2."));
        Assert.NotEqual(a, b);
        Assert.StartsWith(" ", a, StringComparison.Ordinal);
        Assert.Contains("\n3. ", a, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => SelfInstructOfflineResponders.Respond("summarize", "x"));
    }

    [Fact]
    public void Classify_AnswersYesForLabelTasks()
    {
        var question = new ClassificationQuestion(Settings.Reference);

        Assert.Equal(ClassificationVerdict.Yes, ClassificationQuestion.ParseAnswer(SelfInstructOfflineResponders.Classify(question.BuildPrompt("Classify the sentiment of the given hotel review as positive, negative or neutral."))).Verdict);
        Assert.Equal(ClassificationVerdict.No, ClassificationQuestion.ParseAnswer(SelfInstructOfflineResponders.Classify(question.BuildPrompt("Write a limerick about a cat who guards a bookshop."))).Verdict);
    }

    [Fact]
    public void OutputFirst_UsesTheLabelsNamedInTheInstruction()
    {
        var builder = new InstancePromptBuilder(Settings.Reference);
        var prompt = builder.Build(InstanceRoute.OutputFirst, "Label each hotel review by its urgency: urgent or not urgent.");

        var parse = InstanceParser.ParseOutputFirst(SelfInstructOfflineResponders.GenerateInstancesOutputFirst(prompt));

        Assert.Null(parse.Problem);
        Assert.Equal(["Urgent", "Not urgent"], parse.Instances.Select(i => i.Output).Distinct().Take(2));
        Assert.All(parse.Instances.Take(2), i => Assert.NotEmpty(i.Input));
    }

    private void AnswersForAcceptedInstructions_ParseAndRoute(IReadOnlyList<string> instructions)
    {
        var settings = Settings.Reference;
        var question = new ClassificationQuestion(settings);
        var builder = new InstancePromptBuilder(settings);
        var counts = new RejectionCounts();
        var classification = 0;
        var withInstances = 0;
        var withInput = 0;
        foreach (var instruction in instructions)
        {
            var answer = ClassificationQuestion.ParseAnswer(SelfInstructOfflineResponders.Respond(SelfInstructOfflineResponders.ClassifyPurpose, question.BuildPrompt(instruction)));
            Assert.True(answer.IsDecided, answer.Problem);
            classification += answer.Verdict == ClassificationVerdict.Yes ? 1 : 0;

            var purpose = answer.Route == InstanceRoute.OutputFirst ? SelfInstructOfflineResponders.OutputFirstPurpose : SelfInstructOfflineResponders.InputFirstPurpose;
            var completion = SelfInstructOfflineResponders.Respond(purpose, builder.Build(answer.Route, instruction));
            var parse = InstanceParser.Parse(answer.Route, completion);
            Assert.Null(parse.Problem);
            var filtered = InstanceFilter.Apply(parse.Instances, GenerationFinish.Stop, settings.MaxInstances);
            foreach (var drop in filtered.Dropped)
            {
                counts.Add(drop.CountKey);
            }

            withInstances += filtered.Kept.Count > 0 ? 1 : 0;
            withInput += filtered.Kept.Any(k => k.Input.Length > 0) ? 1 : 0;
        }

        output.WriteLine($"{classification} classification tasks of {instructions.Count}; {withInstances} with instances, {withInput} with inputs; instance drops: {string.Join(", ", counts.Snapshot().Select(p => $"{p.Key}={p.Value}"))}");
        Assert.InRange(classification, instructions.Count / 10, instructions.Count / 2);
        Assert.True(withInstances >= instructions.Count * 9 / 10);
        Assert.True(withInput >= instructions.Count / 4);
        Assert.True(counts["duplicate"] > 0);
        Assert.True(counts["trailing_colon"] > 0);
    }
}
