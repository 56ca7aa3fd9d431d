using System.Diagnostics;
using System.Text;

namespace Actors.EndToEnd.Tests;

/// <summary>The built CLI as a real child process: run to the end, or kill it with SIGKILL.</summary>
internal sealed class ActorsProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private ActorsProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (_stdout) { _stdout.AppendLine(e.Data); } } };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (_stderr) { _stderr.AppendLine(e.Data); } } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Stdout { get { lock (_stdout) { return _stdout.ToString(); } } }

    public string Stderr { get { lock (_stderr) { return _stderr.ToString(); } } }

    public bool HasExited => _process.HasExited;

    public int Id => _process.Id;

    public int ExitCode => _process.ExitCode;

    public static ActorsProcess Start(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "actors.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return new ActorsProcess(Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet"));
    }

    public static async Task<ActorsProcess> RunAsync(TimeSpan limit, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var process = Start(environment, args);
        await process.WaitAsync(limit);
        return process;
    }

    public async Task WaitAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"actors did not finish within {limit}:\n{Stderr}");
        }

        _process.WaitForExit();
    }

    /// <summary>SIGKILL (Process.Kill is SIGKILL on Unix): no cleanup runs in the child.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.WaitForExit();
    }

    public void Dispose() => _process.Dispose();
}
