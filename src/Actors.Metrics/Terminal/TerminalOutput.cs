using Spectre.Console;

namespace Actors.Metrics.Terminal;

/// <summary>
/// Where progress, dashboards and summaries go, and whether that is a terminal. Interactive output uses
/// Spectre.Console (progress bars, live tables); anything else gets plain lines with no control codes, because
/// Spectre's live displays either print nothing, repeat themselves or crash when stdout is redirected.
/// </summary>
public sealed class TerminalOutput
{
    private TerminalOutput(IAnsiConsole? console, TextWriter writer, TextWriter error)
    {
        Console = console;
        Out = writer;
        Error = error;
    }

    /// <summary>Whether the output is a terminal that can take live displays.</summary>
    public bool IsInteractive => Console is not null;

    /// <summary>The Spectre console for live displays; null when not interactive.</summary>
    public IAnsiConsole? Console { get; }

    /// <summary>Where plain lines and JSON go (stdout for the process).</summary>
    public TextWriter Out { get; }

    /// <summary>Where errors go (stderr for the process).</summary>
    public TextWriter Error { get; }

    /// <summary>
    /// The process's own console: interactive when stdout is a terminal that Spectre finds interactive and
    /// ANSI-capable and <c>TERM</c> is not <c>dumb</c>; otherwise plain stdout.
    /// </summary>
    public static TerminalOutput Detect()
    {
        bool terminal = !System.Console.IsOutputRedirected
            && !string.Equals(Environment.GetEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal)
            && AnsiConsole.Profile.Capabilities.Interactive
            && AnsiConsole.Profile.Capabilities.Ansi;
        return terminal
            ? new TerminalOutput(AnsiConsole.Console, System.Console.Out, System.Console.Error)
            : new TerminalOutput(null, System.Console.Out, System.Console.Error);
    }

    /// <summary>Plain lines to <paramref name="writer"/> (a log, a pipe, a test).</summary>
    public static TerminalOutput Plain(TextWriter writer, TextWriter? error = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        return new TerminalOutput(null, writer, error ?? writer);
    }

    /// <summary>Live displays on <paramref name="console"/>; <paramref name="writer"/> takes JSON and plain text.</summary>
    public static TerminalOutput Interactive(IAnsiConsole console, TextWriter writer, TextWriter? error = null)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(writer);
        return new TerminalOutput(console, writer, error ?? writer);
    }
}
