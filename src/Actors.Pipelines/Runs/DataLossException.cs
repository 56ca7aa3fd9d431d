namespace Actors.Pipelines.Runs;

/// <summary>
/// Part files that the run store says were committed are missing or damaged. Resuming would silently
/// lose their rows, so the run stops and names them; restore the files (or start a new run).
/// </summary>
public sealed class DataLossException : Exception
{
    /// <summary>Creates the exception for <paramref name="problems"/> (one line per file).</summary>
    public DataLossException(IReadOnlyList<string> problems)
        : base($"{problems.Count} committed part file(s) are missing or damaged; resuming would lose their rows:{Environment.NewLine}  "
            + string.Join(Environment.NewLine + "  ", problems)
            + $"{Environment.NewLine}Restore them from a backup, or start a new run in an empty directory.")
    {
        Problems = problems;
    }

    /// <summary>Creates the exception with a message.</summary>
    public DataLossException()
        : this([])
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public DataLossException(string message)
        : base(message)
    {
        Problems = [message];
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public DataLossException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    /// <summary>One line per missing or damaged file.</summary>
    public IReadOnlyList<string> Problems { get; } = [];
}
