using Actors.FakeLlm;

namespace Actors.Inference.Tests;

public sealed class BatchingTests
{
    [Fact]
    public async Task FullQueue_SendsFullBatches_NeverMoreThanMaxBatch()
    {
        await using var fake = await TestDevices.StartFakeAsync(new FakeLlmOptions { BaseLatency = TimeSpan.FromMilliseconds(5) });
        var settings = TestDevices.Settings(d => d with { MaxBatch = 8, MaxWait = TimeSpan.FromSeconds(30), MaxInFlight = 1 }, ("gpu0", fake.BaseUrl));
        await using var router = await InferenceRouter.StartAsync(settings, new InferenceRouterOptions(), CancellationToken.None);
        await router.WaitUntilHealthyAsync(CancellationToken.None);
        var outcomes = await TestDevices.RunAllAsync(router, [.. Enumerable.Range(0, 64).Select(i => TestDevices.Prompt(i))], 64);
        Assert.All(outcomes, o => Assert.IsType<InferenceOutcome.Succeeded>(o));

        // With max-wait far away, only full batches can leave: 64 requests are 8 calls of 8 prompts.
        Assert.Equal(Enumerable.Repeat(8, 8), fake.Counters.BatchSizes);
        var device = Assert.Single(router.Devices);
        Assert.Equal((64L, 8L), (device.Requests, device.Batches));
    }

    [Fact]
    public async Task PartialBatch_LeavesAfterMaxWait()
    {
        await using var fake = await TestDevices.StartFakeAsync();
        var settings = TestDevices.Settings(d => d with { MaxBatch = 32, MaxWait = TimeSpan.FromMilliseconds(50) }, ("gpu0", fake.BaseUrl));
        await using var router = await InferenceRouter.StartAsync(settings, new InferenceRouterOptions(), CancellationToken.None);
        var outcomes = await TestDevices.RunAllAsync(router, [.. Enumerable.Range(0, 3).Select(i => TestDevices.Prompt(i))], 3);
        Assert.All(outcomes, o => Assert.IsType<InferenceOutcome.Succeeded>(o));
        Assert.Equal(3, fake.Counters.BatchSizes.Sum());
        Assert.All(fake.Counters.BatchSizes, size => Assert.InRange(size, 1, 3));
    }

    [Fact]
    public async Task CallsInFlight_NeverExceedMaxInFlight()
    {
        await using var fake = await TestDevices.StartFakeAsync(new FakeLlmOptions { BaseLatency = TimeSpan.FromMilliseconds(20) });
        var settings = TestDevices.Settings(d => d with { MaxBatch = 4, MaxInFlight = 2 }, ("gpu0", fake.BaseUrl));
        await using var router = await InferenceRouter.StartAsync(settings, new InferenceRouterOptions(), CancellationToken.None);
        var outcomes = await TestDevices.RunAllAsync(router, [.. Enumerable.Range(0, 80).Select(i => TestDevices.Prompt(i))], 80);
        Assert.All(outcomes, o => Assert.IsType<InferenceOutcome.Succeeded>(o));
        Assert.InRange(fake.Counters.MaxActiveRequests, 1, 2);
        Assert.All(fake.Counters.BatchSizes, size => Assert.InRange(size, 1, 4));
    }

    [Fact]
    public async Task Router_PrefersTheDeviceWithFewestOutstanding()
    {
        await using var slow = await TestDevices.StartFakeAsync(new FakeLlmOptions { BaseLatency = TimeSpan.FromMilliseconds(200), MaxConcurrentSequences = 4 });
        await using var fast = await TestDevices.StartFakeAsync(new FakeLlmOptions { BaseLatency = TimeSpan.FromMilliseconds(1) });
        var settings = TestDevices.Settings(d => d with { MaxBatch = 4, MaxInFlight = 1 }, ("slow", slow.BaseUrl), ("fast", fast.BaseUrl));
        await using var router = await InferenceRouter.StartAsync(settings, new InferenceRouterOptions(), CancellationToken.None);
        await router.WaitUntilHealthyAsync(CancellationToken.None);
        var outcomes = await TestDevices.RunAllAsync(router, [.. Enumerable.Range(0, 200).Select(i => TestDevices.Prompt(i))], 16);
        Assert.All(outcomes, o => Assert.IsType<InferenceOutcome.Succeeded>(o));
        Assert.True(fast.Counters.Prompts > 3 * slow.Counters.Prompts, $"fast {fast.Counters.Prompts} vs slow {slow.Counters.Prompts}");
    }
}
