namespace Actors.Cluster;

/// <summary>
/// Compares a run's output directory with the part files the store has recorded, for <c>actors resume</c>: files on
/// disk that no commit recorded (written before a crash, or left as <c>*.tmp</c>) are to be deleted; recorded files
/// that are missing or have another size are data loss to report, never to ignore. Reads only; deletes nothing.
/// </summary>
public static class PartFileAudit
{
    /// <summary>Audits <paramref name="outputDirectory"/> against <paramref name="committed"/>.</summary>
    /// <param name="outputDirectory">The run's output directory.</param>
    /// <param name="committed">The run's committed parts (<see cref="IRunStore.ListPartsAsync"/>).</param>
    /// <param name="isPartFile">
    /// Which files (by path relative to the output directory, <c>/</c>-separated) a sink writes; only those are
    /// candidates for deletion. Committed paths are always checked.
    /// </param>
    public static PartAuditResult Audit(string outputDirectory, IReadOnlyList<CommittedPart> committed, Func<string, bool> isPartFile)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        ArgumentNullException.ThrowIfNull(committed);
        ArgumentNullException.ThrowIfNull(isPartFile);
        var recorded = committed.ToDictionary(c => c.Part.RelativePath, StringComparer.Ordinal);
        var unrecorded = new List<string>();
        if (Directory.Exists(outputDirectory))
        {
            foreach (var file in Directory.EnumerateFiles(outputDirectory, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(outputDirectory, file).Replace('\\', '/');
                if (!recorded.ContainsKey(relative) && isPartFile(relative))
                {
                    unrecorded.Add(relative);
                }
            }
        }

        var missing = new List<CommittedPart>();
        var resized = new List<CommittedPart>();
        foreach (var part in committed)
        {
            var file = new FileInfo(Path.Combine(outputDirectory, part.Part.RelativePath));
            if (!file.Exists)
            {
                missing.Add(part);
            }
            else if (part.Part.SizeBytes is { } size && size != file.Length)
            {
                resized.Add(part);
            }
        }

        unrecorded.Sort(StringComparer.Ordinal);
        return new PartAuditResult(unrecorded, missing, resized);
    }
}
