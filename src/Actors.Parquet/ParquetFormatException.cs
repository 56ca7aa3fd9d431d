namespace Actors.Parquet;

/// <summary>Thrown when a file is not valid Parquet or uses a feature this library does not read.</summary>
public sealed class ParquetFormatException : Exception
{
    /// <summary>Creates the exception with a message that says what is wrong and where.</summary>
    public ParquetFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception wrapping the error that revealed the problem.</summary>
    public ParquetFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public ParquetFormatException()
        : base("The data is not a valid Parquet file.")
    {
    }
}
