using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Actors.Parquet.Tests;

/// <summary>
/// Runs the independent verifier (DuckDB + hyparquet + arrow-rs + structural checks) on files.
/// It is found through PARQUET_VERIFY (./test.sh and .ci/run set it), or else in the repository's
/// private install at .artifacts/parquet-verify. When it is missing, tests that need it are
/// reported as skipped with the reason, except under CI=true, where they fail.
/// </summary>
internal static class ParquetVerifier
{
    private static readonly Lazy<string?> _script = new(Locate);

    public static string? Script => _script.Value;

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why verifier tests are skipped here, or null when they run (always null under CI).</summary>
    public static string? SkipReason => Script is null && !IsCi
        ? "NOT VERIFIED: parquet-verify not found. Set PARQUET_VERIFY to the parquet-verify script (./test.sh does), or install it: mkdir -p .artifacts && cp -r ../shared/tools/parquet-verify .artifacts/ && (cd .artifacts/parquet-verify && npm ci)."
        : null;

    /// <summary>Runs <c>parquet-verify --strict --rows N</c> on the files; one result per file, in order.</summary>
    public static IReadOnlyList<VerifyResult> Run(IReadOnlyList<string> files, int rows)
    {
        string script = Script ?? throw new InvalidOperationException(
            "CI=true but parquet-verify was not found: set PARQUET_VERIFY to its script path (.ci/run installs it into .artifacts/parquet-verify).");
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in new[] { script, "--strict", "--quiet", "--rows", rows.ToString(System.Globalization.CultureInfo.InvariantCulture) }.Concat(files))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for parquet-verify.");
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode == 2)
        {
            throw new InvalidOperationException($"parquet-verify setup error (exit 2): {stderr.Result}");
        }

        var results = new List<VerifyResult>();
        VerifyResult? current = null;
        foreach (string line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var node = JsonNode.Parse(line)!.AsObject();
            int next = results.Count;
            if (next < files.Count && node["file"]?.GetValue<string>() == files[next] && node.ContainsKey("problems"))
            {
                current = new VerifyResult(files[next], node, []);
                results.Add(current);
            }
            else
            {
                current!.Rows.Add(node);
            }
        }

        if (results.Count != files.Count)
        {
            throw new InvalidOperationException($"parquet-verify printed {results.Count} summaries for {files.Count} files (exit {process.ExitCode}): {stderr.Result}");
        }

        return results;
    }

    private static string? Locate()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable("PARQUET_VERIFY");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return File.Exists(fromEnvironment) ? fromEnvironment : null;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, ".artifacts", "parquet-verify", "parquet-verify");
            if (File.Exists(candidate) && Directory.Exists(Path.Combine(dir.FullName, ".artifacts", "parquet-verify", "node_modules")))
            {
                return candidate;
            }
        }

        return null;
    }
}
