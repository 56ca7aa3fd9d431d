namespace Actors.Pipelines.Tests.SelfInstruct;

/// <summary>Shared data used by path (never copied into the project); tests skip cleanly when it is absent.</summary>
internal static class TestPaths
{
    /// <summary>The shared data folder, <c>../shared/data</c> next to the repository.</summary>
    public static string SharedData { get; } = Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "data"));

    public static string SeedTasks { get; } = Path.Combine(SharedData, "self_instruct_seed_tasks.jsonl");

    public static string Alpaca { get; } = Path.Combine(SharedData, "instructions", "stanford_alpaca_data.json");

    public static string GpTeacherCodegen { get; } = Path.Combine(SharedData, "instructions", "gpteacher_codegen-instruct.json");

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Actors.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Actors.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The repository's samples/self-instruct/seed_tasks.jsonl, found by walking up from the test binaries.</summary>
    public static string OurSeedTasks()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "samples", "self-instruct", "seed_tasks.jsonl");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("samples/self-instruct/seed_tasks.jsonl not found above " + AppContext.BaseDirectory);
    }

    public static IReadOnlyList<string> Instructions(string path, int limit)
    {
        using var stream = File.OpenRead(path);
        using var document = System.Text.Json.JsonDocument.Parse(stream);
        return document.RootElement.EnumerateArray().Take(limit).Select(e => e.GetProperty("instruction").GetString()!).ToList();
    }
}
