using System.Diagnostics;

namespace Actors.Bench;

/// <summary>Runs a measured body and its baseline alternately and reports the median rate of each.</summary>
internal static class Measure
{
    /// <param name="beforeEach">
    /// Optional untimed step before every timed run (deleting the previous run's output, collecting
    /// garbage), so one run's leftovers are not charged to the next.
    /// </param>
    public static async Task<(double Value, double Baseline)> MedianRatesAsync(long elements, int repeats, Func<Task<long>> body, Func<Task<long>> baseline, Action? beforeEach = null)
    {
        // Warm both paths up (JIT, tiering, thread pool) before timing anything.
        await CheckAsync(body, baseline).ConfigureAwait(false);
        await CheckAsync(body, baseline).ConfigureAwait(false);
        var bodyRates = new List<double>();
        var baselineRates = new List<double>();
        for (var i = 0; i < repeats; i++)
        {
            // Alternate so drift (heat, other load) hits both equally.
            beforeEach?.Invoke();
            baselineRates.Add(await RateAsync(elements, baseline).ConfigureAwait(false));
            beforeEach?.Invoke();
            bodyRates.Add(await RateAsync(elements, body).ConfigureAwait(false));
        }

        return (Median(bodyRates), Median(baselineRates));
    }

    private static async Task CheckAsync(Func<Task<long>> body, Func<Task<long>> baseline)
    {
        var a = await body().ConfigureAwait(false);
        var b = await baseline().ConfigureAwait(false);
        if (a != b)
        {
            throw new InvalidOperationException($"The measured graph and its baseline disagree ({a} vs {b}): they do not do the same work.");
        }
    }

    private static async Task<double> RateAsync(long elements, Func<Task<long>> run)
    {
        var started = Stopwatch.GetTimestamp();
        await run().ConfigureAwait(false);
        return elements / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
