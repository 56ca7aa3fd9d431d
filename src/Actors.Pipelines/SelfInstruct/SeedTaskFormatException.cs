namespace Actors.Pipelines.SelfInstruct;

/// <summary>A seed file holds malformed lines; <see cref="Errors"/> lists each with its file and line.</summary>
public sealed class SeedTaskFormatException : Exception
{
    /// <summary>Creates the exception for the given errors.</summary>
    public SeedTaskFormatException(IReadOnlyList<SeedTaskError> errors)
        : base(Describe(errors)) => Errors = errors;

    /// <summary>Creates the exception with a message only.</summary>
    public SeedTaskFormatException(string message)
        : base(message) => Errors = [];

    /// <summary>Creates the exception with a message and a cause.</summary>
    public SeedTaskFormatException(string message, Exception innerException)
        : base(message, innerException) => Errors = [];

    /// <summary>Creates an exception with no errors listed.</summary>
    public SeedTaskFormatException()
        : this("The seed file is malformed.")
    {
    }

    /// <summary>Every malformed line, in file order.</summary>
    public IReadOnlyList<SeedTaskError> Errors { get; }

    private static string Describe(IReadOnlyList<SeedTaskError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        const int Shown = 10;
        var lines = errors.Take(Shown).Select(e => e.ToString());
        var more = errors.Count > Shown ? $"{Environment.NewLine}... and {errors.Count - Shown} more" : "";
        return $"The seed file has {errors.Count} malformed line(s); fix them and run again:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}{more}";
    }
}
