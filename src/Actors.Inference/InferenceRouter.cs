using System.Collections.Concurrent;
using Actors.Inference.Backends;
using Actors.Inference.Devices;
using Actors.Inference.Metrics;
using Actors.Inference.Routing;
using Actors.Streams.Actors;
using Actors.Streams.Supervision;

namespace Actors.Inference;

/// <summary>
/// Sends completion requests to devices: one inference actor per configured device (or one offline device when none
/// is configured), each batching for its endpoint. The router picks, among the healthy devices serving the request's
/// model, the one with the fewest outstanding requests; retries failed attempts with exponential backoff and jitter
/// (on another device when there is one); re-dispatches the requests of a device that goes out of service; consults
/// and fills the response cache; and returns every request as exactly one <see cref="InferenceOutcome"/>.
/// </summary>
/// <example>
/// <code>
/// var settings = HoconConfig.Load(configFile).Bind&lt;InferenceSettings&gt;("actors.inference");
/// await using var router = await InferenceRouter.StartAsync(settings, new InferenceRouterOptions { Cache = cache }, ct);
/// var outcome = await router.CompleteAsync(new CompletionRequest { Id = "doc-1", Purpose = InferencePurposes.Label, Prompt = text }, ct);
/// if (outcome is InferenceOutcome.Failed failed) deadLetters.Add(failed);
/// </code>
/// </example>
public sealed class InferenceRouter : IAsyncDisposable, IDeviceOwner
{
    private readonly InferenceSettings _settings;
    private readonly InferenceRouterOptions _options;
    private readonly TimeProvider _time;
    private readonly DeviceHandle[] _devices;
    private readonly IResponseCache? _cache;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly ConcurrentDictionary<PendingRequest, byte> _live = new();

    /// <summary>Answers being written to the response cache; disposal lets them finish (answers already paid for).</summary>
    private readonly ConcurrentDictionary<Task, byte> _storing = new();

    /// <summary>How long disposal waits for answers still being written to the response cache.</summary>
    private static readonly TimeSpan s_storeGrace = TimeSpan.FromSeconds(10);
    private readonly Lock _parkGate = new();
    private readonly Dictionary<PendingRequest, long> _parked = [];
    private readonly long[] _failedByKind = new long[Enum.GetValues<FailureKind>().Length];
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _healthChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ITimer? _parkSweep;
    private long _accepted;
    private long _succeeded;
    private long _failed;
    private long _cancelled;
    private long _cacheHits;
    private long _retries;
    private long _handoffs;
    private int _disposed;

    private InferenceRouter(InferenceSettings settings, InferenceRouterOptions options, DeviceHandle[] devices)
    {
        _settings = settings;
        _options = options;
        _time = options.TimeProvider;
        _devices = devices;
        _cache = devices.All(d => d.IsOffline) ? null : options.Cache;
    }

    /// <summary>Snapshots of the devices: state, model, counters.</summary>
    public IReadOnlyList<DeviceInfo> Devices => [.. _devices.Select(d => d.Snapshot())];

    /// <summary>True when every device is offline: no model is involved and outputs are heuristics.</summary>
    public bool IsOffline => _devices.All(d => d.IsOffline);

    /// <summary>
    /// One line for logs and run summaries naming the devices, their backends and models; says OFFLINE plainly when no
    /// model is involved.
    /// </summary>
    public string Description => IsOffline
        ? "OFFLINE: deterministic heuristics, no model (outputs are not model generations)"
        : string.Join("; ", _devices.Select(d => d.IsOffline
            ? $"{d.Name}: OFFLINE heuristics"
            : $"{d.Name}: {d.Backend.Name} {d.Settings.Endpoint} model '{d.Model}'{(d.Settings.Gpu is { } gpu ? $" gpu {gpu}" : "")}"));

    /// <summary>Totals since start; see <see cref="InferenceStatistics"/> for the invariant they keep.</summary>
    public InferenceStatistics Statistics
    {
        get
        {
            var succeeded = Interlocked.Read(ref _succeeded);
            var failed = Interlocked.Read(ref _failed);
            var cancelled = Interlocked.Read(ref _cancelled);
            var accepted = Interlocked.Read(ref _accepted);
            var byKind = new Dictionary<FailureKind, long>();
            foreach (var kind in Enum.GetValues<FailureKind>())
            {
                if (Interlocked.Read(ref _failedByKind[(int)kind]) is var count and > 0)
                {
                    byKind[kind] = count;
                }
            }

            return new InferenceStatistics
            {
                Accepted = accepted,
                Succeeded = succeeded,
                Failed = failed,
                Cancelled = cancelled,
                InProgress = accepted - succeeded - failed - cancelled,
                CacheHits = Interlocked.Read(ref _cacheHits),
                Retries = Interlocked.Read(ref _retries),
                Handoffs = Interlocked.Read(ref _handoffs),
                FailedByKind = byKind,
            };
        }
    }

    /// <summary>
    /// Starts one inference actor per device (<see cref="InferenceSettings.EffectiveDevices"/>). Launched servers start
    /// in the background; requests for their model wait for them (up to startup-timeout), see
    /// <see cref="WaitUntilHealthyAsync"/>.
    /// </summary>
    /// <param name="settings">The <c>actors.inference</c> settings.</param>
    /// <param name="options">Clock, cache, offline heuristics, dead letters, log.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running router; dispose it to stop the devices and their servers.</returns>
    /// <exception cref="ArgumentException">The settings are out of range.</exception>
    public static Task<InferenceRouter> StartAsync(InferenceSettings settings, InferenceRouterOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(options);
        cancellationToken.ThrowIfCancellationRequested();
        settings.Validate();
        var responders = options.OfflineResponders ?? new OfflineResponders();
        var environment = options.Environment ?? Environment.GetEnvironmentVariable;
        var apiKey = environment(settings.ApiKeyEnv);
        var devices = new List<DeviceHandle>();
        foreach (var (name, device) in settings.EffectiveDevices())
        {
            var backend = options.BackendFactory?.Invoke(name, device) ?? device.Backend switch
            {
                BackendKind.Offline => new OfflineBackend(responders),
                _ => new OpenAiBackend(name, device, settings, apiKey, options.TimeProvider),
            };
            devices.Add(new DeviceHandle(name, device, backend));
        }

        var router = new InferenceRouter(settings, options, [.. devices]);
        router.StartDevices();
        return Task.FromResult(router);
    }

    /// <summary>Waits until every device is healthy (launched servers up, endpoints answering).</summary>
    /// <param name="cancellationToken">Gives up waiting.</param>
    /// <returns>A task that completes when all devices are healthy.</returns>
    public async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var changed = Volatile.Read(ref _healthChanged).Task;
            if (_devices.All(d => d.State == DeviceState.Healthy))
            {
                return;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Completes one request: from the cache, or from a device, retrying failed attempts up to
    /// <see cref="RetrySettings.MaxAttempts"/>. Expected failures are returned as <see cref="InferenceOutcome.Failed"/>
    /// (and passed to <see cref="InferenceRouterOptions.DeadLetters"/>), never thrown.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels this request.</param>
    /// <returns>Succeeded with the completion, or Failed with the kind and reason of the last failure.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="ArgumentException">The request is malformed (neither or both of prompt and messages, ...).</exception>
    /// <exception cref="ObjectDisposedException">The router was disposed.</exception>
    public async Task<InferenceOutcome> CompleteAsync(CompletionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        cancellationToken.ThrowIfCancellationRequested();
        Interlocked.Increment(ref _accepted);
        var cacheModel = request.Model ?? DefaultModel();
        string? key = null;
        if (_cache is not null)
        {
            key = ResponseCacheKey.Compute(cacheModel, request);
            Completion? hit;
            try
            {
                hit = await _cache.TryGetAsync(key, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref _cancelled);
                throw;
            }

            var modelTag = new KeyValuePair<string, object?>("model", cacheModel);
            if (hit is not null && !(request.FailOnTruncation && hit.FinishReason == "length"))
            {
                Interlocked.Increment(ref _cacheHits);
                Interlocked.Increment(ref _succeeded);
                InferenceInstruments.CacheHits.Add(1, modelTag);
                return new InferenceOutcome.Succeeded(hit with { FromCache = true });
            }

            InferenceInstruments.CacheMisses.Add(1, modelTag);
        }

        var pending = new PendingRequest(request, key, cacheModel);
        _live.TryAdd(pending, 0);
        try
        {
            using (cancellationToken.Register(static state => ((PendingRequest)state!).Outcome.TrySetCanceled(), pending))
            {
                Dispatch(pending);
                return await pending.Outcome.Task.ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            Interlocked.Increment(ref _cancelled);
            throw new OperationCanceledException($"Request '{request.Id}' was cancelled by the caller.", cancellationToken);
        }
        finally
        {
            _live.TryRemove(pending, out _);
        }
    }

    /// <summary>Stops every device (handing back and failing what they hold as Cancelled) and their servers.</summary>
    /// <returns>A task that completes when the devices and their launched servers have stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            await _stopped.Task.ConfigureAwait(false);
            return;
        }

        await _shutdown.CancelAsync().ConfigureAwait(false);
        var stops = new List<Task>();
        foreach (var device in _devices)
        {
            device.Post(new DeviceMessage.Shutdown());
            if (device.Actor is { } actor)
            {
                stops.Add(actor.StopAsync());
            }
        }

        await Task.WhenAll(stops).ConfigureAwait(false);

        // Answers that arrived are stored and delivered rather than failed as cancelled, so a resumed run does not pay
        // for them again; a store that hangs holds shutdown back for the grace period at most.
        try
        {
            await Task.WhenAll(_storing.Keys).WaitAsync(s_storeGrace, _time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Log($"inference: {_storing.Count} answer(s) still being written to the response cache after {s_storeGrace.TotalSeconds:0} s; not waiting longer");
        }

        _parkSweep?.Dispose();
        List<PendingRequest> parked;
        lock (_parkGate)
        {
            parked = [.. _parked.Keys];
            _parked.Clear();
        }

        foreach (var pending in parked.Concat(_live.Keys))
        {
            Fail(pending, FailureKind.Cancelled, "the inference router stopped before the request finished", null);
        }

        foreach (var device in _devices)
        {
            InferenceInstruments.Unregister(device.Metrics);
            device.State = DeviceState.Stopped;
            await device.Backend.DisposeAsync().ConfigureAwait(false);
        }

        _shutdown.Dispose();
        _stopped.TrySetResult();
    }

    void IDeviceOwner.OnResult(PendingRequest request, int dispatch, BackendResult result, DeviceHandle device)
    {
        if (!request.TryEndDispatch(dispatch) || request.IsDone)
        {
            return;
        }

        if (result.Completion is not { } generated)
        {
            AttemptFailed(request, device, result.Failure ?? FailureKind.ServerError, result.Reason ?? "the backend gave no reason", result.RetryAfter);
            return;
        }

        var completion = generated with { Device = device.Name, FromCache = false };
        if (request.Request.FailOnTruncation && completion.FinishReason == "length")
        {
            AttemptFailed(request, device, FailureKind.Truncated,
                $"{device.Name}: finish_reason length: the generation hit max_tokens ({request.Request.Sampling.MaxTokens})", null);
            return;
        }

        request.Attempts++;
        Interlocked.Increment(ref device.Metrics.Succeeded);
        if (_cache is { } cache && request.CacheKey is { } key && !completion.IsOffline)
        {
            var storing = StoreThenSucceedAsync(cache, key, request, completion);
            _storing[storing] = 0;
            _ = storing.ContinueWith(t => _storing.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        else
        {
            Succeed(request, completion);
        }
    }

    void IDeviceOwner.HandBack(DeviceHandle device, IReadOnlyList<QueuedRequest> requests, FailureKind kind, string reason)
    {
        foreach (var queued in requests)
        {
            var request = queued.Request;
            if (!request.TryEndDispatch(queued.Dispatch) || request.IsDone)
            {
                continue;
            }

            if (kind == FailureKind.Cancelled || _shutdown.IsCancellationRequested)
            {
                Fail(request, FailureKind.Cancelled, reason, null);
                continue;
            }

            Interlocked.Increment(ref _handoffs);
            request.Handoffs++;
            request.AvoidDevice = device;
            if (request.Handoffs > _settings.Retry.MaxAttempts)
            {
                // A request that keeps landing on devices that fail under it spends its retry budget like any failure.
                AttemptFailed(request, device, kind, reason, null);
            }
            else
            {
                Dispatch(request);
            }
        }
    }

    void IDeviceOwner.OnDeviceStateChanged(DeviceHandle device)
    {
        Interlocked.Exchange(ref _healthChanged, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        List<PendingRequest> waiting;
        lock (_parkGate)
        {
            if (_parked.Count == 0)
            {
                return;
            }

            waiting = [.. _parked.Keys];
            _parked.Clear();
        }

        foreach (var request in waiting)
        {
            Dispatch(request);
        }
    }

    void IDeviceOwner.Log(string line) => Log(line);

    private void StartDevices()
    {
        foreach (var device in _devices)
        {
            InferenceInstruments.Register(device.Metrics);
            var handle = device;
            device.Actor = ActorRef.Spawn(
                $"inference-{device.Name}",
                () => new DeviceActor(handle, this, _settings, _time),
                new ActorOptions
                {
                    // Bounded by the callers' concurrency: one message per outstanding request at most, plus timers.
                    MailboxCapacity = 1 << 20,
                    Decider = Deciders.Resuming,
                    TimeProvider = _time,
                    DeadLetters = OnActorDeadLetter,
                });
            device.Post(new DeviceMessage.Start());
        }

        if (IsOffline)
        {
            Log("inference: OFFLINE mode: no model is configured; every completion comes from deterministic heuristics and is marked offline");
        }
    }

    private void OnActorDeadLetter(DeadLetter letter)
    {
        // A device actor's handler failed on a request (a bug): the request must still end somewhere.
        if (letter.Element is DeviceMessage.Enqueue enqueue && enqueue.Request.TryEndDispatch(enqueue.Dispatch))
        {
            AttemptFailed(enqueue.Request, null, FailureKind.ServerError, $"{letter.Stage}: {letter.Reason}: {letter.Exception?.Message}", null);
        }
        else if (letter.Exception is not null)
        {
            Log($"inference: {letter.Stage} failed handling {letter.Element?.GetType().Name}: {letter.Exception.Message}");
        }
    }

    private string DefaultModel() => _devices.Length > 0 ? _devices[0].Model : "";

    /// <summary>Sends the request to the best device, parks it while its devices start, or fails it.</summary>
    private void Dispatch(PendingRequest request)
    {
        if (request.IsDone)
        {
            return;
        }

        if (_shutdown.IsCancellationRequested)
        {
            Fail(request, FailureKind.Cancelled, "the inference router stopped before the request finished", null);
            return;
        }

        var model = request.Request.Model;
        DeviceHandle? best = null;
        var bestScore = long.MaxValue;
        var starting = false;
        DeviceHandle? down = null;
        foreach (var device in _devices)
        {
            var state = device.State;
            if (state == DeviceState.Stopped)
            {
                continue;
            }

            if (!device.Serves(model))
            {
                // A device whose model is not known yet may turn out to serve it.
                starting |= device.ModelUnknown && state != DeviceState.Unhealthy;
                continue;
            }

            switch (state)
            {
                case DeviceState.Healthy:
                    // Fewest outstanding wins; the device of the last failure only when no other can serve.
                    var score = device.Outstanding + (ReferenceEquals(device, request.AvoidDevice) ? long.MaxValue / 2 : 0);
                    if (score < bestScore)
                    {
                        best = device;
                        bestScore = score;
                    }

                    break;
                case DeviceState.Starting:
                    starting = true;
                    break;
                default:
                    down ??= device;
                    break;
            }
        }

        if (best is not null)
        {
            var dispatch = request.BeginDispatch(best);
            if (!best.Post(new DeviceMessage.Enqueue(request, dispatch)) && request.TryEndDispatch(dispatch))
            {
                AttemptFailed(request, best, FailureKind.Cancelled, $"device '{best.Name}' is not accepting requests", null);
            }

            return;
        }

        if (starting)
        {
            Park(request);
            return;
        }

        if (down is not null)
        {
            var (kind, reason) = down.LastOutage;
            AttemptFailed(request, null, kind, $"no healthy device for model '{model ?? down.Model}': {reason}", null);
            return;
        }

        Fail(request, FailureKind.NoDevice, $"no device serves model '{model}' (devices: {string.Join(", ", _devices.Select(d => $"{d.Name}={d.Model}"))})", null);
    }

    /// <summary>Holds a request until a device for its model becomes healthy, at most startup-timeout.</summary>
    private void Park(PendingRequest request)
    {
        lock (_parkGate)
        {
            // The deadline counts from the first park: being woken up and parked again does not extend it.
            request.ParkedSince ??= _time.GetTimestamp();
            _parked[request] = request.ParkedSince.Value;
            if (_parkSweep is null)
            {
                var period = TimeSpan.FromMilliseconds(Math.Clamp(_settings.StartupTimeout.TotalMilliseconds / 4, 10, 1000));
                _parkSweep = _time.CreateTimer(static state => ((InferenceRouter)state!).SweepParked(), this, period, period);
            }
        }

        // A device may have become healthy between the scan and the park: its wake-up call would be missed.
        if (_devices.Any(d => d.State == DeviceState.Healthy && d.Serves(request.Request.Model)))
        {
            ((IDeviceOwner)this).OnDeviceStateChanged(_devices[0]);
        }
    }

    private void SweepParked()
    {
        List<PendingRequest>? expired = null;
        lock (_parkGate)
        {
            foreach (var (request, since) in _parked)
            {
                if (request.IsDone || _time.GetElapsedTime(since) >= _settings.StartupTimeout)
                {
                    (expired ??= []).Add(request);
                }
            }

            expired?.ForEach(r => _parked.Remove(r));
        }

        foreach (var request in expired ?? [])
        {
            Fail(request, FailureKind.NoDevice,
                $"no device for model '{request.Request.Model ?? DefaultModel()}' became healthy within startup-timeout ({_settings.StartupTimeout})", null);
        }
    }

    private void AttemptFailed(PendingRequest request, DeviceHandle? device, FailureKind kind, string reason, TimeSpan? retryAfter)
    {
        request.Attempts++;
        if (device is not null)
        {
            request.AvoidDevice = device;
        }

        if (!IsRetryable(kind) || request.Attempts >= _settings.Retry.MaxAttempts || _shutdown.IsCancellationRequested)
        {
            Fail(request, kind, reason, device);
            return;
        }

        Interlocked.Increment(ref _retries);
        InferenceInstruments.Retries.Add(1, new KeyValuePair<string, object?>("model", request.CacheModel));
        var delay = _settings.Retry.Delay(request.Attempts - 1, Random.Shared.NextDouble());
        if (retryAfter is { } after && after > delay)
        {
            delay = after < _settings.Retry.MaxBackoff ? after : _settings.Retry.MaxBackoff;
        }

        _ = RetryLaterAsync(request, delay);
    }

    private async Task RetryLaterAsync(PendingRequest request, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _time, _shutdown.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Fail(request, FailureKind.Cancelled, "the inference router stopped before the request finished", null);
            return;
        }

        Dispatch(request);
    }

    private static bool IsRetryable(FailureKind kind) => kind is not (FailureKind.ClientError or FailureKind.Cancelled or FailureKind.NoDevice);

    private async Task StoreThenSucceedAsync(IResponseCache cache, string key, PendingRequest request, Completion completion)
    {
        try
        {
            await cache.PutAsync(key, completion, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The answer is good even if it could not be stored; a resumed run pays for it again.
            Log($"inference: could not store a completion in the response cache: {ex.GetType().Name}: {ex.Message}");
        }

        Succeed(request, completion);
    }

    private void Succeed(PendingRequest request, Completion completion)
    {
        if (request.Outcome.TrySetResult(new InferenceOutcome.Succeeded(completion)))
        {
            Interlocked.Increment(ref _succeeded);
        }
    }

    private void Fail(PendingRequest request, FailureKind kind, string reason, DeviceHandle? device)
    {
        var failed = new InferenceOutcome.Failed(kind, reason, request.Attempts, request.Request);
        if (!request.Outcome.TrySetResult(failed))
        {
            return;
        }

        Interlocked.Increment(ref _failed);
        Interlocked.Increment(ref _failedByKind[(int)kind]);
        InferenceInstruments.DeadLetters.Add(1,
            new KeyValuePair<string, object?>("model", device?.Model ?? request.CacheModel),
            new KeyValuePair<string, object?>("kind", InferenceInstruments.KindTag(kind)));
        try
        {
            _options.DeadLetters?.Invoke(failed);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log($"inference: the dead-letter callback threw {ex.GetType().Name}: {ex.Message}");
        }
    }

    private void Log(string line)
    {
        try
        {
            _options.Log?.Invoke(line);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A failing log sink must not take inference down.
            System.Diagnostics.Trace.TraceWarning($"inference log sink threw {ex.GetType().Name}: {ex.Message}");
        }
    }
}
