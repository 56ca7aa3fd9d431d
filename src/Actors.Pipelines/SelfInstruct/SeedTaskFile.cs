namespace Actors.Pipelines.SelfInstruct;

/// <summary>What <see cref="SeedTaskReader.Read(string)"/> found: the valid tasks and every malformed line.</summary>
/// <param name="Tasks">Valid tasks, in file order.</param>
/// <param name="Errors">Malformed lines, in file order; empty when the file is clean.</param>
public sealed record SeedTaskFile(IReadOnlyList<SeedTask> Tasks, IReadOnlyList<SeedTaskError> Errors);
