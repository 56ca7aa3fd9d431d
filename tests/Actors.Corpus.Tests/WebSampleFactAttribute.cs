namespace Actors.Corpus.Tests;

/// <summary>
/// A fact that reads the real web samples. xunit 2 cannot skip at run time, so the decision is made at discovery:
/// without the samples the test shows as skipped with a reason starting "SKIPPED", instead of passing silently.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class WebSampleFactAttribute : FactAttribute
{
    public WebSampleFactAttribute() => Skip = WebSamples.SkipReason!;
}
