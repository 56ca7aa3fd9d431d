using Actors.FakeLlm;

namespace Actors.Inference.Tests;

public sealed class FailoverTests
{
    [Fact]
    public async Task DeviceKilledMidRun_LosesNoRequest_TheOtherDeviceFinishesItsWork()
    {
        var options = new FakeLlmOptions { BaseLatency = TimeSpan.FromMilliseconds(10) };
        var a = await TestDevices.StartFakeAsync(options);
        await using var b = await TestDevices.StartFakeAsync(options);
        var log = new LogLines();
        var settings = TestDevices.Settings(("gpu0", a.BaseUrl), ("gpu1", b.BaseUrl));
        await using var router = await InferenceRouter.StartAsync(settings, new InferenceRouterOptions { Log = log.Add }, CancellationToken.None);
        await router.WaitUntilHealthyAsync(CancellationToken.None);

        var outOfService = log.Next(l => l.Contains("'gpu0' out of service", StringComparison.Ordinal), TimeSpan.FromSeconds(20));
        Task? kill = null;
        long servedByABeforeKill = 0;
        var requests = Enumerable.Range(0, 2000).Select(i => TestDevices.Prompt(i)).ToList();
        var outcomes = await TestDevices.RunAllAsync(router, requests, 128, done =>
        {
            if (done == 500)
            {
                servedByABeforeKill = a.Counters.Sequences;
                kill = a.KillAsync();
            }
        });
        await kill!;
        await outOfService;

        Assert.All(outcomes, o => Assert.IsType<InferenceOutcome.Succeeded>(o));
        Assert.True(servedByABeforeKill > 0, "gpu0 served nothing before it was killed");
        var completions = outcomes.Cast<InferenceOutcome.Succeeded>().Select(s => s.Completion).ToList();
        Assert.Equal(2000, completions.Count(c => c.Device is "gpu0" or "gpu1"));
        Assert.True(completions.Count(c => c.Device == "gpu1") >= 2000 - a.Counters.Sequences);
        var stats = router.Statistics;
        Assert.Equal((2000L, 2000L, 0L), (stats.Accepted, stats.Succeeded, stats.Failed));
        var gpu0 = router.Devices.Single(d => d.Name == "gpu0");
        Assert.NotEqual(DeviceState.Healthy, gpu0.State);
    }

    [Fact]
    public async Task DeviceFailingHealthChecks_HandsItsInFlightRequestsBack_TheyCompleteElsewhere()
    {
        // gpu0 accepts requests and never answers (a wedged server); its request timeout is far away.
        await using var wedged = await TestDevices.StartFakeAsync(new FakeLlmOptions { Faults = FakeFaults.Only(FakeFaultKind.Hang, 1) });
        await using var good = await TestDevices.StartFakeAsync();
        var log = new LogLines();
        var settings = TestDevices.Settings(("gpu0", wedged.BaseUrl), ("gpu1", good.BaseUrl)) with { RequestTimeout = TimeSpan.FromMinutes(5) };
        await using var router = await InferenceRouter.StartAsync(settings, new InferenceRouterOptions { Log = log.Add }, CancellationToken.None);
        await router.WaitUntilHealthyAsync(CancellationToken.None);
        var calls = Enumerable.Range(0, 40).Select(i => router.CompleteAsync(TestDevices.Prompt(i), CancellationToken.None)).ToList();
        await TestDevices.WaitUntilAsync(() => wedged.Counters.Faults(FakeFaultKind.Hang) > 0, TimeSpan.FromSeconds(10), "a request to hang on gpu0");

        var outOfService = log.Next(l => l.Contains("'gpu0' out of service", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        wedged.Healthy = false;
        await outOfService;
        var outcomes = await Task.WhenAll(calls);
        Assert.All(outcomes, o => Assert.Equal("gpu1", Assert.IsType<InferenceOutcome.Succeeded>(o).Completion.Device));
        Assert.True(router.Statistics.Handoffs > 0);
    }

    [Fact]
    public async Task DeviceBackAfterAnOutage_IsReadmitted()
    {
        var a = await TestDevices.StartFakeAsync();
        var port = a.Port;
        var log = new LogLines();
        await using var router = await InferenceRouter.StartAsync(TestDevices.Settings(("gpu0", a.BaseUrl)), new InferenceRouterOptions { Log = log.Add }, CancellationToken.None);
        await router.WaitUntilHealthyAsync(CancellationToken.None);
        var down = log.Next(l => l.Contains("out of service", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        await a.KillAsync();
        await down;

        // While it is out, requests fail after their attempts with the reason of the outage.
        var failed = Assert.IsType<InferenceOutcome.Failed>(await router.CompleteAsync(TestDevices.Prompt(1), CancellationToken.None));
        Assert.Equal(FailureKind.ConnectionReset, failed.Kind);

        var healthy = log.Next(l => l.Contains("'gpu0' healthy", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        await using var again = await FakeLlmServer.StartAsync(new FakeLlmOptions { Port = port }, CancellationToken.None);
        await healthy;
        Assert.IsType<InferenceOutcome.Succeeded>(await router.CompleteAsync(TestDevices.Prompt(2), CancellationToken.None));
        Assert.True(router.Devices[0].Restarts >= 1);
    }

    [Fact]
    public async Task DeviceWhoseServerDoesNotListTheModel_IsHealthyButLogsAWarningNamingWhatItServes()
    {
        await using var fake = await TestDevices.StartFakeAsync();
        var log = new LogLines();
        var settings = TestDevices.Settings(d => d with { Model = "not-served" }, ("gpu0", fake.BaseUrl));
        var warned = log.Next(l => l.Contains("WARNING device 'gpu0'", StringComparison.Ordinal), TimeSpan.FromSeconds(20));
        await using var router = await InferenceRouter.StartAsync(settings, new InferenceRouterOptions { Log = log.Add }, CancellationToken.None);
        await router.WaitUntilHealthyAsync(CancellationToken.None);
        await warned;

        var line = log.Lines.First(l => l.Contains("WARNING", StringComparison.Ordinal));
        Assert.Contains($"'{fake.Options.Model}'", line, StringComparison.Ordinal);
        Assert.Contains("not the configured model 'not-served'", line, StringComparison.Ordinal);

        // The configured model, listed: no warning.
        var quiet = new LogLines();
        await using var listed = await InferenceRouter.StartAsync(TestDevices.Settings(d => d with { Model = fake.Options.Model }, ("gpu0", fake.BaseUrl)), new InferenceRouterOptions { Log = quiet.Add }, CancellationToken.None);
        await listed.WaitUntilHealthyAsync(CancellationToken.None);
        Assert.Contains(quiet.Lines, l => l.Contains("healthy at", StringComparison.Ordinal));
        Assert.DoesNotContain(quiet.Lines, l => l.Contains("WARNING", StringComparison.Ordinal));
    }
}
