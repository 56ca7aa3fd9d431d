using Actors.Pipelines.SelfInstruct;

namespace Actors.Pipelines.Tests.SelfInstruct;

public sealed class InstanceTests
{
    [Fact]
    public void InputFirst_ReadsExamples_KeepingColonsAndLineBreaks()
    {
        const string completion = """
            Example 1
            Input: Notice: the shop opens at 9:30.
            Question: When does it open?
            Output: At 9:30, as the notice says: no earlier.
            Example 2
            Input: Output: is just a word here
            Output: It is.
            The Example of this line is content.
            """;

        var parse = InstanceParser.ParseInputFirst(completion);

        Assert.Null(parse.Problem);
        Assert.Equal(2, parse.Instances.Count);
        Assert.Equal("Notice: the shop opens at 9:30.\nQuestion: When does it open?", parse.Instances[0].Input);
        Assert.Equal("At 9:30, as the notice says: no earlier.", parse.Instances[0].Output);
        Assert.Equal("Output: is just a word here", parse.Instances[1].Input);
        Assert.Equal("It is.\nThe Example of this line is content.", parse.Instances[1].Output);
    }

    [Fact]
    public void InputFirst_WithoutInput_IsOneInstanceWithAnEmptyInput()
    {
        var parse = InstanceParser.ParseInputFirst("Output: The maple lets its leaves fall,\nand wind goes sweeping through them all.");

        var instance = Assert.Single(parse.Instances);
        Assert.Equal("", instance.Input);
        Assert.Equal("The maple lets its leaves fall,\nand wind goes sweeping through them all.", instance.Output);
    }

    [Fact]
    public void InputFirst_SecondPairInOneExample_IsASecondInstance_AndANewTaskEndsTheAnswer()
    {
        const string completion = "Example 1\nInput: 2 + 2\nOutput: 4\nInput: 3 + 3\nOutput: 6\n\nTask: Something the model made up.\nOutput: ignored";

        var parse = InstanceParser.ParseInputFirst(completion);

        Assert.Equal([new TaskInstance("2 + 2", "4"), new TaskInstance("3 + 3", "6")], parse.Instances);
    }

    [Fact]
    public void InputFirst_WithoutAnyMarker_IsAProblem()
    {
        var parse = InstanceParser.Parse(InstanceRoute.InputFirst, "I am not sure what you mean.");

        Assert.Empty(parse.Instances);
        Assert.NotNull(parse.Problem);
    }

    [Fact]
    public void OutputFirst_ReadsLabelsThenInputs()
    {
        const string completion = "Class label: Positive\nInput: The pasta was fresh.\nClass label: Negative\nInput: Sentence 1: cold soup.\nSentence 2: rude staff.\nClass label: Neutral\n";

        var parse = InstanceParser.Parse(InstanceRoute.OutputFirst, completion);

        Assert.Equal(
            [new TaskInstance("The pasta was fresh.", "Positive"), new TaskInstance("Sentence 1: cold soup.\nSentence 2: rude staff.", "Negative"), new TaskInstance("", "Neutral")],
            parse.Instances);
    }

    [Fact]
    public void OutputFirst_WithoutLabels_IsAProblem()
    {
        var parse = InstanceParser.ParseOutputFirst("Positive: The pasta was fresh.");

        Assert.Empty(parse.Instances);
        Assert.Contains("Class label", parse.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Filter_DropsEachKindWithItsReason()
    {
        TaskInstance[] parsed =
        [
            new("", "A fine answer."),
            new("same", "same"),
            new("x", " "),
            new("Sentence:", "y"),
            new("z", "The answer is:"),
            new("q", "yes"),
            new("q", "no"),
            new("", "A fine answer."),
            new("a", "1"),
            new("b", "2"),
            new("c", "3"),
            new("d", "4"),
            new("e", "5"),
            new("f", "cut off in the midd"),
        ];

        var result = InstanceFilter.Apply(parsed, GenerationFinish.Length, maxInstances: 5);

        Assert.Equal([new TaskInstance("", "A fine answer."), new("a", "1"), new("b", "2"), new("c", "3"), new("d", "4")], result.Kept);
        Assert.Equal(
            ["input_equals_output", "empty_output", "trailing_colon", "trailing_colon", "truncated_last_instance", "conflicting_outputs", "conflicting_outputs", "duplicate", "over_limit"],
            result.Dropped.Select(d => d.CountKey));
    }

    [Fact]
    public void Filter_KeepsEverythingValid_WhenNotTruncated()
    {
        var result = InstanceFilter.Apply([new TaskInstance(" a ", " 1 "), new("b", "2")], GenerationFinish.Stop, 5);

        Assert.Equal([new TaskInstance("a", "1"), new("b", "2")], result.Kept);
        Assert.Empty(result.Dropped);
    }

    [Fact]
    public void PromptBuilder_UsesTheRouteTemplate()
    {
        var builder = new InstancePromptBuilder(Settings.Reference);

        var inputFirst = builder.Build(InstanceRoute.InputFirst, "Find the verb\nin the sentence.");
        var outputFirst = builder.Build(InstanceRoute.OutputFirst, "Is the review positive or negative?");

        Assert.EndsWith("Task: Find the verb in the sentence.\n", inputFirst, StringComparison.Ordinal);
        Assert.Contains("Example 1\nInput:", inputFirst, StringComparison.Ordinal);
        Assert.EndsWith("Task: Is the review positive or negative?\n", outputFirst, StringComparison.Ordinal);
        Assert.Contains("Class label:", outputFirst, StringComparison.Ordinal);
    }
}
