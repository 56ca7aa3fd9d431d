using System.Globalization;
using System.Text;
using Actors.Metrics.Snapshots;

namespace Actors.Metrics.Prometheus;

/// <summary>
/// Renders a snapshot in the Prometheus text exposition format 0.0.4: per family one <c>HELP</c> (when there
/// is help text) and one <c>TYPE</c> line before its samples; label values escape backslash, double quote and
/// line feed; histograms as cumulative <c>_bucket</c> lines ending in <c>le="+Inf"</c>, then <c>_sum</c> and <c>_count</c>.
/// </summary>
internal static class PrometheusTextWriter
{
    /// <summary>The content type of the format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Write(MetricsSnapshot snapshot)
    {
        var text = new StringBuilder(4096);
        foreach (var family in snapshot.Families)
        {
            if (family.Help.Length > 0)
            {
                text.Append("# HELP ").Append(family.Name).Append(' ');
                AppendEscaped(text, family.Help, escapeQuote: false);
                text.Append('\n');
            }

            text.Append("# TYPE ").Append(family.Name).Append(' ').Append(TypeName(family.Type)).Append('\n');
            foreach (var series in family.Series)
            {
                // The label text is built once per series and shared by its bucket, sum and count lines.
                string labels = LabelText(series.Labels);
                if (series.Histogram is { } histogram)
                {
                    foreach (var bucket in histogram.Buckets)
                    {
                        AppendBucket(text, family.Name, labels, FormatValue(bucket.UpperBound), bucket.CumulativeCount);
                    }

                    AppendBucket(text, family.Name, labels, "+Inf", histogram.Count);
                    AppendSample(text, family.Name, "_sum", labels, histogram.Sum);
                    AppendSample(text, family.Name, "_count", labels, histogram.Count);
                }
                else
                {
                    AppendSample(text, family.Name, "", labels, series.Value);
                }
            }
        }

        return text.ToString();
    }

    /// <summary>A sample value as Prometheus writes it: <c>+Inf</c>, <c>-Inf</c>, <c>NaN</c> or the shortest round-trip decimal.</summary>
    public static string FormatValue(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf"
        : double.IsNegativeInfinity(value) ? "-Inf"
        : double.IsNaN(value) ? "NaN"
        : value.ToString("R", CultureInfo.InvariantCulture);

    private static string TypeName(MetricType type) => type switch
    {
        MetricType.Counter => "counter",
        MetricType.Gauge => "gauge",
        MetricType.Histogram => "histogram",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown metric type."),
    };

    /// <summary>The labels as <c>a="x",b="y"</c> (sorted by name, values escaped), without braces; empty for none.</summary>
    private static string LabelText(IReadOnlyDictionary<string, string> labels)
    {
        if (labels.Count == 0)
        {
            return "";
        }

        var text = new StringBuilder();
        foreach (var (name, value) in labels.OrderBy(static l => l.Key, StringComparer.Ordinal))
        {
            if (text.Length > 0)
            {
                text.Append(',');
            }

            text.Append(name).Append("=\"");
            AppendEscaped(text, value, escapeQuote: true);
            text.Append('"');
        }

        return text.ToString();
    }

    private static void AppendSample(StringBuilder text, string family, string suffix, string labels, double value)
    {
        text.Append(family).Append(suffix);
        if (labels.Length > 0)
        {
            text.Append('{').Append(labels).Append('}');
        }

        text.Append(' ').Append(FormatValue(value)).Append('\n');
    }

    private static void AppendBucket(StringBuilder text, string family, string labels, string le, long count)
    {
        text.Append(family).Append("_bucket{");
        if (labels.Length > 0)
        {
            text.Append(labels).Append(',');
        }

        text.Append("le=\"").Append(le).Append("\"} ").Append(count.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }

    private static void AppendEscaped(StringBuilder text, string value, bool escapeQuote)
    {
        foreach (char c in value)
        {
            switch (c)
            {
                case '\\':
                    text.Append("\\\\");
                    break;
                case '\n':
                    text.Append("\\n");
                    break;
                case '"' when escapeQuote:
                    text.Append("\\\"");
                    break;
                default:
                    text.Append(c);
                    break;
            }
        }
    }
}
