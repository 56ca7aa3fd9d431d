using System.Net.Http.Json;
using Actors.FakeLlm;

namespace Actors.Inference.Tests;

public sealed class FakeLlmServerTests
{
    [Fact]
    public async Task SequenceGate_NeverExceedsCapacity_AndAdmitsBigBatchesInTurn()
    {
        var gate = new SequenceGate(8);
        var peak = 0;
        var tasks = Enumerable.Range(0, 200).Select(async i =>
        {
            var taken = await gate.AcquireAsync(1 + (i % 8), CancellationToken.None);
            var now = gate.InUse;
            InterlockedMax(ref peak, now);
            await Task.Yield();
            gate.Release(taken);
        });
        await Task.WhenAll(tasks);
        Assert.InRange(peak, 1, 8);
        Assert.Equal(0, gate.InUse);
        Assert.Equal(8, await gate.AcquireAsync(100, CancellationToken.None));
    }

    [Fact]
    public async Task Capacity_IsRespectedUnderLoad_AndBusyTimeIsCounted()
    {
        await using var fake = await TestDevices.StartFakeAsync(new FakeLlmOptions { MaxConcurrentSequences = 6, BaseLatency = TimeSpan.FromMilliseconds(5) });
        await using var router = await InferenceRouter.StartAsync(
            TestDevices.Settings(d => d with { MaxBatch = 4, MaxInFlight = 8 }, ("gpu0", fake.BaseUrl)), new InferenceRouterOptions(), CancellationToken.None);
        await TestDevices.RunAllAsync(router, [.. Enumerable.Range(0, 120).Select(i => TestDevices.Prompt(i))], 64);
        Assert.InRange(fake.Counters.MaxSequencesInUse, 1, 6);
        Assert.Equal(120, fake.Counters.Sequences);
        Assert.True(fake.Counters.BusySequenceTime > TimeSpan.Zero);
    }

    [Fact]
    public async Task Script_ChoosesByPromptHash_PerPurpose()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, """{ "classify": ["Yes", "No"], "*": ["generic {prompt_hash} {choice}"] }""");
            await using var fake = await TestDevices.StartFakeAsync(new FakeLlmOptions { Script = FakeScript.Load(file) });
            using var http = new HttpClient { BaseAddress = new Uri(fake.BaseUrl + "/") };
            async Task<string> Ask(string purpose, string prompt)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "completions") { Content = JsonContent.Create(new { model = TestDevices.Model, prompt }) };
                request.Headers.Add("X-Actors-Purpose", purpose);
                using var response = await http.SendAsync(request);
                var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
                return body.GetProperty("choices")[0].GetProperty("text").GetString()!;
            }

            var first = await Ask("classify", "is this a classification task?");
            Assert.Contains(first, new[] { "Yes", "No" });
            Assert.Equal(first, await Ask("classify", "is this a classification task?"));
            Assert.StartsWith("generic ", await Ask("label", "text"), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task OfflineResponders_CanAnswerThroughTheFake()
    {
        var responders = new OfflineResponders().Register(InferencePurposes.Classify, r => r.Prompt!.EndsWith('?') ? "Yes" : "No");
        await using var fake = await TestDevices.StartFakeAsync(new FakeLlmOptions().WithOfflineResponders(responders));
        await using var router = await InferenceRouter.StartAsync(TestDevices.Settings(("gpu0", fake.BaseUrl)), new InferenceRouterOptions(), CancellationToken.None);
        var outcome = await router.CompleteAsync(new CompletionRequest { Id = "1", Purpose = InferencePurposes.Classify, Prompt = "really?" }, CancellationToken.None);
        Assert.Equal("Yes", Assert.IsType<InferenceOutcome.Succeeded>(outcome).Completion.Text);
    }

    [Fact]
    public void FaultList_Parses_AndRejectsUnknownNames()
    {
        var faults = FakeFaults.Parse("500=0.02,429=0.02,hang=0.01,reset=0.01,malformed=0.01,empty=0.01,length=0.01");
        Assert.Equal(0.02, faults.ServerError);
        Assert.Equal(0.01, faults.Length);
        Assert.Throws<FormatException>(() => FakeFaults.Parse("503=0.1"));
        Assert.Throws<FormatException>(() => FakeFaults.Parse("500=2"));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
