using Actors.FakeLlm;

namespace Actors.Inference.Tests;

/// <summary>Every fault kind of fake-llm through the router: classified, retried, and finally reported.</summary>
public sealed class FaultInjectionTests
{
    [Theory]
    [InlineData("500", FailureKind.ServerError)]
    [InlineData("429", FailureKind.RateLimited)]
    [InlineData("hang", FailureKind.Timeout)]
    [InlineData("reset", FailureKind.ConnectionReset)]
    [InlineData("malformed", FailureKind.MalformedResponse)]
    [InlineData("empty", FailureKind.EmptyText)]
    [InlineData("length", FailureKind.Truncated)]
    public async Task AlwaysFailingServer_EveryRequestFailsWithTheKind_AfterAllAttempts(string faultName, FailureKind expected)
    {
        var faults = FakeFaults.Parse(faultName + "=1");
        var fault = Enum.GetValues<FakeFaultKind>().Single(k => faults.Rate(k) == 1.0);
        await using var fake = await TestDevices.StartFakeAsync(new FakeLlmOptions { Faults = faults, BaseLatency = TimeSpan.Zero });
        var settings = TestDevices.Settings(("gpu0", fake.BaseUrl)) with
        {
            Retry = new RetrySettings { MaxAttempts = 3, MinBackoff = TimeSpan.FromMilliseconds(1), MaxBackoff = TimeSpan.FromMilliseconds(5) },
            // Short only where the fault is a hang: elsewhere a slow test machine must not turn into timeouts.
            RequestTimeout = fault == FakeFaultKind.Hang ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromSeconds(5),
        };
        var deadLetters = new List<InferenceOutcome.Failed>();
        await using var router = await InferenceRouter.StartAsync(settings, new InferenceRouterOptions { DeadLetters = f => { lock (deadLetters) { deadLetters.Add(f); } } }, CancellationToken.None);
        await router.WaitUntilHealthyAsync(CancellationToken.None);
        var requests = Enumerable.Range(0, 40).Select(i => TestDevices.Prompt(i) with { FailOnTruncation = true }).ToList();
        var outcomes = await TestDevices.RunAllAsync(router, requests, 40);

        var failed = outcomes.Select(o => Assert.IsType<InferenceOutcome.Failed>(o)).ToList();
        Assert.All(failed, f =>
        {
            Assert.Equal(expected, f.Kind);
            Assert.False(string.IsNullOrWhiteSpace(f.Reason));
        });

        // A reset server is taken out of service now and then; a request that finds no healthy device spends an
        // attempt without a call, so only the kind is fixed there, not the attempt count.
        if (fault != FakeFaultKind.Reset)
        {
            Assert.All(failed, f => Assert.Equal(3, f.Attempts));
        }

        Assert.Equal(40, deadLetters.Count);
        Assert.Equal(requests.Select(r => r.Id).Order(), deadLetters.Select(d => d.Request.Id).Order());
        var stats = router.Statistics;
        Assert.Equal((40L, 0L, 40L, 0L), (stats.Accepted, stats.Succeeded, stats.Failed, stats.InProgress));
        Assert.Equal(40, stats.FailedByKind[expected]);
        Assert.True(fake.Counters.Faults(fault) > 0);
    }

    [Fact]
    public async Task LengthFinish_IsASuccess_WhenTheCallerAcceptsTruncation()
    {
        await using var fake = await TestDevices.StartFakeAsync(new FakeLlmOptions { Faults = FakeFaults.Only(FakeFaultKind.Length, 1.0) });
        await using var router = await InferenceRouter.StartAsync(TestDevices.Settings(("gpu0", fake.BaseUrl)), new InferenceRouterOptions(), CancellationToken.None);
        var outcome = await router.CompleteAsync(TestDevices.Prompt(1), CancellationToken.None);
        Assert.Equal("length", Assert.IsType<InferenceOutcome.Succeeded>(outcome).Completion.FinishReason);
    }

    [Fact]
    public async Task ClientErrors_AreNotRetried()
    {
        await using var fake = await TestDevices.StartFakeAsync();
        var settings = TestDevices.Settings(d => d with { Model = "ghost" }, ("gpu0", fake.BaseUrl));
        await using var router = await InferenceRouter.StartAsync(settings, new InferenceRouterOptions(), CancellationToken.None);
        var failed = Assert.IsType<InferenceOutcome.Failed>(await router.CompleteAsync(TestDevices.Prompt(1), CancellationToken.None));
        Assert.Equal(FailureKind.ClientError, failed.Kind);
        Assert.Equal(1, failed.Attempts);
        Assert.Equal(1, fake.Counters.Requests);
    }

    [Fact]
    public async Task SomeFaults_AreRetriedToSuccess()
    {
        await using var fake = await TestDevices.StartFakeAsync(new FakeLlmOptions { Faults = FakeFaults.Only(FakeFaultKind.ServerError, 0.3), Seed = 7 });
        await using var router = await InferenceRouter.StartAsync(TestDevices.Settings(("gpu0", fake.BaseUrl)), new InferenceRouterOptions(), CancellationToken.None);
        var outcomes = await TestDevices.RunAllAsync(router, [.. Enumerable.Range(0, 200).Select(i => TestDevices.Prompt(i))], 50);
        Assert.True(fake.Counters.Faults(FakeFaultKind.ServerError) > 0);
        Assert.True(router.Statistics.Retries > 0);
        Assert.Equal(200, outcomes.Count(o => o is InferenceOutcome.Succeeded) + outcomes.Count(o => o is InferenceOutcome.Failed));
        Assert.True(outcomes.Count(o => o is InferenceOutcome.Succeeded) > 190);
    }

    [Fact]
    public async Task ThousandsOfRequests_AllFaultsAtTwoPercent_EveryRequestEndsOnceAndCountsAddUp()
    {
        var faults = FakeFaults.All(0.02);
        await using var a = await TestDevices.StartFakeAsync(new FakeLlmOptions { Faults = faults, Seed = 1, BaseLatency = TimeSpan.FromMilliseconds(2) });
        await using var b = await TestDevices.StartFakeAsync(new FakeLlmOptions { Faults = faults, Seed = 2, BaseLatency = TimeSpan.FromMilliseconds(2) });
        // Small batches: many HTTP calls, so every request-level fault kind is drawn (all but surely) at 2%.
        var settings = TestDevices.Settings(d => d with { MaxBatch = 8 }, ("gpu0", a.BaseUrl), ("gpu1", b.BaseUrl)) with
        {
            // Two attempts: enough failures survive to check the dead-letter path too.
            Retry = new RetrySettings { MaxAttempts = 2, MinBackoff = TimeSpan.FromMilliseconds(1), MaxBackoff = TimeSpan.FromMilliseconds(10) },
            RequestTimeout = TimeSpan.FromMilliseconds(250),
        };
        var deadLetters = 0;
        await using var router = await InferenceRouter.StartAsync(settings, new InferenceRouterOptions { DeadLetters = _ => Interlocked.Increment(ref deadLetters) }, CancellationToken.None);
        var requests = Enumerable.Range(0, 4000).Select(i => TestDevices.Prompt(i) with { FailOnTruncation = i % 2 == 0 }).ToList();
        var outcomes = await TestDevices.RunAllAsync(router, requests, 256);

        var succeeded = outcomes.OfType<InferenceOutcome.Succeeded>().ToList();
        var failed = outcomes.OfType<InferenceOutcome.Failed>().ToList();
        Assert.Equal(4000, succeeded.Count + failed.Count);
        Assert.NotEmpty(failed);
        Assert.All(failed, f => Assert.False(string.IsNullOrWhiteSpace(f.Reason)));
        Assert.All(failed, f => Assert.InRange(f.Attempts, 1, 2));
        Assert.All(succeeded, s => Assert.False(string.IsNullOrWhiteSpace(s.Completion.Text)));
        Assert.Equal(failed.Count, deadLetters);
        var stats = router.Statistics;
        Assert.Equal((4000L, (long)succeeded.Count, (long)failed.Count, 0L), (stats.Accepted, stats.Succeeded, stats.Failed, stats.InProgress));
        Assert.Equal(failed.Count, stats.FailedByKind.Values.Sum());
        foreach (var kind in Enum.GetValues<FakeFaultKind>())
        {
            Assert.True(a.Counters.Faults(kind) + b.Counters.Faults(kind) > 0, $"no {kind} fault was injected");
        }
    }
}
