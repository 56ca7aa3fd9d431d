using System.Collections.Concurrent;

namespace Actors.Metrics.Collection;

/// <summary>
/// The series of one synchronous instrument: a cell per tag set. Finding an existing cell takes no lock and no
/// allocation: the series hit last is tried first (an instrument is often recorded with the same tags many
/// times in a row), then the dictionary by the tags' hash. A new tag set allocates its key once. Past <c>maxSeries</c> tag sets, measurements go to one
/// overflow series (label <c>actors_overflow="true"</c>) so a tag with unbounded values cannot exhaust memory.
/// </summary>
internal sealed class SeriesTable<TCell>
    where TCell : class
{
    private readonly ConcurrentDictionary<TagKey, Series> _cells = new(TagKeyComparer.Instance);
    private readonly ConcurrentDictionary<TagKey, Series>.AlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>> _lookup;
    private readonly Func<TCell> _factory;
    private readonly int _maxSeries;
    private Series? _last;
    private int _count;

    public SeriesTable(Func<TCell> factory, int maxSeries)
    {
        _factory = factory;
        _maxSeries = maxSeries;
        _lookup = _cells.GetAlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>>();
    }

    public TCell Get(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        // _last is only a hint, checked against the tags, so a stale value from another thread is harmless.
        var last = Volatile.Read(ref _last);
        if (last is not null && last.Key.Matches(tags))
        {
            return last.Cell;
        }

        var series = _lookup.TryGetValue(tags, out var found) ? found : Add(tags);
        Volatile.Write(ref _last, series);
        return series.Cell;
    }

    public IEnumerable<KeyValuePair<TagKey, TCell>> Entries => _cells.Select(static e => new KeyValuePair<TagKey, TCell>(e.Key, e.Value.Cell));

    private Series Add(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (Volatile.Read(ref _count) >= _maxSeries)
        {
            // Past the cap every new tag set shares the overflow series (its key never matches real tags).
            return _cells.GetOrAdd(TagKey.Overflow, static (key, factory) => new Series(key, factory()), _factory);
        }

        var key = TagKey.Create(tags);
        var series = new Series(key, _factory());
        var winner = _cells.GetOrAdd(key, series);
        if (ReferenceEquals(winner, series))
        {
            Interlocked.Increment(ref _count);
        }

        return winner;
    }

    private sealed class Series(TagKey key, TCell cell)
    {
        public TagKey Key { get; } = key;

        public TCell Cell { get; } = cell;
    }
}
