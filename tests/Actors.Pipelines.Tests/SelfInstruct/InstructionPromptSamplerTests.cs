using System.Text.RegularExpressions;
using Actors.Pipelines.SelfInstruct;

namespace Actors.Pipelines.Tests.SelfInstruct;

public sealed class InstructionPromptSamplerTests
{
    private static readonly SeedTask[] Seeds = Enumerable.Range(0, 40)
        .Select(i => new SeedTask { Id = $"seed_{i}", Instruction = $"Seed instruction number {i}:\n with  spaces:" })
        .ToArray();

    private static readonly PoolInstruction[] Machine = Enumerable.Range(0, 30)
        .Select(i => new PoolInstruction($"m{i}", $"Machine instruction {i}"))
        .ToArray();

    [Fact]
    public void Prompt_HasEightNumberedInstructions_EndingWithTheNextNumber()
    {
        var sampler = new InstructionPromptSampler(Seeds, Settings.Reference);

        var prompt = sampler.Sample(3, Machine);

        Assert.Equal(8, prompt.Examples.Count);
        Assert.Equal(2, prompt.Examples.Count(e => e.IsMachineGenerated));
        Assert.Equal(9, prompt.NextNumber);
        Assert.Equal(15, prompt.MaxNumber);
        Assert.EndsWith("\n9.", prompt.Text, StringComparison.Ordinal);
        for (var i = 0; i < 8; i++)
        {
            Assert.Contains($"\n{i + 1}. {prompt.Examples[i].Text}\n", prompt.Text, StringComparison.Ordinal);
        }

        Assert.All(prompt.Examples.Where(e => !e.IsMachineGenerated), e => Assert.Matches(@"^Seed instruction number \d+: with spaces$", e.Text));
        Assert.Equal(6, prompt.SeedIds.Count);
        Assert.Equal(6, prompt.SeedIds.Distinct().Count());
        Assert.Equal(2, prompt.MachineIds.Distinct().Count());
        Assert.Equal(30, prompt.MachinePoolSize);
    }

    [Fact]
    public void SmallMachinePool_GivesMoreSeeds()
    {
        var sampler = new InstructionPromptSampler(Seeds, Settings.Reference);

        Assert.Equal(8, sampler.Sample(0, []).SeedIds.Count);
        Assert.Equal(7, sampler.Sample(0, Machine[..1]).SeedIds.Count);
    }

    [Fact]
    public void PromptK_IsRebuiltAlone_FromTheSeedAndK()
    {
        var first = new InstructionPromptSampler(Seeds, Settings.Reference);
        var resumed = new InstructionPromptSampler(Seeds, Settings.Reference);
        var all = Enumerable.Range(0, 50).Select(k => first.Sample(k, Machine).Text).ToList();

        Assert.Equal(all[37], resumed.Sample(37, Machine).Text);
        Assert.True(all.Distinct().Count() > 45);
        var otherSeed = new InstructionPromptSampler(Seeds, Settings.Reference with { RandomSeed = 7 });
        Assert.NotEqual(all[37], otherSeed.Sample(37, Machine).Text);
    }

    [Fact]
    public void MachineInstructions_AppearAtAnyPosition_AndEverySeedGetsUsed()
    {
        var sampler = new InstructionPromptSampler(Seeds, Settings.Reference);
        var positions = new HashSet<int>();
        var seedsSeen = new HashSet<string>();
        for (var k = 0; k < 200; k++)
        {
            var prompt = sampler.Sample(k, Machine);
            for (var i = 0; i < prompt.Examples.Count; i++)
            {
                if (prompt.Examples[i].IsMachineGenerated)
                {
                    positions.Add(i);
                }
            }

            seedsSeen.UnionWith(prompt.SeedIds);
        }

        Assert.Equal(8, positions.Count);
        Assert.Equal(40, seedsSeen.Count);
    }

    [Fact]
    public void CountsAreConfigurable()
    {
        var sampler = new InstructionPromptSampler(Seeds, Settings.Reference with { PromptInstructions = 4, MachineInstructions = 1, MaxNewInstructions = 3 });

        var prompt = sampler.Sample(0, Machine);

        Assert.Equal(4, prompt.Examples.Count);
        Assert.Single(prompt.MachineIds);
        Assert.Matches(new Regex(@"\n5\.$"), prompt.Text);
        Assert.Equal(7, prompt.MaxNumber);
    }
}
