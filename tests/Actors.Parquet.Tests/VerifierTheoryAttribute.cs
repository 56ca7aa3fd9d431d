namespace Actors.Parquet.Tests;

/// <summary>The theory form of <see cref="VerifierFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class VerifierTheoryAttribute : TheoryAttribute
{
    public VerifierTheoryAttribute() => Skip = ParquetVerifier.SkipReason!;
}
