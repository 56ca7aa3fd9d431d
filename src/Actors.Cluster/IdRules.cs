namespace Actors.Cluster;

/// <summary>Validation shared by the id types.</summary>
internal static class IdRules
{
    public const int MaxLength = 200;

    public static string Validate(string value, string kind)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0 || value.Length > MaxLength)
        {
            throw new ArgumentException($"A {kind} must be 1 to {MaxLength} characters long; got {value.Length}.", nameof(value));
        }

        return value;
    }
}
