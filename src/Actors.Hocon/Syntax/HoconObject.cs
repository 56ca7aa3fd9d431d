using System.Diagnostics.CodeAnalysis;

namespace Actors.Hocon.Syntax;

/// <summary>An object whose fields keep the order in which their keys were first written.</summary>
internal sealed class HoconObject : HoconNode
{
    private readonly Dictionary<string, HoconNode> _fields = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public HoconObject(ConfigOrigin origin)
        : base(origin)
    {
    }

    public int Count => _order.Count;

    public IReadOnlyList<string> Keys => _order;

    public IEnumerable<KeyValuePair<string, HoconNode>> Fields
    {
        get
        {
            foreach (var key in _order)
            {
                yield return new KeyValuePair<string, HoconNode>(key, _fields[key]);
            }
        }
    }

    public bool TryGetValue(string key, [NotNullWhen(true)] out HoconNode? value) => _fields.TryGetValue(key, out value);

    /// <summary>Assigns a field the way a duplicate key does: two objects merge, anything else overrides.</summary>
    public void Assign(string key, HoconNode value)
    {
        if (_fields.TryGetValue(key, out var existing))
        {
            _fields[key] = NodeMerger.Merge(existing, value);
        }
        else
        {
            Set(key, value);
        }
    }

    /// <summary>Sets a field, replacing any earlier value without merging.</summary>
    public void Set(string key, HoconNode value)
    {
        if (!_fields.ContainsKey(key))
        {
            _order.Add(key);
        }

        _fields[key] = value;
    }

    public void Remove(string key)
    {
        if (_fields.Remove(key))
        {
            _order.Remove(key);
        }
    }
}
