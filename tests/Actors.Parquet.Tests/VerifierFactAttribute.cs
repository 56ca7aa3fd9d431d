namespace Actors.Parquet.Tests;

/// <summary>
/// A fact that needs parquet-verify. xunit 2 cannot skip at run time, so the decision is made at
/// discovery: without the verifier (and outside CI) the test shows as skipped, with a reason that
/// starts "NOT VERIFIED", instead of passing silently. Under CI=true it always runs and fails
/// when the verifier is missing.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class VerifierFactAttribute : FactAttribute
{
    public VerifierFactAttribute() => Skip = ParquetVerifier.SkipReason!;
}
