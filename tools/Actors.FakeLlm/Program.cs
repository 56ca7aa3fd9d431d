using System.Globalization;
using System.Runtime.InteropServices;
using Actors.FakeLlm;

// fake-llm: an OpenAI-compatible fake model server on 127.0.0.1 for tests and benchmarks.
// Usage: fake-llm [--port N] [--model NAME] [--max-concurrency N] [--base-latency-ms N] [--per-token-ms N]
//                 [--batch-slowdown X] [--tokens N] [--faults 500=0.02,429=0.02,hang=0.01,reset=0.01,malformed=0.01,empty=0.01,length=0.01]
//                 [--script FILE] [--seed N] [--api-key-env VAR] [--responders recipes|generic]
// By default the recipes' purposes (label, score, generate-instructions, classify, instances) are answered with the
// same deterministic heuristics as the offline backend, so a recipe run against the fake gives meaningful outputs.
// Prints "listening http://127.0.0.1:PORT/v1" once ready; SIGTERM or Ctrl+C stops it.
FakeLlmOptions options;
try
{
    options = Parse(args);
}
catch (Exception e) when (e is FormatException or ArgumentException or IOException or System.Text.Json.JsonException)
{
    Console.Error.WriteLine($"fake-llm: {e.Message}");
    return 2;
}

var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); });
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.TrySetResult(); });
await using var server = await FakeLlmServer.StartAsync(options, CancellationToken.None);
Console.WriteLine($"listening {server.BaseUrl}");
Console.Out.Flush();
await stop.Task;
await server.StopAsync();
Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"fake-llm: stopped after {server.Counters.Requests} requests, {server.Counters.Sequences} sequences, {server.Counters.TotalFaults} faults"));
return 0;

static FakeLlmOptions Parse(string[] args)
{
    var options = new FakeLlmOptions().WithOfflineResponders(Actors.Pipelines.Runs.RecipeResponders.Create());
    for (var i = 0; i < args.Length; i++)
    {
        var name = args[i];
        if (i + 1 >= args.Length)
        {
            throw new ArgumentException($"{name} needs a value");
        }

        var value = args[++i];
        options = name switch
        {
            "--port" => options with { Port = Int(value) },
            "--model" => options with { Model = value },
            "--max-concurrency" => options with { MaxConcurrentSequences = Int(value) },
            "--base-latency-ms" => options with { BaseLatency = TimeSpan.FromMilliseconds(Int(value)) },
            "--per-token-ms" => options with { PerTokenLatency = TimeSpan.FromMilliseconds(Double(value)) },
            "--batch-slowdown" => options with { BatchSlowdown = Double(value) },
            "--tokens" => options with { DefaultCompletionTokens = Int(value) },
            "--faults" => options with { Faults = FakeFaults.Parse(value) },
            "--script" => options with { Script = FakeScript.Load(value) },
            "--seed" => options with { Seed = Int(value) },
            "--responders" => value switch
            {
                "recipes" => options,
                "generic" => options with { Responders = new Dictionary<string, Func<FakeRequest, string>>() },
                _ => throw new ArgumentException("--responders takes recipes or generic"),
            },
            "--api-key-env" => options with { RequireApiKey = Environment.GetEnvironmentVariable(value) is { Length: > 0 } key ? key : throw new ArgumentException($"--api-key-env: {value} is not set") },
            _ => throw new ArgumentException($"unknown option {name}"),
        };
    }

    return options;
}

static int Int(string text) => int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);

static double Double(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
