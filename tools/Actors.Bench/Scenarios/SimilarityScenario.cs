using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Actors.Pipelines.Filters;
using Actors.Pipelines.SelfInstruct;

namespace Actors.Bench.Scenarios;

/// <summary>
/// The Self-Instruct similarity gate (ROUGE-L F &gt; 0.7 rejects) over a candidate file, in file order, after
/// the seed instructions. Options: <c>--seeds FILE</c> (Self-Instruct seed JSONL), <c>--candidates FILE</c>
/// (JSONL or a JSON array of objects), <c>--field NAME</c> (default instruction), <c>--limit N</c>,
/// <c>--accepted-out FILE</c> (0-based indices of accepted candidates, one per line), <c>--baseline-limit N</c>
/// (default 2000; 0 skips the baseline).
/// </summary>
/// <remarks>
/// <c>seconds</c> is the gate alone (tokenizing included; process start-up and file loading excluded). Its
/// baseline is the same gate with pruning disabled (every pair through the bit-parallel LCS, same threads),
/// which is too slow to run on the whole stream: it is timed on the first <c>--baseline-limit</c> candidates
/// and scaled by the number of candidate/pool comparisons of the full run, so it is an estimate. The
/// measured prefix comparison is printed as <c>prefix_ms</c>; the two gates' decisions on it must agree.
/// </remarks>
internal static class SimilarityScenario
{
    private const int BatchSize = 2048;

    public static Task<IReadOnlyList<BenchResult>> RunAsync(BenchArgs args)
    {
        var seedsPath = args.GetRequiredString("seeds");
        var candidatesPath = args.GetRequiredString("candidates");
        var field = args.GetString("field") ?? "instruction";
        var limit = args.GetInt32("limit", int.MaxValue);
        var acceptedOut = args.GetString("accepted-out");
        var baselineLimit = args.GetInt32("baseline-limit", 2000);

        var seeds = SeedTaskReader.Load(seedsPath).Select(s => s.Instruction).ToList();
        var candidates = ReadCandidates(candidatesPath, field, limit);

        var (accepted, seconds) = RunGate(seeds, candidates, new SimilarityGateOptions());
        if (acceptedOut is not null)
        {
            File.WriteAllLines(acceptedOut, accepted.Select((a, i) => (a, i)).Where(x => x.a).Select(x => x.i.ToString(CultureInfo.InvariantCulture)));
        }

        var acceptedCount = accepted.Count(a => a);
        var results = new List<BenchResult>
        {
            new("similarity", "candidates", candidates.Count, candidates.Count, "count"),
            new("similarity", "accepted", acceptedCount, candidates.Count, "count"),
        };

        var prefix = Math.Min(baselineLimit, candidates.Count);
        if (prefix > 0)
        {
            var head = candidates.Take(prefix).ToList();
            var (pruned, prunedSeconds) = RunGate(seeds, head, new SimilarityGateOptions());
            var (unpruned, unprunedSeconds) = RunGate(seeds, head, new SimilarityGateOptions { Pruning = false });
            if (!pruned.SequenceEqual(unpruned) || !pruned.SequenceEqual(accepted.Take(prefix)))
            {
                throw new InvalidOperationException("The pruned gate and the unpruned baseline disagree on the prefix: a pruning bound is wrong.");
            }

            var estimate = unprunedSeconds * Comparisons(seeds.Count, accepted) / Comparisons(seeds.Count, unpruned);
            results.Add(new("similarity", "seconds", seconds, estimate, "s"));
            results.Add(new("similarity", "prefix_ms", prunedSeconds * 1000, unprunedSeconds * 1000, "ms"));
        }
        else
        {
            results.Add(new("similarity", "seconds", seconds, seconds, "s"));
        }

        return Task.FromResult<IReadOnlyList<BenchResult>>(results);
    }

    private static (bool[] Accepted, double Seconds) RunGate(IReadOnlyList<string> seeds, IReadOnlyList<string> candidates, SimilarityGateOptions options)
    {
        var gate = new SimilarityGate(options);
        gate.AddToPool(seeds);
        var accepted = new bool[candidates.Count];
        var started = Stopwatch.GetTimestamp();
        for (var start = 0; start < candidates.Count; start += BatchSize)
        {
            var batch = candidates.Skip(start).Take(BatchSize).ToList();
            var decisions = gate.EvaluateBatch(batch);
            for (var i = 0; i < decisions.Count; i++)
            {
                accepted[start + i] = decisions[i].Accepted;
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var (overlaps, lcsRuns) = gate.Statistics();
        Console.Error.WriteLine($"gate ({(options.Pruning ? "pruned" : "unpruned")}): {candidates.Count} candidates, {elapsed:F2} s, overlap checks {overlaps}, LCS runs {lcsRuns}");
        return (accepted, elapsed);
    }

    // Candidate/pool pairs the reference compares: each candidate against the seeds and every earlier acceptance.
    private static double Comparisons(int seeds, IReadOnlyList<bool> accepted)
    {
        double pairs = 0;
        var pool = seeds;
        foreach (var a in accepted)
        {
            pairs += pool;
            pool += a ? 1 : 0;
        }

        return pairs;
    }

    private static List<string> ReadCandidates(string path, string field, int limit)
    {
        using var stream = File.OpenRead(path);
        var first = -1;
        while ((first = stream.ReadByte()) is ' ' or '\t' or '\r' or '\n' or 0xEF or 0xBB or 0xBF)
        {
        }

        stream.Position = 0;
        var candidates = new List<string>();
        if (first == '[')
        {
            using var document = JsonDocument.Parse(stream);
            var index = 0;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                if (candidates.Count >= limit)
                {
                    break;
                }

                candidates.Add(Field(element, field, $"{path}: element {index++}"));
            }

            return candidates;
        }

        using var reader = new StreamReader(stream);
        var line = 0;
        while (candidates.Count < limit && reader.ReadLine() is { } text)
        {
            line++;
            if (!string.IsNullOrWhiteSpace(text))
            {
                using var document = JsonDocument.Parse(text);
                candidates.Add(Field(document.RootElement, field, $"{path}:{line}"));
            }
        }

        return candidates;
    }

    private static string Field(JsonElement element, string field, string where) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new ArgumentException($"{where}: expected an object with a string \"{field}\" field");
}
