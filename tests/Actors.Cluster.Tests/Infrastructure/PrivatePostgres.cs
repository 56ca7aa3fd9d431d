using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Actors.Cluster.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL server of the test's own (tools/scripts/pg-start.sh), for tests that restart the server and so
/// must not share it with anyone.
/// </summary>
public sealed partial class PrivatePostgres : IAsyncDisposable
{
    private PrivatePostgres(string scripts, string directory, string connection)
    {
        Scripts = scripts;
        Directory = directory;
        ConnectionString = connection;
    }

    public string ConnectionString { get; }

    private string Scripts { get; }

    private string Directory { get; }

    public static async Task<PrivatePostgres> StartAsync()
    {
        var scripts = FindScripts();
        var output = await RunAsync("bash", [Path.Combine(scripts, "pg-start.sh")]);
        var directory = DirectoryPattern().Match(output).Groups[1].Value;
        var connection = ConnectionPattern().Match(output).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(directory) || string.IsNullOrEmpty(connection), $"pg-start.sh printed no server: {output}");
        return new PrivatePostgres(scripts, directory, connection);
    }

    /// <summary>Restarts the server (fast shutdown: every connection is terminated), waiting until it accepts connections again.</summary>
    public Task RestartAsync()
    {
        var pgCtl = Path.Combine(System.IO.Directory.GetDirectories("/usr/lib/postgresql").Order().Last(), "bin", "pg_ctl");
        string[] arguments = [pgCtl, "-D", Path.Combine(Directory, "data"), "-l", Path.Combine(Directory, "server.log"), "-m", "fast", "-w", "restart"];
        return Environment.UserName == "root" ? RunAsync("runuser", ["-u", "postgres", "--", .. arguments]) : RunAsync(arguments[0], arguments[1..]);
    }

    public async ValueTask DisposeAsync() => await RunAsync("bash", [Path.Combine(Scripts, "pg-stop.sh"), Directory]);

    private static string FindScripts()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var scripts = Path.Combine(directory.FullName, "tools", "scripts");
            if (File.Exists(Path.Combine(scripts, "pg-start.sh")))
            {
                return scripts;
            }
        }

        throw new InvalidOperationException("tools/scripts/pg-start.sh not found above the test assembly.");
    }

    private static async Task<string> RunAsync(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await stderr}");
        return await stdout;
    }

    [GeneratedRegex(@"PGTEST_DIR=(\S+)")]
    private static partial Regex DirectoryPattern();

    [GeneratedRegex(@"PGTEST_CONN='([^']+)'")]
    private static partial Regex ConnectionPattern();
}
