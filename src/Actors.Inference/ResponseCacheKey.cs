using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Actors.Inference;

/// <summary>
/// The response-cache key: SHA-256 (lower-case hex) over a canonical encoding of the model, the prompt or chat
/// messages, and every sampling parameter.
/// </summary>
/// <remarks>
/// The request <see cref="CompletionRequest.Id"/> and <see cref="CompletionRequest.Purpose"/> are not part of the
/// key: a model's answer depends only on what it is sent, so the same prompt asked for two purposes is generated
/// once. <see cref="CompletionRequest.FailOnTruncation"/> is not part of it either (the router checks a cached
/// completion's finish reason against the request). Each field is length-prefixed, so no two different requests
/// encode alike; the leading version tag changes if the encoding ever does.
/// </remarks>
public static class ResponseCacheKey
{
    private const string Version = "actors.inference.cache.v1";

    /// <summary>Computes the key of <paramref name="request"/> served by <paramref name="model"/>.</summary>
    /// <param name="model">The model name the request is sent to.</param>
    /// <param name="request">The request.</param>
    /// <returns>64 lower-case hex characters.</returns>
    public static string Compute(string model, CompletionRequest request)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(request);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, Version);
        Append(hash, model);
        if (request.Messages is { } messages)
        {
            Append(hash, "chat");
            AppendInt(hash, messages.Count);
            foreach (var message in messages)
            {
                Append(hash, message.Role);
                Append(hash, message.Content);
            }
        }
        else
        {
            Append(hash, "prompt");
            Append(hash, request.Prompt ?? "");
        }

        var s = request.Sampling;
        Append(hash, Number(s.Temperature));
        Append(hash, Number(s.TopP));
        AppendInt(hash, s.MaxTokens);
        AppendInt(hash, s.Stop.Count);
        foreach (var stop in s.Stop)
        {
            Append(hash, stop);
        }

        Append(hash, Number(s.PresencePenalty));
        Append(hash, Number(s.FrequencyPenalty));
        AppendInt(hash, s.N);
        Append(hash, s.Seed?.ToString(CultureInfo.InvariantCulture) ?? "none");
        Append(hash, s.Logprobs?.ToString(CultureInfo.InvariantCulture) ?? "none");
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static void AppendInt(IncrementalHash hash, int value)
    {
        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(buffer, value);
        hash.AppendData(buffer);
    }

    private static void Append(IncrementalHash hash, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        AppendInt(hash, bytes.Length);
        hash.AppendData(bytes);
    }
}
