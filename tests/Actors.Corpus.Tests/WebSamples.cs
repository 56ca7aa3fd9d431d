namespace Actors.Corpus.Tests;

/// <summary>
/// The real web samples in shared/data/web (see its SOURCES.md): found through ACTORS_WEB_SAMPLES, or next to the
/// repository at ../shared/data/web. Never copied into the project.
/// </summary>
internal static class WebSamples
{
    private static readonly Lazy<string?> s_directory = new(Locate);

    public static string? Directory => s_directory.Value;

    public static string? SkipReason => Directory is null
        ? "SKIPPED: web samples not found; set ACTORS_WEB_SAMPLES to the shared/data/web directory (it is expected at ../shared/data/web next to the repository)."
        : null;

    public static string File(string name) => System.IO.Path.Combine(Directory!, name);

    private static string? Locate()
    {
        if (Environment.GetEnvironmentVariable("ACTORS_WEB_SAMPLES") is { Length: > 0 } configured)
        {
            return System.IO.Directory.Exists(configured) ? configured : null;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "Actors.sln")))
            {
                var candidate = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", "data", "web"));
                return System.IO.File.Exists(System.IO.Path.Combine(candidate, "openwebtext_1000.jsonl")) ? candidate : null;
            }
        }

        return null;
    }
}
