using Actors.Bench;
using Actors.Bench.Scenarios;

// Usage: dotnet run -c Release --project tools/Actors.Bench -- SCENARIO [--elements N] [--repeats R]
// Prints one JSON object per line: scenario, metric, value, baseline, ratio, unit.
var scenarios = new Dictionary<string, Func<long, int, Task<IReadOnlyList<BenchResult>>>>(StringComparer.Ordinal)
{
    ["streams"] = StreamsScenario.RunAsync,
    ["parquet"] = ParquetScenario.RunAsync,
};

if (args.Length == 0 || !scenarios.TryGetValue(args[0], out var scenario))
{
    Console.Error.WriteLine($"usage: Actors.Bench SCENARIO [--elements N] [--repeats R]; scenarios: {string.Join(", ", scenarios.Keys)}");
    return 2;
}

var elements = 2_000_000L;
var repeats = 5;
for (var i = 1; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--elements" when i + 1 < args.Length:
            elements = long.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
            break;
        case "--repeats" when i + 1 < args.Length:
            repeats = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
            break;
        default:
            Console.Error.WriteLine($"unknown option {args[i]}");
            return 2;
    }
}

foreach (var result in await scenario(elements, repeats))
{
    Console.WriteLine(result.ToJson());
}

return 0;
