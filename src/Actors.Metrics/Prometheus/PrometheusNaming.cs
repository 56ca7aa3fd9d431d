using System.Text;
using Actors.Metrics.Snapshots;

namespace Actors.Metrics.Prometheus;

/// <summary>
/// Maps instrument names, units and tag names to Prometheus names, following the Prometheus and OpenTelemetry
/// conventions: dots and other invalid characters become underscores, the unit becomes a suffix in base units
/// (<c>ms</c> → <c>_seconds</c> with values scaled, <c>By</c> → <c>_bytes</c>, <c>{element}</c> annotations
/// add nothing), and counters end in <c>_total</c>.
/// </summary>
internal static class PrometheusNaming
{
    /// <summary>The family name for an instrument: <c>actors.stream.stage.in</c> (counter) → <c>actors_stream_stage_in_total</c>.</summary>
    public static string FamilyName(string instrumentName, string? unit, MetricType type)
    {
        string name = SanitizeMetricName(instrumentName);
        if (type == MetricType.Counter && name.EndsWith("_total", StringComparison.Ordinal) && name.Length > "_total".Length)
        {
            name = name[..^"_total".Length];
        }

        var (suffix, _) = Unit(unit, type);
        if (suffix.Length > 0 && !name.EndsWith("_" + suffix, StringComparison.Ordinal))
        {
            name += "_" + suffix;
        }

        return type == MetricType.Counter ? name + "_total" : name;
    }

    /// <summary>
    /// The suffix for <paramref name="unit"/> and the factor that turns a measurement into that suffix's unit
    /// (0.001 for <c>ms</c> to seconds).
    /// </summary>
    public static (string Suffix, double Scale) Unit(string? unit, MetricType type)
    {
        if (string.IsNullOrWhiteSpace(unit))
        {
            return ("", 1);
        }

        unit = unit.Trim();
        if (unit == "1")
        {
            return (type == MetricType.Gauge ? "ratio" : "", 1);
        }

        int slash = unit.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            var (numerator, numeratorScale) = Simple(unit[..slash], plural: true);
            var (denominator, denominatorScale) = Simple(unit[(slash + 1)..], plural: false);
            if (denominator.Length == 0)
            {
                return (numerator, numeratorScale);
            }

            string suffix = numerator.Length == 0 ? "per_" + denominator : numerator + "_per_" + denominator;
            return (suffix, numeratorScale / denominatorScale);
        }

        return Simple(unit, plural: true);
    }

    /// <summary>Replaces characters outside <c>[a-zA-Z0-9_:]</c> with underscores; a leading digit gets an underscore before it.</summary>
    public static string SanitizeMetricName(string name) => Sanitize(name, allowColon: true);

    /// <summary>Replaces characters outside <c>[a-zA-Z0-9_]</c> with underscores; names Prometheus reserves get a <c>tag_</c> prefix.</summary>
    public static string SanitizeLabelName(string name)
    {
        string sanitized = Sanitize(name, allowColon: false);
        return sanitized is "le" or "quantile" || sanitized.StartsWith("__", StringComparison.Ordinal) ? "tag_" + sanitized : sanitized;
    }

    public static bool IsValidMetricName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || !(char.IsAsciiLetter(name[0]) || name[0] is '_' or ':'))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or ':'))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsValidLabelName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || !(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static (string Suffix, double Scale) Simple(string unit, bool plural)
    {
        // Curly-brace annotations ({element}, {token}) name what is counted, not a unit: no suffix.
        string bare = StripAnnotations(unit).Trim();
        string seconds = plural ? "seconds" : "second";
        return bare switch
        {
            "" => ("", 1),
            "s" => (seconds, 1),
            "ms" => (seconds, 1e-3),
            "us" or "μs" => (seconds, 1e-6),
            "ns" => (seconds, 1e-9),
            "min" => (plural ? "minutes" : "minute", 1),
            "h" => (plural ? "hours" : "hour", 1),
            "d" => (plural ? "days" : "day", 1),
            "By" => (plural ? "bytes" : "byte", 1),
            "KiBy" => (plural ? "bytes" : "byte", 1024),
            "MiBy" => (plural ? "bytes" : "byte", 1024 * 1024),
            "GiBy" => (plural ? "bytes" : "byte", 1024 * 1024 * 1024),
            "kBy" => (plural ? "bytes" : "byte", 1e3),
            "MBy" => (plural ? "bytes" : "byte", 1e6),
            "GBy" => (plural ? "bytes" : "byte", 1e9),
            "%" => ("percent", 1),
            "Hz" => ("hertz", 1),
            _ => (Sanitize(bare, allowColon: false).Trim('_').ToLowerInvariant(), 1),
        };
    }

    private static string StripAnnotations(string unit)
    {
        if (!unit.Contains('{', StringComparison.Ordinal))
        {
            return unit;
        }

        var builder = new StringBuilder(unit.Length);
        int depth = 0;
        foreach (char c in unit)
        {
            if (c == '{')
            {
                depth++;
            }
            else if (c == '}' && depth > 0)
            {
                depth--;
            }
            else if (depth == 0)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static string Sanitize(string name, bool allowColon)
    {
        if (name.Length == 0)
        {
            return "_";
        }

        var builder = new StringBuilder(name.Length + 1);
        if (char.IsAsciiDigit(name[0]))
        {
            builder.Append('_');
        }

        foreach (char c in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':') ? c : '_');
        }

        return builder.ToString();
    }
}
