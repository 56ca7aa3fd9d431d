using Actors.Pipelines.SelfInstruct;

namespace Actors.Pipelines.Tests.SelfInstruct;

public sealed class ClassificationQuestionTests
{
    [Theory]
    [InlineData(" Yes", ClassificationVerdict.Yes)]
    [InlineData("yes", ClassificationVerdict.Yes)]
    [InlineData(" YES.", ClassificationVerdict.Yes)]
    [InlineData("Yes!\nTask: something else", ClassificationVerdict.Yes)]
    [InlineData(" \"No\"", ClassificationVerdict.No)]
    [InlineData(" no,", ClassificationVerdict.No)]
    [InlineData("\n No \n", ClassificationVerdict.No)]
    [InlineData("", ClassificationVerdict.Unparseable)]
    [InlineData("   ", ClassificationVerdict.Unparseable)]
    [InlineData(" Yes, because", ClassificationVerdict.Unparseable)]
    [InlineData(" Maybe", ClassificationVerdict.Unparseable)]
    [InlineData(" Y", ClassificationVerdict.Unparseable)]
    [InlineData(" Nope", ClassificationVerdict.Unparseable)]
    [InlineData(" Yes No", ClassificationVerdict.Unparseable)]
    public void ParseAnswer_IsStrict(string completion, ClassificationVerdict expected)
    {
        var answer = ClassificationQuestion.ParseAnswer(completion);

        Assert.Equal(expected, answer.Verdict);
        Assert.Equal(completion, answer.Raw);
        Assert.Equal(expected is ClassificationVerdict.Yes or ClassificationVerdict.No, answer.IsDecided);
    }

    [Fact]
    public void UndecidedAnswers_HaveNoRoute_InsteadOfBecomingNo()
    {
        var failed = ClassificationQuestion.ParseAnswer(null);
        var unparseable = ClassificationQuestion.ParseAnswer("Probably");

        Assert.Equal(ClassificationVerdict.Failed, failed.Verdict);
        Assert.Throws<InvalidOperationException>(() => failed.Route);
        Assert.Throws<InvalidOperationException>(() => unparseable.Route);
        Assert.Contains("Probably", unparseable.Problem, StringComparison.Ordinal);
        Assert.Equal(ClassificationVerdict.Failed, ClassificationAnswer.Failed("timeout").Verdict);
    }

    [Fact]
    public void Routes_SendClassificationTasksOutputFirst()
    {
        Assert.Equal(InstanceRoute.OutputFirst, ClassificationQuestion.ParseAnswer(" Yes").Route);
        Assert.Equal(InstanceRoute.InputFirst, ClassificationQuestion.ParseAnswer(" No").Route);
    }

    [Fact]
    public void Prompt_EndsWithTheTaskAndTheQuestion()
    {
        var question = new ClassificationQuestion(Settings.Reference);

        var prompt = question.BuildPrompt("Is the sentence\nwritten in the passive voice?  ");

        Assert.EndsWith("Task: Is the sentence written in the passive voice?\nClassification:", prompt, StringComparison.Ordinal);
        Assert.Contains("Classification: Yes", prompt, StringComparison.Ordinal);
        Assert.Contains("Classification: No", prompt, StringComparison.Ordinal);
    }
}
