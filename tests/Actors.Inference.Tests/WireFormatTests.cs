using System.Text;
using Actors.FakeLlm;
using Actors.Inference.Backends;

namespace Actors.Inference.Tests;

/// <summary>The openai backend against fake-llm, and its parser against hand-written bodies.</summary>
public sealed class WireFormatTests
{
    private static OpenAiBackend Backend(FakeLlmServer fake, string? apiKey = null, string model = TestDevices.Model) =>
        new("dev", new DeviceSettings { Endpoint = fake.BaseUrl, Model = model }, TestDevices.Settings(), apiKey, TimeProvider.System);

    private static FakeLlmOptions Echo => new()
    {
        BaseLatency = TimeSpan.Zero,
        Responders = new Dictionary<string, Func<FakeRequest, string>>
        {
            ["echo"] = r => $"{r.Prompt} | choice {r.ChoiceIndex}",
        },
    };

    [Fact]
    public async Task CompatiblePrompts_GoAsOnePromptArray_AndResultsAlignWithRequests()
    {
        await using var fake = await TestDevices.StartFakeAsync(Echo);
        await using var backend = Backend(fake);
        var batch = Enumerable.Range(0, 5).Select(i => new CompletionRequest { Id = $"{i}", Purpose = "echo", Prompt = $"p{i}" }).ToList();
        var results = await backend.CompleteBatchAsync(batch, CancellationToken.None);
        Assert.Equal(1, fake.Counters.Requests);
        Assert.Equal([5], fake.Counters.BatchSizes);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal($"p{i} | choice 0", results[i].Completion!.Text);
        }

        Assert.Equal(["echo"], fake.Counters.Purposes);
    }

    [Fact]
    public async Task NChoices_MapBackToTheirPromptByIndex()
    {
        await using var fake = await TestDevices.StartFakeAsync(Echo);
        await using var backend = Backend(fake);
        var sampling = new SamplingParameters { N = 3 };
        var batch = Enumerable.Range(0, 4).Select(i => new CompletionRequest { Id = $"{i}", Purpose = "echo", Prompt = $"p{i}", Sampling = sampling }).ToList();
        var results = await backend.CompleteBatchAsync(batch, CancellationToken.None);
        Assert.Equal(1, fake.Counters.Requests);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal([$"p{i} | choice 0", $"p{i} | choice 1", $"p{i} | choice 2"], results[i].Completion!.Choices);
        }

        // Usage is exact in total even though it is shared out per request.
        Assert.Equal(4 * 3 * 4, results.Sum(r => r.Completion!.CompletionTokens));
    }

    [Fact]
    public async Task MixedBatch_SplitsIntoOneCallPerCompatibleGroupAndOnePerChat()
    {
        await using var fake = await TestDevices.StartFakeAsync(Echo);
        await using var backend = Backend(fake);
        List<CompletionRequest> batch =
        [
            new() { Id = "a", Purpose = "echo", Prompt = "a" },
            new() { Id = "b", Purpose = "echo", Prompt = "b", Sampling = new SamplingParameters { Temperature = 0.5 } },
            new() { Id = "c", Purpose = "echo", Messages = [new ChatMessage("system", "be brief"), new ChatMessage("user", "c")] },
            new() { Id = "d", Purpose = "echo", Prompt = "d" },
        ];
        var results = await backend.CompleteBatchAsync(batch, CancellationToken.None);
        Assert.Equal(3, fake.Counters.Requests);
        Assert.Equal("a | choice 0", results[0].Completion!.Text);
        Assert.Equal("b | choice 0", results[1].Completion!.Text);
        Assert.Equal("system: be brief\nuser: c\n | choice 0", results[2].Completion!.Text);
        Assert.Equal("d | choice 0", results[3].Completion!.Text);
    }

    [Fact]
    public async Task Logprobs_AreParsedInBothShapes()
    {
        await using var fake = await TestDevices.StartFakeAsync(new FakeLlmOptions { BaseLatency = TimeSpan.Zero });
        await using var backend = Backend(fake);
        var sampling = new SamplingParameters { Logprobs = 3, MaxTokens = 6 };
        var results = await backend.CompleteBatchAsync(
        [
            new() { Id = "t", Purpose = "x", Prompt = "some prompt", Sampling = sampling },
            new() { Id = "c", Purpose = "x", Messages = [new ChatMessage("user", "hi")], Sampling = sampling },
        ], CancellationToken.None);
        foreach (var result in results)
        {
            var completion = result.Completion!;
            Assert.Equal(6, completion.Logprobs!.Count);
            Assert.Equal(completion.Text, string.Concat(completion.Logprobs.Select(t => t.Token)));
            Assert.All(completion.Logprobs, t =>
            {
                Assert.Equal(3, t.Top.Count);
                Assert.Equal(t.Token, t.Top[0].Key);
                Assert.InRange(t.Logprob, -3.1, 0);
            });
            Assert.Equal("length", completion.FinishReason);
        }
    }

    [Fact]
    public async Task ApiKey_IsSentAsBearerOnlyWhenSet()
    {
        await using var fake = await TestDevices.StartFakeAsync(new FakeLlmOptions { RequireApiKey = "sk-test" });
        await using (var withKey = Backend(fake, "sk-test"))
        {
            Assert.True((await withKey.CompleteBatchAsync([TestDevices.Prompt(1)], CancellationToken.None))[0].IsSuccess);
            Assert.True(await withKey.CheckHealthAsync(CancellationToken.None));
        }

        await using (var without = Backend(fake, apiKey: null))
        {
            var result = (await without.CompleteBatchAsync([TestDevices.Prompt(1)], CancellationToken.None))[0];
            Assert.Equal(FailureKind.ClientError, result.Failure);
            Assert.Contains("401", result.Reason, StringComparison.Ordinal);
            Assert.DoesNotContain("sk-test", result.Reason, StringComparison.Ordinal);
        }

        Assert.Equal(["Bearer sk-test", ""], fake.Counters.Authorizations.ToArray());
    }

    [Fact]
    public async Task EmptyModel_IsLearntFromTheModelsEndpoint()
    {
        await using var fake = await TestDevices.StartFakeAsync(new FakeLlmOptions { Model = "served-name" });
        await using var backend = Backend(fake, model: "");
        var result = (await backend.CompleteBatchAsync([TestDevices.Prompt(1)], CancellationToken.None))[0];
        Assert.True(result.IsSuccess, result.Reason);
        Assert.Equal("served-name", result.Completion!.Model);
        Assert.Equal("served-name", backend.Model);
    }

    [Fact]
    public async Task UnknownModel_IsAClientError()
    {
        await using var fake = await TestDevices.StartFakeAsync();
        await using var backend = Backend(fake, model: "ghost");
        var result = (await backend.CompleteBatchAsync([TestDevices.Prompt(1)], CancellationToken.None))[0];
        Assert.Equal(FailureKind.ClientError, result.Failure);
        Assert.Contains("404", result.Reason, StringComparison.Ordinal);
        Assert.Contains("ghost", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusedConnection_IsAConnectionReset()
    {
        var fake = await TestDevices.StartFakeAsync();
        var url = fake.BaseUrl;
        await fake.StopAsync();
        await using var backend = new OpenAiBackend("dev", new DeviceSettings { Endpoint = url, Model = TestDevices.Model }, TestDevices.Settings(), null, TimeProvider.System);
        var result = (await backend.CompleteBatchAsync([TestDevices.Prompt(1)], CancellationToken.None))[0];
        Assert.Equal(FailureKind.ConnectionReset, result.Failure);
        Assert.False(await backend.CheckHealthAsync(CancellationToken.None));
    }

    [Fact]
    public void Parser_AcceptsChoicesInAnyOrder_AndFlagsMissingOnes()
    {
        var body = """
            {"id":"x","object":"text_completion","model":"m","choices":[
              {"index":3,"text":"d","finish_reason":"stop","logprobs":null},
              {"index":0,"text":"a","finish_reason":"length"},
              {"index":1,"text":"b","finish_reason":null},
              {"index":2,"text":"c","finish_reason":"stop"}],
             "usage":{"prompt_tokens":10,"completion_tokens":4,"total_tokens":14}}
            """u8;
        var parsed = OpenAiWire.ParseCompletions(body, prompts: 2, n: 2);
        Assert.Equal(["a", "b"], parsed.Choices[0].Select(c => c!.Text));
        Assert.Equal(["c", "d"], parsed.Choices[1].Select(c => c!.Text));
        Assert.Equal("length", parsed.Choices[0][0]!.FinishReason);
        Assert.Equal("stop", parsed.Choices[0][1]!.FinishReason);
        Assert.Equal((10, 4, "m"), (parsed.PromptTokens, parsed.CompletionTokens, parsed.Model));

        var missing = OpenAiWire.ParseCompletions("""{"choices":[{"index":0,"text":"a"}]}"""u8, prompts: 2, n: 1);
        Assert.Null(missing.Choices[1][0]);
        Assert.Throws<FormatException>(() => OpenAiWire.ParseCompletions("""{"choices":[{"index":5,"text":"a"}]}"""u8, 2, 1));
        Assert.Throws<FormatException>(() => OpenAiWire.ParseCompletions("""{"id":"x","choices":[{"index":0,"text":"cut"""u8, 1, 1));
        Assert.Throws<FormatException>(() => OpenAiWire.ParseCompletions("""{"object":"error"}"""u8, 1, 1));
    }

    [Fact]
    public void Parser_ReadsCompletionLogprobs_WithANullFirstValue()
    {
        var body = Encoding.UTF8.GetBytes("""
            {"choices":[{"index":0,"text":"Hi there","finish_reason":"stop",
              "logprobs":{"tokens":["Hi"," there"],"token_logprobs":[null,-0.5],
                          "top_logprobs":[null,{" here":-2.0," there":-0.5}],"text_offset":[0,2]}}]}
            """);
        var token = OpenAiWire.ParseCompletions(body, 1, 1).Choices[0][0]!.Logprobs!;
        Assert.Equal(0, token[0].Logprob);
        Assert.Empty(token[0].Top);
        Assert.Equal(" there", token[1].Top[0].Key);
        Assert.Equal(-2.0, token[1].Top[1].Value);
    }

    [Fact]
    public void ChatParser_TreatsNullContentAsEmpty()
    {
        var parsed = OpenAiWire.ParseChat("""{"choices":[{"index":0,"message":{"role":"assistant","content":null},"finish_reason":"stop"}]}"""u8, 1);
        Assert.Equal("", parsed.Choices[0][0]!.Text);
    }

    [Fact]
    public void Share_SplitsATotalExactly()
    {
        Assert.Equal(10, OpenAiWire.Share(10, [1, 2, 3]).Sum());
        Assert.Equal([0, 0], OpenAiWire.Share(0, [5, 5]));
        var parts = OpenAiWire.Share(100, [0, 99]);
        Assert.True(parts[1] > parts[0]);
    }
}
