using System.Globalization;
using System.Text;
using Actors.Metrics.Snapshots;

namespace Actors.Metrics.Prometheus;

/// <summary>
/// Reads the Prometheus text exposition format (0.0.4). Strict mode, used to check our own endpoint, also
/// enforces what a well-behaved exporter must do: valid metric and label names, only the escapes
/// <c>\\</c>, <c>\"</c> and <c>\n</c>, one <c>TYPE</c> per family placed before its samples, samples of a
/// family kept together, no duplicate series, counters named <c>*_total</c> with non-negative values, and
/// histograms whose buckets have increasing bounds and cumulative (non-decreasing) counts and end in
/// <c>le="+Inf"</c> equal to <c>_count</c>, with <c>_sum</c> present. Lenient mode (for scraping other
/// exporters) reads what it can: families without <c>TYPE</c> become gauges and summaries are skipped.
/// </summary>
public static class PrometheusTextParser
{
    private static readonly string[] HistogramSuffixes = ["_bucket", "_sum", "_count"];

    /// <summary>Parses <paramref name="text"/> into a snapshot stamped with <paramref name="time"/>.</summary>
    /// <param name="text">The exposition text.</param>
    /// <param name="time">The time to stamp on the snapshot (when the text was scraped).</param>
    /// <param name="strict">Whether to enforce the rules listed on the type; any violation then yields no snapshot.</param>
    /// <param name="node">The node name to put on the snapshot.</param>
    public static PrometheusParseResult Parse(string text, DateTimeOffset time, bool strict = true, string node = "")
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new Parser(strict);
        parser.Run(text);
        var errors = parser.Errors;
        bool usable = !strict || errors.Count == 0;
        var snapshot = usable ? new MetricsSnapshot { Time = time, Node = node, Families = parser.BuildFamilies() } : null;
        return new PrometheusParseResult(snapshot, errors);
    }

    private sealed class Parser(bool strict)
    {
        private readonly Dictionary<string, FamilyState> _families = new(StringComparer.Ordinal);
        private readonly HashSet<string> _closed = new(StringComparer.Ordinal);
        private readonly HashSet<string> _seenSeries = new(StringComparer.Ordinal);
        private readonly List<PrometheusParseError> _errors = [];
        private string? _current;
        private int _line;

        public List<PrometheusParseError> Errors => _errors;

        public void Run(string text)
        {
            if (strict && text.Length > 0 && text[^1] != '\n')
            {
                _errors.Add(new PrometheusParseError(0, "the text does not end with a line feed"));
            }

            var lines = text.Split('\n');
            int count = text.EndsWith('\n') ? lines.Length - 1 : lines.Length;
            for (int i = 0; i < count; i++)
            {
                _line = i + 1;
                string line = lines[i];
                if (line.EndsWith('\r'))
                {
                    Error("line ends with a carriage return; the format uses line feeds only");
                    line = line[..^1];
                }

                if (line.Trim().Length == 0)
                {
                    continue;
                }

                if (line.StartsWith('#'))
                {
                    Comment(line);
                }
                else
                {
                    Sample(line);
                }
            }

            _line = 0;
            if (strict)
            {
                CheckHistograms();
            }
        }

        public IReadOnlyList<MetricFamily> BuildFamilies()
        {
            var merger = new SeriesMerger();
            foreach (var family in _families.Values)
            {
                switch (family.Type)
                {
                    case "counter":
                    case "gauge":
                    case "untyped":
                        var type = family.Type == "counter" ? MetricType.Counter : MetricType.Gauge;
                        foreach (var (labels, value) in family.Samples)
                        {
                            merger.Add(family.Name, type, family.Help ?? "", labels, value, null);
                        }

                        break;
                    case "histogram":
                        foreach (var series in family.Histograms.Values)
                        {
                            if (series.ToData() is { } data)
                            {
                                merger.Add(family.Name, MetricType.Histogram, family.Help ?? "", series.Labels, 0, data);
                            }
                        }

                        break;
                }
            }

            return merger.Build();
        }

        private void Comment(string line)
        {
            bool help = line.StartsWith("# HELP ", StringComparison.Ordinal);
            if (!help && !line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                return; // A plain comment.
            }

            string rest = line[7..];
            int space = rest.IndexOf(' ', StringComparison.Ordinal);
            string name = space < 0 ? rest : rest[..space];
            string argument = space < 0 ? "" : rest[(space + 1)..];
            if (!PrometheusNaming.IsValidMetricName(name))
            {
                Error($"'{name}' is not a valid metric name");
                return;
            }

            var family = GetOrAddFamily(name);
            Enter(name);
            if (help)
            {
                if (family.Help is not null)
                {
                    Error($"second HELP line for {name}");
                }

                family.Help = UnescapeHelp(argument);
                return;
            }

            string type = argument.Trim();
            if (type is not ("counter" or "gauge" or "histogram" or "summary" or "untyped"))
            {
                Error($"unknown type '{type}' for {name}");
                return;
            }

            if (family.TypeLine > 0)
            {
                Error($"second TYPE line for {name} (first on line {family.TypeLine})");
                return;
            }

            if (family.SampleCount > 0)
            {
                Error($"TYPE line for {name} comes after its samples");
            }

            family.Type = type;
            family.TypeLine = _line;
        }

        private void Sample(string line)
        {
            int position = 0;
            string name = ReadName(line, ref position, metric: true);
            if (name.Length == 0)
            {
                Error($"expected a metric name at column {position + 1}");
                return;
            }

            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            int afterName = position;
            SkipBlanks(line, ref position);
            bool separated = position > afterName;
            if (position < line.Length && line[position] == '{')
            {
                position++;
                if (!ReadLabels(line, ref position, labels))
                {
                    return;
                }

                separated = position < line.Length && line[position] is ' ' or '\t';
            }

            if (!separated || position >= line.Length)
            {
                Error($"expected a blank and a value after {name}");
                return;
            }

            SkipBlanks(line, ref position);
            string valueText = ReadToken(line, ref position);
            if (!TryParseValue(valueText, out double value))
            {
                Error($"'{valueText}' is not a sample value");
                return;
            }

            SkipBlanks(line, ref position);
            if (position < line.Length)
            {
                string timestamp = ReadToken(line, ref position);
                if (!long.TryParse(timestamp, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                {
                    Error($"'{timestamp}' is not a timestamp in milliseconds");
                }

                SkipBlanks(line, ref position);
                if (position < line.Length)
                {
                    Error("unexpected text after the timestamp");
                }
            }

            var family = Resolve(name);
            if (family is null)
            {
                return;
            }

            Enter(family.Name);
            family.SampleCount++;
            if (!_seenSeries.Add(name + "\u0000" + SeriesMerger.LabelKey(labels)))
            {
                Error($"duplicate series {name}{{{string.Join(",", labels.Select(static l => $"{l.Key}=\"{l.Value}\""))}}}");
                return;
            }

            Accept(family, name, labels, value);
        }

        private FamilyState? Resolve(string sampleName)
        {
            if (_families.TryGetValue(sampleName, out var exact) && exact.Type is not ("histogram" or "summary"))
            {
                if (strict && exact.TypeLine == 0)
                {
                    Error($"sample {sampleName} has no TYPE line before it");
                    return null;
                }

                return exact;
            }

            foreach (string suffix in HistogramSuffixes)
            {
                if (sampleName.EndsWith(suffix, StringComparison.Ordinal)
                    && _families.TryGetValue(sampleName[..^suffix.Length], out var parent)
                    && (parent.Type == "histogram" || (parent.Type == "summary" && suffix != "_bucket")))
                {
                    return parent;
                }
            }

            if (exact is not null)
            {
                // A histogram or summary family's own name carries no samples in this format.
                Error($"sample {sampleName} of {exact.Type} {sampleName} needs a _bucket, _sum or _count suffix");
                return null;
            }

            if (strict)
            {
                Error($"sample {sampleName} has no TYPE line before it");
                return null;
            }

            var untyped = GetOrAddFamily(sampleName);
            untyped.Type = "untyped";
            return untyped;
        }

        private void Accept(FamilyState family, string sampleName, Dictionary<string, string> labels, double value)
        {
            switch (family.Type)
            {
                case "counter":
                    if (strict && !family.Name.EndsWith("_total", StringComparison.Ordinal))
                    {
                        Error($"counter {family.Name} does not end with _total");
                    }

                    if (strict && (double.IsNaN(value) || value < 0))
                    {
                        Error($"counter {sampleName} has value {PrometheusTextWriter.FormatValue(value)}; counters are never negative or NaN");
                    }

                    family.Samples.Add((labels, value));
                    break;
                case "histogram":
                    AcceptHistogram(family, sampleName, labels, value);
                    break;
                case "summary":
                    break; // Not produced by us and not shown; structure was checked by Resolve.
                default:
                    family.Samples.Add((labels, value));
                    break;
            }
        }

        private void AcceptHistogram(FamilyState family, string sampleName, Dictionary<string, string> labels, double value)
        {
            string suffix = sampleName[family.Name.Length..];
            labels.Remove("le", out string? le);
            if ((suffix == "_bucket") != (le is not null))
            {
                Error(suffix == "_bucket" ? $"{sampleName} has no le label" : $"{sampleName} must not have an le label");
                return;
            }

            string key = SeriesMerger.LabelKey(labels);
            if (!family.Histograms.TryGetValue(key, out var series))
            {
                series = new HistogramState(labels, _line);
                family.Histograms.Add(key, series);
            }

            if (suffix == "_sum")
            {
                series.Sum = value;
                return;
            }

            if (strict && (double.IsNaN(value) || value < 0 || value != Math.Floor(value)))
            {
                Error($"{sampleName} has count {PrometheusTextWriter.FormatValue(value)}; counts are non-negative integers");
            }

            if (suffix == "_count")
            {
                series.Count = value;
                return;
            }

            if (!TryParseValue(le!, out double bound) || double.IsNaN(bound))
            {
                Error($"le=\"{le}\" of {sampleName} is not a number");
                return;
            }

            series.Buckets.Add((bound, value, _line));
        }

        private void CheckHistograms()
        {
            foreach (var family in _families.Values.Where(static f => f.Type == "histogram"))
            {
                foreach (var series in family.Histograms.Values)
                {
                    string where = $"histogram {family.Name} (series on line {series.FirstLine})";
                    double previousBound = double.NegativeInfinity;
                    double previousCount = 0;
                    foreach (var (bound, count, line) in series.Buckets)
                    {
                        if (!(bound > previousBound))
                        {
                            _errors.Add(new PrometheusParseError(line, $"{where}: bucket le={PrometheusTextWriter.FormatValue(bound)} does not come after le={PrometheusTextWriter.FormatValue(previousBound)}"));
                        }

                        if (count < previousCount)
                        {
                            _errors.Add(new PrometheusParseError(line, $"{where}: bucket counts are not cumulative ({PrometheusTextWriter.FormatValue(count)} after {PrometheusTextWriter.FormatValue(previousCount)})"));
                        }

                        previousBound = bound;
                        previousCount = count;
                    }

                    if (!double.IsPositiveInfinity(previousBound))
                    {
                        _errors.Add(new PrometheusParseError(series.FirstLine, $"{where}: the last bucket is not le=\"+Inf\""));
                    }
                    else if (series.Count is not { } total)
                    {
                        _errors.Add(new PrometheusParseError(series.FirstLine, $"{where}: _count is missing"));
                    }
                    else if (total != previousCount)
                    {
                        _errors.Add(new PrometheusParseError(series.FirstLine, $"{where}: le=\"+Inf\" bucket is {PrometheusTextWriter.FormatValue(previousCount)} but _count is {PrometheusTextWriter.FormatValue(total)}"));
                    }

                    if (series.Sum is null)
                    {
                        _errors.Add(new PrometheusParseError(series.FirstLine, $"{where}: _sum is missing"));
                    }
                }
            }
        }

        private bool ReadLabels(string line, ref int position, Dictionary<string, string> labels)
        {
            while (true)
            {
                SkipBlanks(line, ref position);
                if (position >= line.Length)
                {
                    Error("unterminated label set");
                    return false;
                }

                if (line[position] == '}')
                {
                    position++;
                    return true;
                }

                int start = position;
                string label = ReadName(line, ref position, metric: false);
                if (label.Length == 0)
                {
                    Error($"expected a label name at column {start + 1}");
                    return false;
                }

                if (label.StartsWith("__", StringComparison.Ordinal))
                {
                    Error($"label name {label} is reserved (names starting with __ are internal to Prometheus)");
                }

                SkipBlanks(line, ref position);
                if (position >= line.Length || line[position] != '=')
                {
                    Error($"expected '=' after label {label}");
                    return false;
                }

                position++;
                SkipBlanks(line, ref position);
                if (position >= line.Length || line[position] != '"')
                {
                    Error($"expected '\"' to open the value of label {label}");
                    return false;
                }

                position++;
                if (ReadQuoted(line, ref position, label) is not { } value)
                {
                    return false;
                }

                if (!labels.TryAdd(label, value))
                {
                    Error($"label {label} appears twice in one sample");
                }

                SkipBlanks(line, ref position);
                if (position < line.Length && line[position] == ',')
                {
                    position++;
                }
                else if (position >= line.Length || line[position] != '}')
                {
                    Error($"expected ',' or '}}' after the value of label {label}");
                    return false;
                }
            }
        }

        private string? ReadQuoted(string line, ref int position, string label)
        {
            var value = new StringBuilder();
            while (position < line.Length)
            {
                char c = line[position++];
                if (c == '"')
                {
                    return value.ToString();
                }

                if (c != '\\')
                {
                    value.Append(c);
                    continue;
                }

                if (position >= line.Length)
                {
                    break;
                }

                char escaped = line[position++];
                switch (escaped)
                {
                    case '\\':
                        value.Append('\\');
                        break;
                    case '"':
                        value.Append('"');
                        break;
                    case 'n':
                        value.Append('\n');
                        break;
                    default:
                        if (strict)
                        {
                            Error($"invalid escape \\{escaped} in the value of label {label}; only \\\\, \\\" and \\n are allowed");
                        }

                        value.Append('\\').Append(escaped);
                        break;
                }
            }

            Error($"unterminated value of label {label}");
            return null;
        }

        private string UnescapeHelp(string text)
        {
            var help = new StringBuilder(text.Length);
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c != '\\')
                {
                    help.Append(c);
                    continue;
                }

                char next = i + 1 < text.Length ? text[++i] : '\0';
                if (next == '\\')
                {
                    help.Append('\\');
                }
                else if (next == 'n')
                {
                    help.Append('\n');
                }
                else
                {
                    if (strict)
                    {
                        Error("invalid escape in HELP text; only \\\\ and \\n are allowed");
                    }

                    help.Append('\\');
                    if (next != '\0')
                    {
                        help.Append(next);
                    }
                }
            }

            return help.ToString();
        }

        private static string ReadName(string line, ref int position, bool metric)
        {
            int start = position;
            while (position < line.Length)
            {
                char c = line[position];
                bool ok = char.IsAsciiLetter(c) || c == '_' || (metric && c == ':') || (position > start && char.IsAsciiDigit(c));
                if (!ok)
                {
                    break;
                }

                position++;
            }

            return line[start..position];
        }

        private static string ReadToken(string line, ref int position)
        {
            int start = position;
            while (position < line.Length && line[position] is not (' ' or '\t'))
            {
                position++;
            }

            return line[start..position];
        }

        private static void SkipBlanks(string line, ref int position)
        {
            while (position < line.Length && line[position] is ' ' or '\t')
            {
                position++;
            }
        }

        private static bool TryParseValue(string text, out double value)
        {
            switch (text)
            {
                case "+Inf":
                case "Inf":
                    value = double.PositiveInfinity;
                    return true;
                case "-Inf":
                    value = double.NegativeInfinity;
                    return true;
                case "NaN":
                    value = double.NaN;
                    return true;
            }

            // Only decimal notation: the culture's "Infinity" or "∞" spellings are not part of the format.
            foreach (char c in text)
            {
                if (!(char.IsAsciiDigit(c) || c is '.' or 'e' or 'E' or '+' or '-'))
                {
                    value = 0;
                    return false;
                }
            }

            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }

        private FamilyState GetOrAddFamily(string name)
        {
            if (!_families.TryGetValue(name, out var family))
            {
                family = new FamilyState(name);
                _families.Add(name, family);
            }

            return family;
        }

        /// <summary>Moves to family <paramref name="name"/>; a family left earlier must not come back.</summary>
        private void Enter(string name)
        {
            if (_current == name)
            {
                return;
            }

            if (_closed.Contains(name))
            {
                Error($"lines of family {name} are not together: it appeared before another family");
            }

            if (_current is not null)
            {
                _closed.Add(_current);
            }

            _current = name;
        }

        private void Error(string message) => _errors.Add(new PrometheusParseError(_line, message));
    }

    private sealed class FamilyState(string name)
    {
        public string Name { get; } = name;

        public string? Help { get; set; }

        public string Type { get; set; } = "untyped";

        public int TypeLine { get; set; }

        public int SampleCount { get; set; }

        public List<(IReadOnlyDictionary<string, string> Labels, double Value)> Samples { get; } = [];

        public Dictionary<string, HistogramState> Histograms { get; } = new(StringComparer.Ordinal);
    }

    private sealed class HistogramState(IReadOnlyDictionary<string, string> labels, int firstLine)
    {
        public IReadOnlyDictionary<string, string> Labels { get; } = labels;

        public int FirstLine { get; } = firstLine;

        public List<(double Bound, double Count, int Line)> Buckets { get; } = [];

        public double? Sum { get; set; }

        public double? Count { get; set; }

        public HistogramData? ToData()
        {
            var finite = Buckets.Where(static b => double.IsFinite(b.Bound)).OrderBy(static b => b.Bound).ToArray();
            double total = Count ?? (Buckets.Count > 0 ? Buckets.Max(static b => b.Count) : 0);
            return new HistogramData
            {
                Buckets = [.. finite.Select(static b => new HistogramBucket(b.Bound, (long)b.Count))],
                Sum = Sum ?? 0,
                Count = (long)total,
            };
        }
    }
}
