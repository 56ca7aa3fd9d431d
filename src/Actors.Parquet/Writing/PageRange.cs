namespace Actors.Parquet.Writing;

/// <summary>The level entries [Entry, EntryEnd) and non-null values [Value, ValueEnd) of one data page.</summary>
internal readonly record struct PageRange(int Entry, int EntryEnd, int Value, int ValueEnd);
