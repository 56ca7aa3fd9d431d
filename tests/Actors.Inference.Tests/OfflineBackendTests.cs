using Actors.Inference.Backends;

namespace Actors.Inference.Tests;

public sealed class OfflineBackendTests
{
    [Fact]
    public void SameRequest_GivesTheSameCompletion_AcrossInstances()
    {
        var request = TestDevices.Prompt(1, InferencePurposes.GenerateInstructions, new SamplingParameters { Temperature = 0.7, MaxTokens = 64, Seed = 5 });
        var a = new OfflineBackend(new OfflineResponders()).Answer(request);
        var b = new OfflineBackend(new OfflineResponders()).Answer(request with { Id = "other" });
        Assert.Equal(a.Completion!.Text, b.Completion!.Text);
        Assert.Equal(a.Completion.Choices, b.Completion.Choices);
    }

    [Fact]
    public void DifferentSeedOrPrompt_ChangesTheFallbackText()
    {
        var backend = new OfflineBackend(new OfflineResponders());
        var texts = Enumerable.Range(0, 20)
            .Select(i => backend.Answer(TestDevices.Prompt(i, "anything", new SamplingParameters { Seed = i })).Completion!.Text)
            .ToHashSet();
        Assert.True(texts.Count > 15, $"only {texts.Count} distinct texts for 20 requests");
    }

    [Fact]
    public void RegisteredResponder_IsUsedForItsPurpose_FallbackForOthers()
    {
        var responders = new OfflineResponders().Register(InferencePurposes.Classify, r => r.Prompt!.Contains("sort", StringComparison.Ordinal) ? "Yes" : "No");
        var backend = new OfflineBackend(responders);
        Assert.Equal("Yes", backend.Answer(new CompletionRequest { Id = "1", Purpose = InferencePurposes.Classify, Prompt = "sort these" }).Completion!.Text);
        Assert.Equal("No", backend.Answer(new CompletionRequest { Id = "2", Purpose = InferencePurposes.Classify, Prompt = "write a poem" }).Completion!.Text);
        var score = backend.Answer(new CompletionRequest { Id = "3", Purpose = InferencePurposes.Score, Prompt = "rate this answer about gardens" }).Completion!.Text;
        Assert.Matches(@"Score: [1-5]$", score);
    }

    [Fact]
    public void StopSequencesAndTokenLimit_ShapeTheText()
    {
        var responders = new OfflineResponders().Register("p", _ => "one two three\n\nfour five six seven");
        var backend = new OfflineBackend(responders);
        var stopped = backend.Answer(new CompletionRequest { Id = "1", Purpose = "p", Prompt = "x", Sampling = new SamplingParameters { Stop = ["\n\n"] } }).Completion!;
        Assert.Equal("one two three", stopped.Text);
        Assert.Equal("stop", stopped.FinishReason);
        var cut = backend.Answer(new CompletionRequest { Id = "2", Purpose = "p", Prompt = "x", Sampling = new SamplingParameters { MaxTokens = 2 } }).Completion!;
        Assert.Equal("one two", cut.Text);
        Assert.Equal("length", cut.FinishReason);
        Assert.Equal(2, cut.CompletionTokens);
    }

    [Fact]
    public void NChoices_UseSeedPlusChoiceIndex_AndLogprobsCoverEveryToken()
    {
        var backend = new OfflineBackend(new OfflineResponders().Register("p", r => $"seed {r.Sampling.Seed}"));
        var completion = backend.Answer(new CompletionRequest
        {
            Id = "1", Purpose = "p", Prompt = "x", Sampling = new SamplingParameters { N = 3, Seed = 10, Logprobs = 2 },
        }).Completion!;
        Assert.Equal(["seed 10", "seed 11", "seed 12"], completion.Choices);
        Assert.Equal(2, completion.Logprobs!.Count);
        Assert.All(completion.Logprobs, t => Assert.Equal(2, t.Top.Count));
        Assert.True(completion.IsOffline);
        Assert.Equal("offline", completion.Backend);
        Assert.Equal("offline-heuristics", completion.Model);
    }

    [Fact]
    public void ResponderThatThrowsOrReturnsEmpty_IsAFailedResultNotACrash()
    {
        var backend = new OfflineBackend(new OfflineResponders().Register("boom", _ => throw new InvalidOperationException("bad heuristic")).Register("empty", _ => "  "));
        var thrown = backend.Answer(new CompletionRequest { Id = "1", Purpose = "boom", Prompt = "x" });
        Assert.Equal(FailureKind.ServerError, thrown.Failure);
        Assert.Contains("bad heuristic", thrown.Reason, StringComparison.Ordinal);
        Assert.Equal(FailureKind.EmptyText, backend.Answer(new CompletionRequest { Id = "2", Purpose = "empty", Prompt = "x" }).Failure);
    }

    [Fact]
    public async Task RouterWithoutDevices_RunsOneOfflineDevice_LabelledOffline()
    {
        var log = new LogLines();
        await using var router = await InferenceRouter.StartAsync(new InferenceSettings(), new InferenceRouterOptions { Log = log.Add }, CancellationToken.None);
        Assert.True(router.IsOffline);
        var device = Assert.Single(router.Devices);
        Assert.Equal("offline", device.Name);
        Assert.True(device.IsOffline);
        Assert.Contains("OFFLINE", router.Description, StringComparison.Ordinal);
        var outcome = await router.CompleteAsync(new CompletionRequest
        {
            Id = "1", Purpose = InferencePurposes.Label, Prompt = "A text about rivers and their history.", Model = "some-model",
        }, CancellationToken.None);
        var completion = Assert.IsType<InferenceOutcome.Succeeded>(outcome).Completion;
        Assert.True(completion.IsOffline);
        Assert.Equal("offline", completion.Device);
        Assert.Equal("offline", completion.Backend);
        Assert.Contains(log.Lines, l => l.Contains("OFFLINE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OfflineRouter_ManyConcurrentRequests_AllSucceedDeterministically()
    {
        await using var router = await InferenceRouter.StartAsync(new InferenceSettings(), new InferenceRouterOptions(), CancellationToken.None);
        var requests = Enumerable.Range(0, 2000).Select(i => TestDevices.Prompt(i % 100)).ToList();
        var outcomes = await TestDevices.RunAllAsync(router, requests, 64);
        var texts = outcomes.Select(o => Assert.IsType<InferenceOutcome.Succeeded>(o).Completion.Text).ToList();
        for (var i = 100; i < texts.Count; i++)
        {
            Assert.Equal(texts[i % 100], texts[i]);
        }

        var stats = router.Statistics;
        Assert.Equal(2000, stats.Accepted);
        Assert.Equal(2000, stats.Succeeded);
        Assert.Equal(0, stats.InProgress);
    }
}
