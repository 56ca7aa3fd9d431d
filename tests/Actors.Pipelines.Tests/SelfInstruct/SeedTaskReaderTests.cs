using Actors.Pipelines.SelfInstruct;
using Xunit.Abstractions;

namespace Actors.Pipelines.Tests.SelfInstruct;

public sealed class SeedTaskReaderTests(ITestOutputHelper output)
{
    [Fact]
    public void ReferenceSeedFile_Has175Tasks_Of26Classification()
    {
        if (!File.Exists(TestPaths.SeedTasks))
        {
            output.WriteLine($"skipped: {TestPaths.SeedTasks} is absent");
            return;
        }

        var tasks = SeedTaskReader.Load(TestPaths.SeedTasks);

        Assert.Equal(175, tasks.Count);
        Assert.Equal(26, tasks.Count(t => t.IsClassification));
        Assert.Equal("seed_task_0", tasks[0].Id);
        Assert.Equal("breakfast_suggestion", tasks[0].Name);
        Assert.All(tasks, t => Assert.Single(t.Instances));
    }

    [Fact]
    public void OurSampleSeedFile_IsValidAndVaried()
    {
        var tasks = SeedTaskReader.Load(TestPaths.OurSeedTasks());

        Assert.InRange(tasks.Count, 18, 30);
        Assert.InRange(tasks.Count(t => t.IsClassification), 4, 12);
        Assert.All(tasks, t => Assert.NotEmpty(t.Instances));
        Assert.Equal(tasks.Count, new Actors.Pipelines.Filters.SimilarityGate().EvaluateBatch(tasks.Select(t => t.Instruction).ToList()).Count(d => d.Accepted));
    }

    [Fact]
    public void MalformedLines_AreReportedWithFileAndLine()
    {
        const string text = """
            {"id": "a", "name": "ok", "instruction": "Say hi.", "instances": [{"input": "", "output": "Hi."}], "is_classification": false}

            {"id": "b", "instruction": "Broken line",
            ["not", "an", "object"]
            {"id": "c", "instruction": ""}
            {"instruction": "No id here."}
            {"id": "d", "instruction": "Bad instances.", "instances": {"input": "x"}}
            {"id": "e", "instruction": "Bad flag.", "is_classification": "yes"}
            {"id": "a", "instruction": "Duplicate id."}
            {"id": "f", "instruction": "Missing output.", "instances": [{"input": "x"}]}
            {"id": "g", "instruction": "Fine without instances."}
            """;

        var file = SeedTaskReader.Read(new StringReader(text), "seeds.jsonl");

        Assert.Equal(["a", "g"], file.Tasks.Select(t => t.Id));
        Assert.Equal([3, 4, 5, 6, 7, 8, 9, 10], file.Errors.Select(e => e.Line));
        Assert.All(file.Errors, e => Assert.StartsWith($"seeds.jsonl:{e.Line}: ", e.ToString(), StringComparison.Ordinal));
        Assert.Contains("not valid JSON", file.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("found an array", file.Errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("\"instruction\" must be a non-empty string", file.Errors[2].Message, StringComparison.Ordinal);
        Assert.Contains("missing \"id\"", file.Errors[3].Message, StringComparison.Ordinal);
        Assert.Contains("\"instances\" must be an array", file.Errors[4].Message, StringComparison.Ordinal);
        Assert.Contains("true or false", file.Errors[5].Message, StringComparison.Ordinal);
        Assert.Contains("first used on line 1", file.Errors[6].Message, StringComparison.Ordinal);
        Assert.Contains("\"output\"", file.Errors[7].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ThrowsWithEveryErrorLocation()
    {
        var path = Path.Combine(Path.GetTempPath(), $"actors-seeds-{Guid.NewGuid():N}.jsonl");
        File.WriteAllText(path, "{\"id\": \"a\", \"instruction\": \"Fine.\"}\nnot json\n");
        try
        {
            var error = Assert.Throws<SeedTaskFormatException>(() => SeedTaskReader.Load(path));

            Assert.Contains($"{path}:2: not valid JSON", error.Message, StringComparison.Ordinal);
            Assert.Equal(2, Assert.Single(error.Errors).Line);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_RefusesAnEmptyFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"actors-seeds-{Guid.NewGuid():N}.jsonl");
        File.WriteAllText(path, "\n\n");
        try
        {
            Assert.Throws<SeedTaskFormatException>(() => SeedTaskReader.Load(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
