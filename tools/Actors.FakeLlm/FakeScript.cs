using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Actors.FakeLlm;

/// <summary>
/// Canned responses per purpose, from a JSON file:
/// <c>{ "label": ["Write about {word}.", "..."], "score": ["Score: 5"], "*": ["..."] }</c>. A response is chosen by a
/// hash of the prompt and choice index, so it is the same for the same prompt. Templates may use {prompt_hash} (8 hex
/// digits), {choice} (the choice index), {word} (a word of the prompt chosen by the hash) and {prompt_words} (the
/// prompt's word count). "*" applies to purposes without an entry.
/// </summary>
internal sealed class FakeScript(IReadOnlyDictionary<string, IReadOnlyList<string>> responses)
{
    public static FakeScript Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"{path}: expected an object of purpose -> [responses]");
        }

        var responses = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var purpose in document.RootElement.EnumerateObject())
        {
            if (purpose.Value.ValueKind != JsonValueKind.Array || purpose.Value.GetArrayLength() == 0
                || purpose.Value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
            {
                throw new FormatException($"{path}: \"{purpose.Name}\" must be a non-empty array of strings");
            }

            responses[purpose.Name] = [.. purpose.Value.EnumerateArray().Select(v => v.GetString()!)];
        }

        return new FakeScript(responses);
    }

    public bool TryRespond(FakeRequest request, out string text)
    {
        if (!responses.TryGetValue(request.Purpose, out var options) && !responses.TryGetValue("*", out options))
        {
            text = "";
            return false;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(request.Prompt));
        var value = BitConverter.ToUInt32(hash);
        var template = options[(int)((value + (uint)request.ChoiceIndex) % (uint)options.Count)];
        var words = request.Prompt.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var word = words.Length == 0 ? "nothing" : words[(int)(value % (uint)words.Length)];
        text = template
            .Replace("{prompt_hash}", Convert.ToHexStringLower(hash, 0, 4), StringComparison.Ordinal)
            .Replace("{choice}", request.ChoiceIndex.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{word}", word, StringComparison.Ordinal)
            .Replace("{prompt_words}", words.Length.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        return true;
    }
}
