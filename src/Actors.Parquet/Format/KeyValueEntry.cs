namespace Actors.Parquet.Format;

/// <summary>One <c>key_value_metadata</c> entry of the footer.</summary>
internal readonly record struct KeyValueEntry(string Key, string? Value);
