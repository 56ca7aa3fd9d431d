namespace Actors.Pipelines.Runs;

/// <summary>
/// Where a run keeps its files: one output directory holding a folder per dataset (part files), the
/// quarantine, exports, <c>summary.json</c>, <c>metrics.json</c>, <c>run.json</c> and, with the embedded store,
/// the SQLite database. Every path a run writes is resolved here, so none can leave the output directory.
/// </summary>
public sealed class RunLayout
{
    /// <summary>Name of the file that says which run lives in the directory and where its store is.</summary>
    public const string RunFileName = "run.json";

    /// <summary>Name of the embedded store's database file.</summary>
    public const string StoreFileName = "actors.db";

    /// <summary>Uses <paramref name="outputDirectory"/> (created when missing) for a run's files.</summary>
    public RunLayout(string outputDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        Root = Path.GetFullPath(outputDirectory);
    }

    /// <summary>The output directory, absolute.</summary>
    public string Root { get; }

    /// <summary><c>run.json</c>.</summary>
    public string RunFile => Resolve(RunFileName);

    /// <summary><c>summary.json</c>.</summary>
    public string SummaryFile => Resolve("summary.json");

    /// <summary><c>metrics.json</c>, the latest metrics snapshot of the running process.</summary>
    public string MetricsFile => Resolve("metrics.json");

    /// <summary>The embedded store's database.</summary>
    public string StoreFile => Resolve(StoreFileName);

    /// <summary>The folder of a dataset, e.g. <c>candidates</c>.</summary>
    public string DatasetDirectory(string dataset) => Resolve(dataset);

    /// <summary>
    /// The absolute path of <paramref name="relativePath"/> inside the output directory.
    /// </summary>
    /// <exception cref="ArgumentException">The path is rooted or leaves the output directory.</exception>
    public string Resolve(string relativePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(relativePath);
        if (Path.IsPathRooted(relativePath))
        {
            throw new ArgumentException($"Output path \"{relativePath}\" must be relative to the output directory {Root}.", nameof(relativePath));
        }

        var full = Path.GetFullPath(Path.Combine(Root, relativePath));
        var rootWithSeparator = Root.EndsWith(Path.DirectorySeparatorChar) ? Root : Root + Path.DirectorySeparatorChar;
        if (!full.StartsWith(rootWithSeparator, StringComparison.Ordinal) && full != Root)
        {
            throw new ArgumentException($"Output path \"{relativePath}\" leaves the output directory {Root}.", nameof(relativePath));
        }

        return full;
    }

    /// <summary>
    /// Creates the output directory and checks that it is writable, with an error that says so
    /// (rather than a failure deep inside the first commit).
    /// </summary>
    /// <exception cref="IOException">The directory cannot be created or written.</exception>
    public void EnsureWritable()
    {
        try
        {
            Directory.CreateDirectory(Root);
            var probe = Path.Combine(Root, $".write-probe-{Environment.ProcessId}");
            File.WriteAllBytes(probe, [1]);
            File.Delete(probe);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new IOException($"The output directory {Root} is not writable: {e.Message}", e);
        }
    }
}
