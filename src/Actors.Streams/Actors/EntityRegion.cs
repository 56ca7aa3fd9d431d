using System.Diagnostics;

namespace Actors.Streams.Actors;

/// <summary>
/// The in-process half of sharding: one actor per entity id, created on its first message and passivated
/// (stopped) after it has been idle for <see cref="EntityRegionOptions.PassivateAfter"/>. Messages for one
/// entity are handled in order, one at a time; different entities run concurrently.
/// </summary>
/// <remarks>
/// Invariant (kept under <c>_gate</c>): an entity is removed only when no sender is between looking it up
/// and enqueueing (<c>Senders == 0</c>) and its mailbox is empty and idle, so passivation never loses a
/// message. A message arriving after removal simply starts a new incarnation.
/// </remarks>
[DebuggerDisplay("EntityRegion {Name}: {ActiveEntities} active")]
public sealed class EntityRegion<TKey, TMessage> : IAsyncDisposable
    where TKey : notnull
{
    private readonly object _gate = new();
    private readonly Dictionary<TKey, Entry> _entities = [];
    private readonly Func<TKey, Actor<TMessage>> _factory;
    private readonly EntityRegionOptions _options;
    private readonly ITimer _sweeper;
    private long _started;
    private long _passivated;
    private bool _disposed;

    /// <summary>Creates a region; <paramref name="factory"/> builds the actor for an entity id.</summary>
    public EntityRegion(string name, Func<TKey, Actor<TMessage>> factory, EntityRegionOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        Name = name;
        _factory = factory;
        _options = options ?? new EntityRegionOptions();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_options.PassivateAfter, TimeSpan.Zero);
        var sweep = _options.PassivateAfter / 2;
        _sweeper = _options.Actor.TimeProvider.CreateTimer(static state => ((EntityRegion<TKey, TMessage>)state!).Sweep(), this, sweep, sweep);
    }

    /// <summary>The region's name (tags its actors' metrics).</summary>
    public string Name { get; }

    /// <summary>Entities with a running actor.</summary>
    public int ActiveEntities
    {
        get
        {
            lock (_gate)
            {
                return _entities.Count;
            }
        }
    }

    /// <summary>Entity actors started so far (first messages and restarts after passivation).</summary>
    public long Started => Interlocked.Read(ref _started);

    /// <summary>Entity actors passivated so far.</summary>
    public long Passivated => Interlocked.Read(ref _passivated);

    /// <summary>Sends a message to the entity, starting its actor if needed; waits while its mailbox is full.</summary>
    public async ValueTask TellAsync(TKey entity, TMessage message, CancellationToken cancellationToken = default)
    {
        var entry = Enter(entity);
        try
        {
            await entry.Ref.TellAsync(message, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Leave(entry);
        }
    }

    /// <summary>Asks the entity a question (see <see cref="ActorRef{TMessage}.AskAsync"/>).</summary>
    public async Task<TReply> AskAsync<TReply>(TKey entity, Func<Reply<TReply>, TMessage> question, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var entry = Enter(entity);
        Task<TReply> answer;
        try
        {
            answer = await entry.Ref.PostQuestionAsync(question, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Leave(entry);
        }

        return await entry.Ref.AwaitAnswerAsync(answer, timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops every entity gracefully (queued messages are handled) and the passivation timer.</summary>
    public async ValueTask DisposeAsync()
    {
        List<Entry> entries;
        lock (_gate)
        {
            _disposed = true;
            entries = [.. _entities.Values];
            _entities.Clear();
        }

        await _sweeper.DisposeAsync().ConfigureAwait(false);
        await Task.WhenAll(entries.Select(e => e.Ref.StopAsync())).ConfigureAwait(false);
    }

    private Entry Enter(TKey entity)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_entities.TryGetValue(entity, out var entry) || entry.Ref.Cell.IsStopped)
            {
                var cell = new ActorCell<TMessage>(Name, $"{Name}/{entity}", () => _factory(entity), _options.Actor);
                entry = new Entry(new ActorRef<TMessage>(cell));
                _entities[entity] = entry;
                Interlocked.Increment(ref _started);
            }

            entry.Senders++;
            entry.LastActivity = _options.Actor.TimeProvider.GetTimestamp();
            return entry;
        }
    }

    private void Leave(Entry entry)
    {
        lock (_gate)
        {
            entry.Senders--;
            entry.LastActivity = _options.Actor.TimeProvider.GetTimestamp();
        }
    }

    private void Sweep()
    {
        List<Entry> idle = [];
        var time = _options.Actor.TimeProvider;
        lock (_gate)
        {
            foreach (var (key, entry) in _entities.ToList())
            {
                var last = Math.Max(entry.LastActivity, entry.Ref.Cell.LastActivity);
                var quiet = time.GetElapsedTime(last) >= _options.PassivateAfter;
                if (entry.Senders == 0 && quiet && entry.Ref.Cell.IsIdle)
                {
                    _entities.Remove(key);
                    idle.Add(entry);
                }
                else if (entry.Ref.Cell.IsStopped && entry.Senders == 0)
                {
                    // Stopped by supervision: forget it; the next message starts a new one.
                    _entities.Remove(key);
                }
            }
        }

        foreach (var entry in idle)
        {
            Interlocked.Increment(ref _passivated);
            _ = entry.Ref.StopAsync();
        }
    }

    private sealed class Entry(ActorRef<TMessage> actorRef)
    {
        public ActorRef<TMessage> Ref { get; } = actorRef;

        public int Senders { get; set; }

        public long LastActivity { get; set; }
    }
}
