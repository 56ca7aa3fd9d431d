using Actors.Hocon.Syntax;

namespace Actors.Hocon.Resolution;

/// <summary>
/// Resolves substitutions over a whole merged tree, lazily and memoized per node.
/// </summary>
/// <remarks>
/// Substitutions look forward (they see the final value of their path). A field being resolved is marked
/// in progress together with the merge-stack layer being computed; a lookup that arrives back at it sees only
/// the layers below ("looking back"), which is what makes <c>a = ${a} [1]</c> and <c>a += 1</c> work.
/// Arriving back at a field with nothing below is an undefined value, and re-entering an object or array that
/// is being fully resolved is an unbreakable cycle.
/// </remarks>
internal sealed class SubstitutionResolver
{
    private const int MaxDepth = 200;

    private readonly HoconObject _root;
    private readonly Func<string, string?> _environment;
    private readonly Dictionary<HoconNode, HoconNode?> _shallow = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<(HoconNode Node, int Layers), HoconNode?> _stackViews = [];
    private readonly Dictionary<HoconNode, int> _inProgress = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<HoconNode, HoconNode> _deep = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<HoconNode> _deepInProgress = new(ReferenceEqualityComparer.Instance);
    private readonly List<HoconSubstitution> _chain = [];
    private int _depth;

    public SubstitutionResolver(HoconObject root, Func<string, string?> environment)
    {
        _root = root;
        _environment = environment;
    }

    public static HoconObject Resolve(HoconObject root, Func<string, string?> environment) =>
        (HoconObject)new SubstitutionResolver(root, environment).Deep(root, via: null)!;

    /// <summary>Resolves a node completely; null when it is an undefined optional substitution.</summary>
    private HoconNode? Deep(HoconNode node, HoconSubstitution? via)
    {
        var value = Shallow(node);
        switch (value)
        {
            case null:
                return null;
            case HoconScalar:
                return value;
        }

        if (_deep.TryGetValue(value, out var done))
        {
            return done;
        }

        if (!_deepInProgress.Add(value))
        {
            var at = via?.Origin ?? value.Origin;
            var what = via is null ? "a value" : via.ToString();
            throw new ConfigurationException(at, null, $"{what} refers to an object or array that contains it (a substitution cycle); point it somewhere outside that object");
        }

        Enter(value.Origin);
        HoconNode result;
        if (value is HoconObject obj)
        {
            var resolved = new HoconObject(obj.Origin);
            foreach (var (key, child) in obj.Fields)
            {
                if (Deep(child, child as HoconSubstitution ?? via) is { } r)
                {
                    resolved.Set(key, r);
                }
            }

            result = resolved;
        }
        else
        {
            var array = (HoconArray)value;
            var resolved = new HoconArray(array.Origin);
            foreach (var item in array.Items)
            {
                if (Deep(item, item as HoconSubstitution ?? via) is { } r)
                {
                    resolved.Items.Add(r);
                }
            }

            result = resolved;
        }

        _depth--;
        _deepInProgress.Remove(value);
        _deep[value] = result;
        return result;
    }

    /// <summary>
    /// Resolves a node only at its top: the result is a scalar, or an object or array whose children may still
    /// be unresolved; null for an undefined optional substitution.
    /// </summary>
    private HoconNode? Shallow(HoconNode node)
    {
        if (!node.IsUnresolved)
        {
            return node;
        }

        if (_inProgress.TryGetValue(node, out var layer))
        {
            // A lookup came back to a field still being computed: look back at the layers below it.
            return node is HoconMergeStack backStack ? StackView(backStack, layer) : null;
        }

        if (_shallow.TryGetValue(node, out var memo))
        {
            return memo;
        }

        Enter(node.Origin);
        var result = node switch
        {
            HoconSubstitution substitution => Guarded(node, 0, () => LookUp(substitution)),
            HoconConcatenation concatenation => Guarded(node, 0, () => Concatenate(concatenation)),
            _ => StackView((HoconMergeStack)node, ((HoconMergeStack)node).Layers.Count),
        };
        _depth--;
        _shallow[node] = result;
        return result;
    }

    /// <summary>The value of the lowest <paramref name="layerCount"/> layers of a merge stack.</summary>
    private HoconNode? StackView(HoconMergeStack stack, int layerCount)
    {
        if (_stackViews.TryGetValue((stack, layerCount), out var memo))
        {
            return memo;
        }

        HoconNode? result = null;
        for (var i = layerCount - 1; i >= 0; i--)
        {
            var top = Guarded(stack, i, () => Shallow(stack.Layers[i]));
            if (top is null)
            {
                continue; // an undefined optional value leaves the earlier value in place
            }

            if (top is HoconObject topObject && StackView(stack, i) is HoconObject below)
            {
                top = NodeMerger.MergeObjects(below, topObject);
            }

            result = top;
            break;
        }

        _stackViews[(stack, layerCount)] = result;
        return result;
    }

    private HoconNode? Guarded(HoconNode node, int layer, Func<HoconNode?> compute)
    {
        var hadPrevious = _inProgress.TryGetValue(node, out var previous);
        _inProgress[node] = layer;
        try
        {
            return compute();
        }
        finally
        {
            if (hadPrevious)
            {
                _inProgress[node] = previous;
            }
            else
            {
                _inProgress.Remove(node);
            }
        }
    }

    private HoconNode? Concatenate(HoconConcatenation concatenation)
    {
        var parts = new List<HoconNode?>(concatenation.Parts.Count);
        foreach (var part in concatenation.Parts)
        {
            var value = Shallow(part);

            // A substitution that is null joins a string as nothing, not as the word "null".
            if (part is HoconSubstitution && value is HoconScalar { Kind: ScalarKind.Null } nullValue)
            {
                value = new HoconScalar(ScalarKind.String, string.Empty, nullValue.Origin);
            }

            parts.Add(value);
        }

        return ValueConcatenation.Fold(parts, concatenation.Origin);
    }

    private HoconNode? LookUp(HoconSubstitution substitution)
    {
        _chain.Add(substitution);
        try
        {
            var cameBack = false;
            if (substitution.IncludePrefix.Count > 0
                && Find([.. substitution.IncludePrefix, .. substitution.Path], ref cameBack) is { } fixedUp)
            {
                return Restamp(fixedUp, substitution);
            }

            if (Find(substitution.Path, ref cameBack) is { } found)
            {
                return Restamp(found, substitution);
            }

            var name = string.Join('.', substitution.Path);
            var variable = _environment(name);
            if (!string.IsNullOrEmpty(variable))
            {
                return new HoconScalar(ScalarKind.String, variable, substitution.Origin with { Detail = "environment variable " + name });
            }

            if (substitution.Optional)
            {
                return null;
            }

            var reason = cameBack
                ? $"{substitution} is part of a substitution cycle ({string.Join(" -> ", _chain)}) and has no earlier value to fall back on; break the cycle, or set a value before this line"
                : $"{substitution} is not defined in the configuration and no environment variable {name} is set; define it, set the variable, or use ${{?{ConfigPath.Format(substitution.Path)}}} to make it optional";
            throw new ConfigurationException(substitution.Origin, ConfigPath.Format(substitution.Path), reason);
        }
        finally
        {
            _chain.RemoveAt(_chain.Count - 1);
        }
    }

    /// <summary>Follows a path from the root; null when any step is missing or undefined (a null value is present).</summary>
    private HoconNode? Find(IReadOnlyList<string> path, ref bool cameBack)
    {
        HoconNode current = _root;
        foreach (var key in path)
        {
            if (current is not HoconObject obj || !obj.TryGetValue(key, out var child))
            {
                return null;
            }

            cameBack |= _inProgress.ContainsKey(child);
            var value = Shallow(child);
            if (value is null)
            {
                return null;
            }

            current = value;
        }

        return current;
    }

    // A simple value taken through a substitution is reported at the substitution, where the user wrote it.
    private static HoconNode Restamp(HoconNode value, HoconSubstitution substitution) =>
        value is HoconScalar scalar && scalar.Origin.Detail is null ? scalar.WithOrigin(substitution.Origin) : value;

    private void Enter(ConfigOrigin origin)
    {
        if (++_depth > MaxDepth)
        {
            throw new ConfigurationException(origin, null, $"substitutions or nesting go more than {MaxDepth} levels deep; look for a long chain of ${{...}} references");
        }
    }
}
