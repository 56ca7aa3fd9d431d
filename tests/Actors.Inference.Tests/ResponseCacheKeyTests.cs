using FsCheck;
using FsCheck.Fluent;

namespace Actors.Inference.Tests;

public sealed class ResponseCacheKeyTests
{
    private static readonly CompletionRequest Base = new()
    {
        Id = "a", Purpose = InferencePurposes.Label, Prompt = "hello",
        Sampling = new SamplingParameters { Temperature = 0.7, TopP = 0.9, MaxTokens = 512, Stop = ["\n\n"], Seed = 3 },
    };

    [Fact]
    public void Key_IsLowerHexSha256_AndIgnoresIdPurposeAndTruncationPolicy()
    {
        var key = ResponseCacheKey.Compute("m", Base);
        Assert.Matches("^[0-9a-f]{64}$", key);
        Assert.Equal(key, ResponseCacheKey.Compute("m", Base with { Id = "b", Purpose = InferencePurposes.Score, FailOnTruncation = true }));
        Assert.Equal(key, ResponseCacheKey.Compute("m", Base with { Sampling = Base.Sampling with { Stop = ["\n\n"] } }));
    }

    [Fact]
    public void Key_ChangesWithModelPromptMessagesAndEveryParameter()
    {
        var key = ResponseCacheKey.Compute("m", Base);
        var s = Base.Sampling;
        CompletionRequest[] variants =
        [
            Base with { Prompt = "hello!" },
            Base with { Prompt = null, Messages = [new ChatMessage("user", "hello")] },
            Base with { Sampling = s with { Temperature = 0.8 } },
            Base with { Sampling = s with { TopP = 1 } },
            Base with { Sampling = s with { MaxTokens = 511 } },
            Base with { Sampling = s with { Stop = ["\n"] } },
            Base with { Sampling = s with { Stop = [] } },
            Base with { Sampling = s with { PresencePenalty = 2 } },
            Base with { Sampling = s with { FrequencyPenalty = 1 } },
            Base with { Sampling = s with { N = 2 } },
            Base with { Sampling = s with { Seed = null } },
            Base with { Sampling = s with { Logprobs = 0 } },
        ];
        var keys = variants.Select(v => ResponseCacheKey.Compute("m", v)).Append(ResponseCacheKey.Compute("other", Base)).Append(key).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Fact]
    public void FieldBoundaries_CannotBeShiftedToCollide()
    {
        // Length prefixes: moving text between messages, or between role and content, changes the key.
        var text = Gen.Elements("a", "b", "ab", " ", "\n", "é", "user").ListOf().Select(parts => string.Concat(parts)).Where(t => t.Length > 0);
        var pairs = text.SelectMany(a => text.Select(b => (A: a, B: b)));
        Prop.ForAll(pairs.ToArbitrary(), pair =>
        {
            var (a, b) = pair;
            var x = Base with { Prompt = null, Messages = [new ChatMessage("user", a + b)] };
            var y = Base with { Prompt = null, Messages = [new ChatMessage("user", a), new ChatMessage("user", b)] };
            var z = Base with { Prompt = null, Messages = [new ChatMessage("user" + a, b)] };
            return ResponseCacheKey.Compute("m", x) != ResponseCacheKey.Compute("m", y)
                && ResponseCacheKey.Compute("m", x) != ResponseCacheKey.Compute("m", z);
        }).QuickCheckThrowOnFailure();
    }
}
