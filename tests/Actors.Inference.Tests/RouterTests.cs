using Actors.FakeLlm;

namespace Actors.Inference.Tests;

public sealed class RouterTests
{
    [Fact]
    public async Task ModelNoDeviceServes_FailsAsNoDevice_WithoutAnAttempt()
    {
        await using var fake = await TestDevices.StartFakeAsync();
        await using var router = await InferenceRouter.StartAsync(TestDevices.Settings(("gpu0", fake.BaseUrl)), new InferenceRouterOptions(), CancellationToken.None);
        await router.WaitUntilHealthyAsync(CancellationToken.None);
        var failed = Assert.IsType<InferenceOutcome.Failed>(await router.CompleteAsync(TestDevices.Prompt(1) with { Model = "other" }, CancellationToken.None));
        Assert.Equal((FailureKind.NoDevice, 0), (failed.Kind, failed.Attempts));
        Assert.Contains("other", failed.Reason, StringComparison.Ordinal);
        Assert.Equal(0, fake.Counters.Requests);
    }

    [Fact]
    public async Task RequestsNamingAModel_GoOnlyToDevicesServingIt()
    {
        await using var small = await TestDevices.StartFakeAsync(new FakeLlmOptions { Model = "small" });
        await using var large = await TestDevices.StartFakeAsync(new FakeLlmOptions { Model = "large" });
        var settings = TestDevices.Settings(("s", small.BaseUrl), ("l", large.BaseUrl)) with
        {
            Devices = new Dictionary<string, DeviceSettings>
            {
                ["s"] = new() { Endpoint = small.BaseUrl, Model = "small", MaxWait = TimeSpan.FromMilliseconds(2) },
                ["l"] = new() { Endpoint = large.BaseUrl, Model = "large", MaxWait = TimeSpan.FromMilliseconds(2) },
            },
        };
        await using var router = await InferenceRouter.StartAsync(settings, new InferenceRouterOptions(), CancellationToken.None);
        var outcomes = await TestDevices.RunAllAsync(router, [.. Enumerable.Range(0, 50).Select(i => TestDevices.Prompt(i) with { Model = "large" })], 10);
        Assert.All(outcomes, o => Assert.Equal("large", Assert.IsType<InferenceOutcome.Succeeded>(o).Completion.Model));
        Assert.Equal(0, small.Counters.Requests);
    }

    [Fact]
    public async Task CallerCancellation_Throws_AndIsCounted()
    {
        await using var fake = await TestDevices.StartFakeAsync(new FakeLlmOptions { Faults = FakeFaults.Only(FakeFaultKind.Hang, 1) });
        var settings = TestDevices.Settings(("gpu0", fake.BaseUrl)) with { RequestTimeout = TimeSpan.FromSeconds(30) };
        await using var router = await InferenceRouter.StartAsync(settings, new InferenceRouterOptions(), CancellationToken.None);
        using var cts = new CancellationTokenSource();
        var call = router.CompleteAsync(TestDevices.Prompt(1), cts.Token);
        await TestDevices.WaitUntilAsync(() => fake.Counters.Requests == 1, TimeSpan.FromSeconds(10), "the request to reach the server");
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        var stats = router.Statistics;
        Assert.Equal((1L, 1L, 0L), (stats.Accepted, stats.Cancelled, stats.InProgress));
    }

    [Fact]
    public async Task Dispose_FailsWhatIsInProgressAsCancelled()
    {
        await using var fake = await TestDevices.StartFakeAsync(new FakeLlmOptions { Faults = FakeFaults.Only(FakeFaultKind.Hang, 1) });
        var settings = TestDevices.Settings(("gpu0", fake.BaseUrl)) with { RequestTimeout = TimeSpan.FromSeconds(30) };
        var router = await InferenceRouter.StartAsync(settings, new InferenceRouterOptions(), CancellationToken.None);
        var calls = Enumerable.Range(0, 5).Select(i => router.CompleteAsync(TestDevices.Prompt(i), CancellationToken.None)).ToList();
        await TestDevices.WaitUntilAsync(() => fake.Counters.Prompts == 5, TimeSpan.FromSeconds(10), "the requests to reach the server");
        await router.DisposeAsync();
        foreach (var call in calls)
        {
            Assert.Equal(FailureKind.Cancelled, Assert.IsType<InferenceOutcome.Failed>(await call).Kind);
        }

        await Assert.ThrowsAsync<ObjectDisposedException>(() => router.CompleteAsync(TestDevices.Prompt(9), CancellationToken.None));
    }

    [Fact]
    public async Task EndpointDownAtStart_FailsRequestsWithTheReason_ThenServesOnceItAnswers()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var endpoint = new Uri($"http://127.0.0.1:{port}/v1");
        var settings = TestDevices.Settings(("gpu0", endpoint));
        await using var router = await InferenceRouter.StartAsync(settings, new InferenceRouterOptions(), CancellationToken.None);
        var down = router.CompleteAsync(TestDevices.Prompt(1), CancellationToken.None);
        await TestDevices.WaitUntilAsync(() => router.Devices[0].State == DeviceState.Unhealthy, TimeSpan.FromSeconds(10), "the first health check to fail");
        Assert.Equal(FailureKind.ConnectionReset, Assert.IsType<InferenceOutcome.Failed>(await down).Kind);

        await using var fake = await FakeLlmServer.StartAsync(new FakeLlmOptions { Port = port }, CancellationToken.None);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await router.WaitUntilHealthyAsync(cts.Token);
        Assert.IsType<InferenceOutcome.Succeeded>(await router.CompleteAsync(TestDevices.Prompt(2), CancellationToken.None));
    }

    [Fact]
    public async Task ChatRequests_AreServedThroughTheRouter()
    {
        await using var fake = await TestDevices.StartFakeAsync();
        await using var router = await InferenceRouter.StartAsync(TestDevices.Settings(("gpu0", fake.BaseUrl)), new InferenceRouterOptions(), CancellationToken.None);
        var outcome = await router.CompleteAsync(new CompletionRequest
        {
            Id = "chat", Purpose = InferencePurposes.Score, Messages = [new ChatMessage("user", "Rate this.")], Sampling = new SamplingParameters { N = 2 },
        }, CancellationToken.None);
        var completion = Assert.IsType<InferenceOutcome.Succeeded>(outcome).Completion;
        Assert.Equal(2, completion.Choices.Count);
        Assert.Equal(("openai", "gpu0", false), (completion.Backend, completion.Device, completion.IsOffline));
    }

    [Fact]
    public async Task MalformedRequest_IsAProgrammerError()
    {
        await using var router = await InferenceRouter.StartAsync(new InferenceSettings(), new InferenceRouterOptions(), CancellationToken.None);
        await Assert.ThrowsAsync<ArgumentException>(() => router.CompleteAsync(new CompletionRequest { Id = "x", Purpose = "p" }, CancellationToken.None));
    }
}
