using System.Globalization;
using System.Text;

namespace Actors.Metrics.Terminal;

/// <summary>Number, rate, duration and text formatting shared by the plain and the live displays.</summary>
internal static class TextFormat
{
    /// <summary>A count or value: integers without a fraction, others with up to two decimals (invariant culture).</summary>
    public static string Number(double value)
    {
        if (!double.IsFinite(value))
        {
            return double.IsNaN(value) ? "NaN" : value > 0 ? "+Inf" : "-Inf";
        }

        return value == Math.Floor(value) && Math.Abs(value) < 1e15
            ? ((long)value).ToString(CultureInfo.InvariantCulture)
            : value.ToString(Math.Abs(value) >= 100 ? "0.#" : "0.##", CultureInfo.InvariantCulture);
    }

    /// <summary>A per-second rate, or "-" when unknown.</summary>
    public static string Rate(double? perSecond) => perSecond is { } r ? Number(Math.Round(r, r >= 100 ? 0 : 1)) + "/s" : "-";

    /// <summary>Milliseconds as "12.3 ms" or "1.2 s"; "-" when unknown.</summary>
    public static string Milliseconds(double? ms) => ms switch
    {
        null => "-",
        { } v when double.IsNaN(v) => "-",
        >= 1000 => (ms.Value / 1000).ToString("0.0#", CultureInfo.InvariantCulture) + " s",
        _ => ms.Value.ToString("0.0", CultureInfo.InvariantCulture) + " ms",
    };

    /// <summary>A fraction as a percentage ("81.8%"); "-" when unknown.</summary>
    public static string Percent(double? fraction) => fraction is { } f ? (f * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "-";

    /// <summary>Seconds as "1h02m03s", "4m05s" or "12s"; "-" when unknown.</summary>
    public static string Duration(double? seconds)
    {
        if (seconds is not { } s || !double.IsFinite(s) || s < 0)
        {
            return "-";
        }

        if (s > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            return ">100d";
        }

        var span = TimeSpan.FromSeconds(Math.Ceiling(s));
        return span.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(long)span.TotalHours}h{span.Minutes:00}m{span.Seconds:00}s")
            : span.TotalMinutes >= 1
                ? string.Create(CultureInfo.InvariantCulture, $"{span.Minutes}m{span.Seconds:00}s")
                : string.Create(CultureInfo.InvariantCulture, $"{span.Seconds}s");
    }

    /// <summary>
    /// Text from metrics or summaries made safe for a terminal or a log: control characters (ESC included)
    /// become '?', so a label value can never move the cursor or recolor the screen.
    /// </summary>
    public static string Clean(string text)
    {
        bool clean = true;
        foreach (char c in text)
        {
            if (char.IsControl(c))
            {
                clean = false;
                break;
            }
        }

        if (clean)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            builder.Append(char.IsControl(c) ? '?' : c);
        }

        return builder.ToString();
    }

    /// <summary>Clean text escaped for Spectre markup.</summary>
    public static string Markup(string text) => Spectre.Console.Markup.Escape(Clean(text));
}
