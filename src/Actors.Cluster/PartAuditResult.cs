namespace Actors.Cluster;

/// <summary>What <see cref="PartFileAudit.Audit"/> found.</summary>
/// <param name="Unrecorded">Part files on disk that no commit recorded, relative paths: delete them before resuming.</param>
/// <param name="Missing">Recorded part files that are not on disk: data loss, report it.</param>
/// <param name="SizeMismatch">Recorded part files whose size differs from the recorded size: data loss, report it.</param>
public sealed record PartAuditResult(IReadOnlyList<string> Unrecorded, IReadOnlyList<CommittedPart> Missing, IReadOnlyList<CommittedPart> SizeMismatch)
{
    /// <summary>Whether every recorded file is present and whole.</summary>
    public bool IsIntact => Missing.Count == 0 && SizeMismatch.Count == 0;
}
