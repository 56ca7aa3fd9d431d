using System.Text;

namespace Actors.Metrics.Snapshots;

/// <summary>
/// Builds families from series that may repeat: series with the same family name and label set are added up
/// (values; histograms bucket by bucket when their bounds agree). Families come out ordered by name and
/// series by label set, so rendering is deterministic and never emits a series twice.
/// </summary>
internal sealed class SeriesMerger
{
    private readonly Dictionary<string, FamilyBuilder> _families = new(StringComparer.Ordinal);

    /// <summary>Series left out because their family already had another type, or histogram bounds that did not agree.</summary>
    public int Conflicts { get; private set; }

    public void Add(string family, MetricType type, string help, IReadOnlyDictionary<string, string> labels, double value, HistogramData? histogram)
    {
        if (!_families.TryGetValue(family, out var builder))
        {
            builder = new FamilyBuilder(family, type, help);
            _families.Add(family, builder);
        }
        else if (builder.Type != type)
        {
            Conflicts++;
            return;
        }

        string key = LabelKey(labels);
        if (!builder.Series.TryGetValue(key, out var existing))
        {
            builder.Series.Add(key, new MetricSeries { Labels = labels, Value = value, Histogram = histogram });
            return;
        }

        builder.Series[key] = new MetricSeries
        {
            Labels = existing.Labels,
            Value = existing.Value + value,
            Histogram = Add(existing.Histogram, histogram),
        };
    }

    public IReadOnlyList<MetricFamily> Build()
    {
        var families = new List<MetricFamily>(_families.Count);
        foreach (var builder in _families.Values.OrderBy(static b => b.Name, StringComparer.Ordinal))
        {
            if (builder.Series.Count == 0)
            {
                continue;
            }

            var series = builder.Series.OrderBy(static s => s.Key, StringComparer.Ordinal).Select(static s => s.Value).ToArray();
            families.Add(new MetricFamily { Name = builder.Name, Type = builder.Type, Help = builder.Help, Series = series });
        }

        return families;
    }

    /// <summary>A string that identifies a label set regardless of the order of its entries.</summary>
    internal static string LabelKey(IReadOnlyDictionary<string, string> labels)
    {
        if (labels.Count == 0)
        {
            return "";
        }

        var builder = new StringBuilder();
        foreach (var (name, value) in labels.OrderBy(static l => l.Key, StringComparer.Ordinal))
        {
            builder.Append(name).Append('\u0001').Append(value).Append('\u0002');
        }

        return builder.ToString();
    }

    private HistogramData? Add(HistogramData? a, HistogramData? b)
    {
        var sum = HistogramData.Combine(a, b);
        if (sum is null && a is not null)
        {
            Conflicts++;
            return a;
        }

        return sum;
    }

    private sealed class FamilyBuilder(string name, MetricType type, string help)
    {
        public string Name { get; } = name;

        public MetricType Type { get; } = type;

        public string Help { get; } = help;

        public Dictionary<string, MetricSeries> Series { get; } = new(StringComparer.Ordinal);
    }
}
