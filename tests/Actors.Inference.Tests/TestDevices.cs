using Actors.FakeLlm;
using Actors.Inference;

namespace Actors.Inference.Tests;

/// <summary>
/// Settings and fake servers for router tests: short backoffs so retries and restarts resolve in well under a second.
/// The request timeout is generous (tests run in parallel on small machines); tests of hangs set a short one.
/// </summary>
internal static class TestDevices
{
    public const string Model = "fake-model";

    public static InferenceSettings Settings(params (string Name, Uri Endpoint)[] devices) => Settings(d => d, devices);

    public static InferenceSettings Settings(Func<DeviceSettings, DeviceSettings> device, params (string Name, Uri Endpoint)[] devices) => new()
    {
        ConnectTimeout = TimeSpan.FromSeconds(1),
        RequestTimeout = TimeSpan.FromSeconds(5),
        HealthCheckInterval = TimeSpan.FromMilliseconds(200),
        HealthCheckTimeout = TimeSpan.FromSeconds(5),
        StartupTimeout = TimeSpan.FromSeconds(30),
        StopTimeout = TimeSpan.FromSeconds(3),
        Retry = new RetrySettings { MaxAttempts = 5, MinBackoff = TimeSpan.FromMilliseconds(2), MaxBackoff = TimeSpan.FromMilliseconds(20) },
        Restart = new DeviceRestartSettings { MinBackoff = TimeSpan.FromMilliseconds(20), MaxBackoff = TimeSpan.FromMilliseconds(200) },
        Devices = devices.ToDictionary(
            d => d.Name,
            d => device(new DeviceSettings { Endpoint = d.Endpoint, Model = Model, MaxBatch = 8, MaxWait = TimeSpan.FromMilliseconds(5), MaxInFlight = 4 })),
    };

    public static Task<FakeLlmServer> StartFakeAsync(FakeLlmOptions? options = null) =>
        FakeLlmServer.StartAsync(options ?? new FakeLlmOptions { BaseLatency = TimeSpan.FromMilliseconds(1) }, CancellationToken.None);

    public static CompletionRequest Prompt(int i, string purpose = InferencePurposes.Label, SamplingParameters? sampling = null) => new()
    {
        Id = $"r{i}",
        Purpose = purpose,
        Prompt = $"prompt number {i} about topic {i % 7}",
        Sampling = sampling ?? new SamplingParameters { MaxTokens = 32 },
    };

    /// <summary>Sends every request with at most <paramref name="parallelism"/> in flight; returns outcomes in request order.</summary>
    public static async Task<InferenceOutcome[]> RunAllAsync(InferenceRouter router, IReadOnlyList<CompletionRequest> requests, int parallelism, Action<int>? onCompleted = null)
    {
        var outcomes = new InferenceOutcome[requests.Count];
        using var gate = new SemaphoreSlim(parallelism);
        var done = 0;
        var tasks = requests.Select(async (request, i) =>
        {
            await gate.WaitAsync();
            try
            {
                outcomes[i] = await router.CompleteAsync(request, CancellationToken.None);
                onCompleted?.Invoke(Interlocked.Increment(ref done));
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        await Task.WhenAll(tasks);
        return outcomes;
    }

    /// <summary>Waits (bounded) until <paramref name="condition"/> holds, checking whenever the router logs a line or every 20 ms.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!condition())
        {
            try
            {
                await Task.Delay(20, cts.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"timed out after {timeout} waiting for {what}");
            }
        }
    }
}
