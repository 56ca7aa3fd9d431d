using System.Text;

namespace Actors.Bench.Scenarios;

/// <summary>
/// Deterministic, realistic-looking instruction rows. Text is built from a small Zipf-skewed English
/// vocabulary so it compresses about as well as prose does; lengths are log-uniform between 50 and
/// 2,000 characters; a share of prompts repeats exactly (the same prompt sampled for several models)
/// and a few answers are canned refusals, as in real generated data.
/// </summary>
internal static class InstructionRowGenerator
{
    private const int MinChars = 50;
    private const int MaxChars = 2_000;

    private static readonly string[] s_words = (
        "the of and to a in is that for it as with was on be by this are or at from an which but not have " +
        "has one all can were their they more will would when there been its also into other than some these " +
        "model data value function result example list string number file system user question answer text " +
        "first second step method time process input output code error test table column row query server " +
        "request response string array class type memory performance network language translate summary " +
        "because however therefore each between should could must important simple different specific " +
        "following given using based several possible typical common better explain describe write create " +
        "return values items python query dataset training evaluation accuracy sentence paragraph story " +
        "history science market customer product price energy health water climate city country people " +
        "café naïve résumé über straße 東京 データ 模型 données").Split(' ');

    private static readonly string[] s_templates =
    [
        "Summarize the following text in three sentences.",
        "Explain the concept below to a beginner.",
        "Write a Python function that solves the task described.",
        "Translate the passage into French.",
        "Classify the sentiment of the review as positive, negative or neutral.",
        "Answer the question using only the context provided.",
        "Rewrite the paragraph so it is clearer and shorter.",
        "List the main arguments made in the text.",
        "Generate three follow-up questions about the topic.",
        "Fix the bug in the code and explain the fix.",
        "Write a SQL query that returns the requested rows.",
        "Give a step-by-step solution to the math problem.",
    ];

    private static readonly string[] s_refusals =
    [
        "I'm sorry, but I can't help with that request. If you have another question, I'm happy to help.",
        "I don't have enough information to answer this. Could you provide more context about what you need?",
        "As an AI language model, I cannot browse the internet or access real-time data, but here is what I know.",
    ];

    private static readonly string[] s_tags = ["math", "code", "reasoning", "translation", "summarization", "qa", "creative", "safety", "multilingual", "long-context"];

    private static readonly string[] s_models = ["llama-3.1-70b-instruct", "qwen2.5-72b-instruct", "mistral-large-2411", "gemma-2-27b-it", "phi-4"];

    private static readonly string[] s_runIds = ["run-2025-01-14-a", "run-2025-01-14-b", "run-2025-02-03-a", "run-2025-02-19-a", "run-2025-03-02-a", "run-2025-03-02-b"];

    public static InstructionRow[] Generate(int count, int seed = 20250314)
    {
        var random = new Random(seed);
        var text = new StringBuilder(MaxChars + 64);
        var rows = new InstructionRow[count];
        var start = new DateTimeOffset(2025, 1, 14, 8, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < count; i++)
        {
            var template = random.Next(s_templates.Length);

            // A quarter of prompts are ones already seen: the same prompt sent to another model or sampled again.
            var instruction = i > 0 && random.NextDouble() < 0.25
                ? rows[random.Next(Math.Max(0, i - 5_000), i)].Instruction
                : Text(random, text, s_templates[template] + "\n\n");
            var input = random.NextDouble() < 0.6 ? string.Empty : Text(random, text, string.Empty);
            var output = random.NextDouble() < 0.03 ? s_refusals[random.Next(s_refusals.Length)] : Text(random, text, string.Empty);
            int? score = random.NextDouble() < 0.2 ? null : 1 + random.Next(5);
            var tags = new string[random.Next(4)];
            for (var t = 0; t < tags.Length; t++)
            {
                tags[t] = s_tags[random.Next(s_tags.Length)];
            }

            rows[i] = new InstructionRow(
                instruction,
                input,
                output,
                score,
                tags,
                s_runIds[i * s_runIds.Length / count],
                random.Next(64),
                i,
                s_models[random.Next(s_models.Length)],
                $"tpl-{template:D3}-v{1 + (i % 3)}",
                start.AddMilliseconds(i * 250L + random.Next(250)));
        }

        return rows;
    }

    /// <summary>Prose of log-uniform length in [50, 2000] characters: sentences, sometimes paragraphs or a code block.</summary>
    private static string Text(Random random, StringBuilder text, string prefix)
    {
        // The prefix counts toward the length, so every text stays within [50, 2000] characters.
        var target = Math.Max(prefix.Length + 1, (int)(MinChars * Math.Pow((double)MaxChars / MinChars, random.NextDouble())));
        text.Clear().Append(prefix);
        while (text.Length < target)
        {
            var roll = random.NextDouble();
            if (roll < 0.03)
            {
                text.Append("```python\ndef f(x):\n    return [v * 2 for v in x if v > 0]\n```\n");
                continue;
            }

            if (roll < 0.1)
            {
                text.Append("\n\n");
            }

            var words = 6 + random.Next(15);
            for (var w = 0; w < words; w++)
            {
                // Squaring the uniform skews choices toward the start of the list, as word frequencies are.
                var u = random.NextDouble();
                var word = s_words[(int)(u * u * s_words.Length)];
                if (w == 0)
                {
                    text.Append(char.ToUpperInvariant(word[0])).Append(word, 1, word.Length - 1);
                }
                else
                {
                    text.Append(' ').Append(word);
                }
            }

            text.Append(random.NextDouble() < 0.15 ? "? " : ". ");
        }

        // Cutting mid-sentence is fine (real answers get truncated too); the vocabulary is all BMP, so no surrogate pair is split.
        return text.ToString(0, target);
    }
}
