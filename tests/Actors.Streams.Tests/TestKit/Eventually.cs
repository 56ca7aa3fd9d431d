namespace Actors.Streams.Tests.TestKit;

/// <summary>
/// Waits for a condition that another thread will make true. The bound is a safety net against a hung
/// test, not an assertion on speed: conditions are expected to hold almost at once.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(15);

    public static async Task TrueAsync(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(Limit);
        while (!condition())
        {
            if (timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"Still not true after {Limit.TotalSeconds} s: {what}");
            }

            await Task.Delay(1, CancellationToken.None);
        }
    }

    /// <summary>Awaits a task with the safety bound.</summary>
    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(Limit);

    /// <summary>Awaits a task with the safety bound.</summary>
    public static Task Within(this Task task) => task.WaitAsync(Limit);
}
