namespace Actors.Pipelines.SelfInstruct;

/// <summary>
/// The reference's instance filters, made deterministic: drop the last instance of a completion cut by the
/// token limit; drop instances whose input equals the output, whose output is empty, or whose input or
/// output ends with a colon; drop every instance of an input that appears with different outputs (only
/// those, not the whole task as the reference does); drop exact duplicates keeping the first; keep at most
/// <c>max-instances</c>, the first ones (the reference samples at random with an unstable order).
/// Stateless and thread-safe.
/// </summary>
public static class InstanceFilter
{
    /// <summary>Filters the instances parsed from one completion.</summary>
    public static InstanceFilterResult Apply(IReadOnlyList<TaskInstance> parsed, GenerationFinish finish, int maxInstances)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        ArgumentOutOfRangeException.ThrowIfNegative(maxInstances);
        var dropped = new List<DroppedInstance>();
        var candidates = new List<TaskInstance>(parsed.Count);
        for (var i = 0; i < parsed.Count; i++)
        {
            var instance = parsed[i] with { Input = parsed[i].Input.Trim(), Output = parsed[i].Output.Trim() };
            InstanceDrop? reason = true switch
            {
                _ when finish == GenerationFinish.Length && i == parsed.Count - 1 => InstanceDrop.TruncatedLastInstance,
                _ when string.Equals(instance.Input, instance.Output, StringComparison.Ordinal) => InstanceDrop.InputEqualsOutput,
                _ when instance.Output.Length == 0 => InstanceDrop.EmptyOutput,
                _ when instance.Input.EndsWith(':') || instance.Output.EndsWith(':') => InstanceDrop.TrailingColon,
                _ => null,
            };
            if (reason is { } r)
            {
                dropped.Add(new DroppedInstance(parsed[i], r));
            }
            else
            {
                candidates.Add(instance);
            }
        }

        var conflicted = candidates
            .Where(c => c.Input.Length > 0)
            .GroupBy(c => c.Input, StringComparer.Ordinal)
            .Where(g => g.Select(c => c.Output).Distinct(StringComparer.Ordinal).Skip(1).Any())
            .Select(g => g.Key)
            .ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<(string, string)>();
        var kept = new List<TaskInstance>();
        foreach (var instance in candidates)
        {
            if (conflicted.Contains(instance.Input))
            {
                dropped.Add(new DroppedInstance(instance, InstanceDrop.ConflictingOutputs));
            }
            else if (!seen.Add((instance.Input, instance.Output)))
            {
                dropped.Add(new DroppedInstance(instance, InstanceDrop.Duplicate));
            }
            else if (kept.Count >= maxInstances)
            {
                dropped.Add(new DroppedInstance(instance, InstanceDrop.OverLimit));
            }
            else
            {
                kept.Add(instance);
            }
        }

        return new InstanceFilterResult(kept, dropped);
    }
}
