namespace Actors.Hocon.Syntax;

/// <summary>The duplicate-key rule, used for fields in one file, includes and file fallbacks alike.</summary>
internal static class NodeMerger
{
    /// <summary>
    /// Combines an earlier value with a later one: two objects merge field by field; a later unresolved value,
    /// or a later object over an unresolved one, stacks (decided at resolution); any other later value wins.
    /// Never mutates its arguments.
    /// </summary>
    public static HoconNode Merge(HoconNode earlier, HoconNode later)
    {
        if (later is HoconObject laterObject)
        {
            return earlier switch
            {
                HoconObject earlierObject => MergeObjects(earlierObject, laterObject),
                { IsUnresolved: true } => Stack(earlier, later),
                _ => later,
            };
        }

        return later.IsUnresolved ? Stack(earlier, later) : later;
    }

    public static HoconObject MergeObjects(HoconObject earlier, HoconObject later)
    {
        var merged = new HoconObject(later.Origin);
        foreach (var (key, value) in earlier.Fields)
        {
            merged.Set(key, value);
        }

        foreach (var (key, value) in later.Fields)
        {
            merged.Assign(key, value);
        }

        return merged;
    }

    private static HoconMergeStack Stack(HoconNode earlier, HoconNode later)
    {
        var layers = new List<HoconNode>();
        AddLayers(layers, earlier);
        AddLayers(layers, later);
        return new HoconMergeStack(layers, later.Origin);
    }

    private static void AddLayers(List<HoconNode> layers, HoconNode node)
    {
        if (node is HoconMergeStack stack)
        {
            layers.AddRange(stack.Layers);
        }
        else
        {
            layers.Add(node);
        }
    }
}
