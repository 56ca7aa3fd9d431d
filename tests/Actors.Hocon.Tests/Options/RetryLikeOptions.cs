namespace Actors.Hocon.Tests.Options;

/// <summary>Validates itself in its setter, as real options types may.</summary>
public sealed class RetryLikeOptions
{
    private int _maxAttempts = 5;

    public int MaxAttempts
    {
        get => _maxAttempts;
        set => _maxAttempts = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), "max-attempts must be at least 1");
    }

    public required TimeSpan MinBackoff { get; init; }
}
