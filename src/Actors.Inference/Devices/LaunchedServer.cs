using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Actors.Inference.Devices;

/// <summary>
/// A model server a device started from its <c>launch</c> command: run by /bin/sh -c with CUDA_VISIBLE_DEVICES set to
/// the device's GPU, stdin from /dev/null, stdout and stderr appended to a log file. Stopped with SIGTERM to the
/// whole process tree, then SIGKILL after a grace period.
/// </summary>
internal sealed class LaunchedServer
{
    private const int SigTerm = 15;
    private const int SigKill = 9;
    private readonly Process _process;

    private LaunchedServer(Process process, string logPath)
    {
        _process = process;
        LogPath = logPath;
        Exited = WaitAsync(process);
    }

    public int ProcessId => _process.Id;

    public string LogPath { get; }

    /// <summary>Completes with the exit code when the process (the shell running the command) exits.</summary>
    public Task<int> Exited { get; }

    public static LaunchedServer Start(string device, string command, string? gpu, string? logPath)
    {
        var log = logPath ?? Path.Combine(Path.GetTempPath(), $"actors-{Sanitize(device)}.log");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(log))!);
        var start = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardInput = false,
            RedirectStandardOutput = false,
            RedirectStandardError = false,
        };

        // The shell redirects its own streams before running the command, so the server never writes into our
        // console and keeps running while we read nothing from it. The log path travels in the environment so no
        // quoting of the path is needed.
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec </dev/null >>\"$ACTORS_LAUNCH_LOG\" 2>&1\n" + command);
        start.Environment["ACTORS_LAUNCH_LOG"] = Path.GetFullPath(log);
        start.Environment["ACTORS_DEVICE"] = device;
        if (!string.IsNullOrEmpty(gpu))
        {
            start.Environment["CUDA_VISIBLE_DEVICES"] = gpu;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"device '{device}': /bin/sh did not start");
        return new LaunchedServer(process, log);
    }

    /// <summary>
    /// SIGTERM to the process tree; SIGKILL to what is left of it after <paramref name="grace"/>. Waits for the whole
    /// tree, not only the shell: the shell may die at once while the server it started is still shutting down.
    /// </summary>
    public async Task StopAsync(TimeSpan grace, TimeProvider time)
    {
        var tree = OperatingSystem.IsLinux() ? TreeOf(_process.Id) : [];
        foreach (var pid in tree)
        {
            _ = Kill(pid, SigTerm);
        }

        var deadline = time.GetTimestamp();
        while (time.GetElapsedTime(deadline) < grace && (!Exited.IsCompleted || tree.Exists(IsAlive)))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), time).ConfigureAwait(false);
        }

        foreach (var pid in tree.Where(IsAlive))
        {
            _ = Kill(pid, SigKill);
        }

        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        await Exited.ConfigureAwait(false);
        while (tree.Exists(IsAlive))
        {
            // SIGKILL cannot be ignored; this only waits for the kernel to finish the job.
            await Task.Delay(TimeSpan.FromMilliseconds(10), time).ConfigureAwait(false);
        }

        _process.Dispose();
    }

    /// <summary>True while the process exists and has not exited (a zombie waiting to be reaped has exited).</summary>
    private static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] is not ('Z' or 'X');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or IndexOutOfRangeException)
        {
            return false;
        }
    }

    private static async Task<int> WaitAsync(Process process)
    {
        await process.WaitForExitAsync().ConfigureAwait(false);
        return process.ExitCode;
    }

    /// <summary>The process and its descendants, parents first (read from /proc).</summary>
    private static List<int> TreeOf(int root)
    {
        var parents = new Dictionary<int, List<int>>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                // Field 4 of /proc/PID/stat is the parent; the command name before it may hold spaces and parentheses.
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var ppid = int.Parse(fields[1], CultureInfo.InvariantCulture);
                if (!parents.TryGetValue(ppid, out var children))
                {
                    parents[ppid] = children = [];
                }

                children.Add(pid);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
            {
                // The process ended while we looked, or is not ours to read.
            }
        }

        var tree = new List<int> { root };
        for (var i = 0; i < tree.Count; i++)
        {
            if (parents.TryGetValue(tree[i], out var children))
            {
                tree.AddRange(children);
            }
        }

        return tree;
    }

    private static string Sanitize(string name) =>
        string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));

    // A plain P/Invoke of blittable ints: no marshalling code is generated, so LibraryImport (which needs unsafe
    // code enabled for the whole assembly) buys nothing here.
    [DllImport("libc", EntryPoint = "kill")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int pid, int signal);
}
