using System.Globalization;

namespace Actors.Bench;

/// <summary>
/// Options after the scenario name, as <c>--name value</c> pairs (a bare <c>--flag</c> is "true").
/// Each scenario reads the options it knows and reports the ones it does not.
/// </summary>
internal sealed class BenchArgs
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public BenchArgs(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"expected an option, got '{name}'");
            }

            var hasValue = i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            _values[name[2..]] = hasValue ? args[++i] : "true";
        }
    }

    public string? GetString(string name)
    {
        _read.Add(name);
        return _values.GetValueOrDefault(name);
    }

    public string GetRequiredString(string name) =>
        GetString(name) ?? throw new ArgumentException($"--{name} is required");

    public long GetInt64(string name, long defaultValue)
    {
        var text = GetString(name);
        return text is null ? defaultValue : long.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
    }

    public int GetInt32(string name, int defaultValue) => checked((int)GetInt64(name, defaultValue));

    public bool GetFlag(string name) => GetString(name) is "true";

    /// <summary>Options given but never read by the scenario (typos).</summary>
    public IEnumerable<string> Unread => _values.Keys.Where(k => !_read.Contains(k));
}
