using System.Diagnostics;
using Actors.FakeLlm;
using Actors.Inference;
using Actors.Streams.Dsl;

namespace Actors.Bench.Scenarios;

/// <summary>
/// Inference throughput: requests pushed through the <see cref="InferenceRouter"/> from an Actors.Streams graph
/// (SelectAsyncUnordered) to two fake-llm devices of known capacity, against the devices' theoretical capacity.
/// </summary>
/// <remarks>
/// Each fake device runs at most <see cref="Sequences"/> sequences at once and holds a sequence for
/// L = base latency + per-token latency × tokens (batch slowdown 0, every completion exactly <see cref="Tokens"/>
/// tokens), so the two devices complete at most 2 × Sequences / L sequences per second: that is the baseline. The
/// value is what the router achieved over the whole run (ramp-up and tail included). A second line reports the
/// fraction of the devices' sequence slots that were busy, as the fakes measured it.
/// </remarks>
internal static class InferenceScenario
{
    private const int Sequences = 64;
    private const int Tokens = 50;
    private static readonly TimeSpan BaseLatency = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan PerTokenLatency = TimeSpan.FromMilliseconds(1);

    public static async Task<IReadOnlyList<BenchResult>> RunAsync(long requests, int parallelism)
    {
        if (requests < 1 || parallelism < 1)
        {
            throw new ArgumentException("--requests and --parallelism must be at least 1");
        }

        var fakeOptions = new FakeLlmOptions
        {
            MaxConcurrentSequences = Sequences,
            BaseLatency = BaseLatency,
            PerTokenLatency = PerTokenLatency,
            BatchSlowdown = 0,
            DefaultCompletionTokens = Tokens,
        };
        await using var gpu0 = await FakeLlmServer.StartAsync(fakeOptions, CancellationToken.None);
        await using var gpu1 = await FakeLlmServer.StartAsync(fakeOptions, CancellationToken.None);
        var device = new DeviceSettings { Model = fakeOptions.Model, MaxBatch = 32, MaxWait = TimeSpan.FromMilliseconds(20), MaxInFlight = 4 };
        var settings = new InferenceSettings
        {
            RequestTimeout = TimeSpan.FromSeconds(30),
            Devices = new Dictionary<string, DeviceSettings>
            {
                ["gpu0"] = device with { Endpoint = gpu0.BaseUrl },
                ["gpu1"] = device with { Endpoint = gpu1.BaseUrl },
            },
        };
        await using var router = await InferenceRouter.StartAsync(settings, new InferenceRouterOptions(), CancellationToken.None);
        await router.WaitUntilHealthyAsync(CancellationToken.None);

        // Warm up (JIT, connections) with a tenth of the run, then measure.
        await PushAsync(router, Math.Max(requests / 10, 500), parallelism, offset: long.MaxValue / 2).ConfigureAwait(false);
        var busyBefore = gpu0.Counters.BusySequenceTime + gpu1.Counters.BusySequenceTime;
        var started = Stopwatch.GetTimestamp();
        var succeeded = await PushAsync(router, requests, parallelism, offset: 0).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var busy = gpu0.Counters.BusySequenceTime + gpu1.Counters.BusySequenceTime - busyBefore;
        if (succeeded != requests)
        {
            throw new InvalidOperationException($"{requests - succeeded} of {requests} requests failed; the fakes inject no faults, so this is a bug");
        }

        var latency = BaseLatency + (PerTokenLatency * Tokens);
        var capacity = 2 * Sequences / latency.TotalSeconds;
        return
        [
            new("inference", "sequences_per_s_vs_theoretical_capacity", requests / elapsed.TotalSeconds, capacity, "sequences/s"),
            new("inference", "busy_sequence_slots_percent", 100 * busy.TotalSeconds / (2 * Sequences * elapsed.TotalSeconds), 100, "%"),
        ];
    }

    private static Task<long> PushAsync(InferenceRouter router, long count, int parallelism, long offset)
    {
        var sampling = new SamplingParameters { Temperature = 0.7, TopP = 0.9, MaxTokens = 64 };
        var run = Source.Range(0, checked((int)count))
            .SelectAsyncUnordered(parallelism, (i, ct) => router.CompleteAsync(new CompletionRequest
            {
                Id = $"bench-{offset + i}",
                Purpose = InferencePurposes.Label,
                Prompt = $"Document {offset + i}: a paragraph of web text that the backward model turns into an instruction.",
                Sampling = sampling,
            }, ct))
            .RunWith(Sink.Aggregate<InferenceOutcome, long>(0, static (ok, outcome) => outcome is InferenceOutcome.Succeeded ? ok + 1 : ok),
                new RunOptions { Name = "bench-inference" });
        return run.Materialized;
    }
}
