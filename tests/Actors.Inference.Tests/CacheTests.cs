namespace Actors.Inference.Tests;

public sealed class CacheTests
{
    [Fact]
    public async Task SecondIdenticalRequest_IsServedFromTheCache()
    {
        await using var fake = await TestDevices.StartFakeAsync();
        var cache = new InMemoryResponseCache();
        await using var router = await InferenceRouter.StartAsync(TestDevices.Settings(("gpu0", fake.BaseUrl)), new InferenceRouterOptions { Cache = cache }, CancellationToken.None);
        var first = Assert.IsType<InferenceOutcome.Succeeded>(await router.CompleteAsync(TestDevices.Prompt(1), CancellationToken.None)).Completion;
        var second = Assert.IsType<InferenceOutcome.Succeeded>(await router.CompleteAsync(TestDevices.Prompt(1) with { Id = "again", Purpose = InferencePurposes.Score }, CancellationToken.None)).Completion;
        Assert.False(first.FromCache);
        Assert.True(second.FromCache);
        Assert.Equal(first.Text, second.Text);
        Assert.Equal(1, fake.Counters.Requests);
        Assert.Equal(1, cache.Count);
        Assert.Equal(1, router.Statistics.CacheHits);

        // Other parameters: another generation.
        var other = Assert.IsType<InferenceOutcome.Succeeded>(await router.CompleteAsync(
            TestDevices.Prompt(1, sampling: new SamplingParameters { MaxTokens = 32, Temperature = 0.9 }), CancellationToken.None)).Completion;
        Assert.False(other.FromCache);
        Assert.Equal(2, fake.Counters.Requests);
    }

    [Fact]
    public async Task CachedTruncation_IsNotReturnedToACallerThatRejectsTruncation()
    {
        await using var fake = await TestDevices.StartFakeAsync();
        var cache = new InMemoryResponseCache();
        await using var router = await InferenceRouter.StartAsync(TestDevices.Settings(("gpu0", fake.BaseUrl)), new InferenceRouterOptions { Cache = cache }, CancellationToken.None);
        var cut = TestDevices.Prompt(1, sampling: new SamplingParameters { MaxTokens = 2 });
        Assert.Equal("length", Assert.IsType<InferenceOutcome.Succeeded>(await router.CompleteAsync(cut, CancellationToken.None)).Completion.FinishReason);
        var strict = Assert.IsType<InferenceOutcome.Failed>(await router.CompleteAsync(cut with { FailOnTruncation = true }, CancellationToken.None));
        Assert.Equal(FailureKind.Truncated, strict.Kind);
    }

    [Fact]
    public async Task OfflineCompletions_AreNotCached()
    {
        var cache = new InMemoryResponseCache();
        await using var router = await InferenceRouter.StartAsync(new InferenceSettings(), new InferenceRouterOptions { Cache = cache }, CancellationToken.None);
        await router.CompleteAsync(TestDevices.Prompt(1), CancellationToken.None);
        var again = Assert.IsType<InferenceOutcome.Succeeded>(await router.CompleteAsync(TestDevices.Prompt(1), CancellationToken.None));
        Assert.False(again.Completion.FromCache);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task Dispose_LetsAnswersBeingStoredFinish_TheyAreCachedAndDelivered()
    {
        await using var fake = await TestDevices.StartFakeAsync();
        var cache = new GatedCache();
        var router = await InferenceRouter.StartAsync(TestDevices.Settings(("gpu0", fake.BaseUrl)), new InferenceRouterOptions { Cache = cache }, CancellationToken.None);
        var outcome = router.CompleteAsync(TestDevices.Prompt(7), CancellationToken.None);
        await cache.PutStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // The answer arrived and is being stored when the router is disposed (an abort): disposal waits for it.
        var disposing = router.DisposeAsync().AsTask();
        Assert.False(disposing.IsCompleted);
        cache.Release.SetResult();
        await disposing.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.IsType<InferenceOutcome.Succeeded>(await outcome);
        Assert.Equal(1, cache.Inner.Count);
    }

    /// <summary>A cache whose writes wait until the test releases them.</summary>
    private sealed class GatedCache : IResponseCache
    {
        public InMemoryResponseCache Inner { get; } = new();

        public TaskCompletionSource PutStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ValueTask<Completion?> TryGetAsync(string key, CancellationToken cancellationToken) => Inner.TryGetAsync(key, cancellationToken);

        public async ValueTask PutAsync(string key, Completion completion, CancellationToken cancellationToken)
        {
            PutStarted.TrySetResult();
            await Release.Task;
            await Inner.PutAsync(key, completion, cancellationToken);
        }
    }
}
