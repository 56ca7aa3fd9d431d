namespace Actors.Hocon.Values;

/// <summary>HOCON durations: a number and a unit from ns to days; a bare number means milliseconds.</summary>
internal static class Durations
{
    public const string Help = "a duration such as 500ms, 10 s or 2 minutes (units: ns, us, ms, s, m, h, d)";

    private static readonly Dictionary<string, double> TicksPerUnit = Build();

    public static bool TryParse(string text, bool requireUnit, out TimeSpan value)
    {
        value = default;
        if (!UnitNumber.TryParse(text, requireUnit, TicksPerUnit, TimeSpan.TicksPerMillisecond, out var number, out var ticksPerUnit))
        {
            return false;
        }

        var ticks = Math.Round(number * ticksPerUnit);
        if (Math.Abs(ticks) >= TimeSpan.MaxValue.Ticks)
        {
            return false;
        }

        value = TimeSpan.FromTicks((long)ticks);
        return true;
    }

    private static Dictionary<string, double> Build()
    {
        var units = new Dictionary<string, double>(StringComparer.Ordinal);
        void Add(double ticks, params string[] names)
        {
            foreach (var name in names)
            {
                units[name] = ticks;
            }
        }

        Add(0.01, "ns", "nano", "nanos", "nanosecond", "nanoseconds");
        Add(10, "us", "micro", "micros", "microsecond", "microseconds");
        Add(TimeSpan.TicksPerMillisecond, "ms", "milli", "millis", "millisecond", "milliseconds");
        Add(TimeSpan.TicksPerSecond, "s", "second", "seconds");
        Add(TimeSpan.TicksPerMinute, "m", "minute", "minutes");
        Add(TimeSpan.TicksPerHour, "h", "hour", "hours");
        Add(TimeSpan.TicksPerDay, "d", "day", "days");
        return units;
    }
}
