using Actors.Bench;
using Actors.Bench.Scenarios;

// Usage: dotnet run -c Release --project tools/Actors.Bench -- SCENARIO [--name value ...]
// Prints one JSON object per line: scenario, metric, value, baseline, ratio, unit.
// Each scenario registers itself here with the options it reads (see its file).
var scenarios = new Dictionary<string, Func<BenchArgs, Task<IReadOnlyList<BenchResult>>>>(StringComparer.Ordinal)
{
    ["streams"] = a => StreamsScenario.RunAsync(a.GetInt64("elements", 2_000_000), a.GetInt32("repeats", 5)),
    ["parquet"] = a => ParquetScenario.RunAsync(a.GetInt64("elements", 1_000_000), a.GetInt32("repeats", 5)),
    ["similarity"] = SimilarityScenario.RunAsync,
    ["inference"] = a => InferenceScenario.RunAsync(a.GetInt64("requests", 20_000), a.GetInt32("parallelism", 384)),
    ["store"] = a => StoreScenario.RunAsync(a.GetInt64("commits", 300), a.GetInt32("repeats", 3), a.GetString("postgres")),
    ["backtranslation"] = a => BacktranslationScenario.RunAsync(a.GetString("corpus"), a.GetInt64("documents", 20_000), a.GetInt32("repeats", 3)),
    ["cluster"] = ClusterScenario.RunAsync,
};

if (args.Length == 0 || !scenarios.TryGetValue(args[0], out var scenario))
{
    Console.Error.WriteLine($"usage: Actors.Bench SCENARIO [--name value ...]; scenarios: {string.Join(", ", scenarios.Keys)}");
    return 2;
}

BenchArgs options;
try
{
    options = new BenchArgs(args[1..]);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

IReadOnlyList<BenchResult> results;
try
{
    results = await scenario(options);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

var unread = options.Unread.ToList();
if (unread.Count > 0)
{
    Console.Error.WriteLine($"unknown option(s) for {args[0]}: {string.Join(", ", unread.Select(u => "--" + u))}");
    return 2;
}

foreach (var result in results)
{
    Console.WriteLine(result.ToJson());
}

return 0;
