using System.Diagnostics;
using System.Globalization;

namespace Actors.Pipelines.Runs;

/// <summary>
/// Fault injection for the kill-and-resume tests: with <c>ACTORS_TEST_KILL_AFTER_PART_FILES=N</c> in the
/// environment, the process SIGKILLs itself after the part files of its N-th commit are renamed into place
/// and before the store transaction: the narrowest window of the commit protocol, which random kills
/// rarely hit. Unset (always, outside tests) it does nothing.
/// </summary>
internal static class CrashHook
{
    private static readonly long s_killAfter =
        long.TryParse(Environment.GetEnvironmentVariable("ACTORS_TEST_KILL_AFTER_PART_FILES"), NumberStyles.None, CultureInfo.InvariantCulture, out long n) ? n : 0;

    private static long s_commits;

    public static void AfterPartFiles()
    {
        if (s_killAfter > 0 && Interlocked.Increment(ref s_commits) == s_killAfter)
        {
            // Process.Kill on Unix is SIGKILL: no finally blocks, no flushes, exactly like a crash.
            Process.GetCurrentProcess().Kill();
        }
    }
}
