using System.Diagnostics;
using System.Globalization;
using Actors.Inference.Metrics;
using Actors.Streams.Actors;

namespace Actors.Inference.Devices;

/// <summary>
/// The inference actor of one device. It owns the device's endpoint (and its server process when the device has a
/// <c>launch</c> command), forms batches of at most max-batch requests that wait at most max-wait, keeps at most
/// max-in-flight backend calls running, checks health, restarts with backoff, and hands its requests back to the
/// router whenever it goes out of service.
/// </summary>
/// <remarks>
/// States: Starting (server launching or endpoint not yet checked) → Healthy → Unhealthy (two failed health checks in
/// a row, or unhealthy-after-connection-errors calls in a row that could not connect) → Healthy again after a passing
/// check. An endpoint without a launch command whose first check fails goes straight to Unhealthy.
/// A launched server that exits sends the device back to Starting and is relaunched after the restart backoff; one
/// that does not become healthy within startup-timeout is killed and relaunched. Backend calls run outside the
/// actor; their results go straight to the router and only a <see cref="DeviceMessage.BatchDone"/> comes back here,
/// so the actor's loop only does bookkeeping.
/// </remarks>
internal sealed class DeviceActor(DeviceHandle device, IDeviceOwner owner, InferenceSettings settings, TimeProvider time) : Actor<DeviceMessage>
{
    private const int FailedChecksBeforeOutage = 2;
    private static readonly TimeSpan FirstStartupPoll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxStartupPoll = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RecheckAfterFailure = TimeSpan.FromSeconds(1);

    private readonly Queue<QueuedRequest> _queue = new();
    private readonly Dictionary<long, List<QueuedRequest>> _inFlight = [];
    private readonly int _maxBatch = device.Settings.MaxBatch;
    private readonly int _maxInFlight = device.IsOffline ? Math.Max(device.Settings.MaxInFlight, Environment.ProcessorCount) : device.Settings.MaxInFlight;

    // Offline answers cost microseconds: waiting to fill a batch would only add latency.
    private readonly TimeSpan _maxWait = device.IsOffline ? TimeSpan.Zero : device.Settings.MaxWait;
    private readonly CancellationTokenSource _stopping = new();
    private CancellationTokenSource _service = new();
    private ITimer? _flushTimer;
    private bool _flushArmed;
    private ITimer? _healthTimer;
    private int _healthEpoch;
    private bool _healthCheckRunning;
    private bool _healthCheckWanted;
    private int _connectionErrors;
    private int _failedChecks;
    private int _restartsSinceHealthy;
    private int _startupPolls;
    private long _stateSince;
    private bool _readmission;
    private LaunchedServer? _server;
    private int _incarnation;
    private long _nextBatchId;
    private bool _stopped;

    protected override async ValueTask ReceiveAsync(DeviceMessage message, CancellationToken cancellationToken)
    {
        switch (message)
        {
            case DeviceMessage.Enqueue enqueue:
                OnEnqueue(enqueue);
                break;
            case DeviceMessage.Flush:
                _flushArmed = false;
                TryDispatch();
                break;
            case DeviceMessage.BatchDone done:
                OnBatchDone(done);
                break;
            case DeviceMessage.HealthTick tick when tick.Epoch == _healthEpoch && !_stopped:
                StartHealthCheck();
                break;
            case DeviceMessage.HealthChecked check:
                await OnHealthCheckedAsync(check).ConfigureAwait(false);
                break;
            case DeviceMessage.ServerExited exited when exited.Incarnation == _incarnation && !_stopped:
                OnServerExited(exited);
                break;
            case DeviceMessage.Relaunch relaunch when relaunch.Incarnation == _incarnation && !_stopped:
                Interlocked.Increment(ref device.Metrics.Restarts);
                Launch();
                break;
            case DeviceMessage.Start when !_stopped:
                OnStart();
                break;
            case DeviceMessage.Shutdown:
                await ShutdownAsync().ConfigureAwait(false);
                break;
        }
    }

    protected override async ValueTask PostStopAsync()
    {
        await ShutdownAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private void OnStart()
    {
        if (device.IsOffline)
        {
            owner.Log($"inference: device '{device.Name}' uses the OFFLINE backend: deterministic heuristics, no model; outputs are not model generations");
            BecomeHealthy();
        }
        else if (device.Settings.Launch is not null)
        {
            Launch();
        }
        else
        {
            Transition(DeviceState.Starting);
            owner.Log($"inference: device '{device.Name}' checking {device.Settings.Endpoint} (model '{device.Settings.Model}')");
            StartHealthCheck();
        }
    }

    private void OnEnqueue(DeviceMessage.Enqueue enqueue)
    {
        var queued = new QueuedRequest(enqueue.Request, enqueue.Dispatch, time.GetTimestamp());
        if (_stopped)
        {
            owner.HandBack(device, [queued], FailureKind.Cancelled, $"device '{device.Name}' stopped");
            return;
        }

        if (device.State != DeviceState.Healthy)
        {
            // The router picked this device just before it went out of service.
            var (kind, reason) = device.LastOutage;
            owner.HandBack(device, [queued], kind, reason);
            return;
        }

        _queue.Enqueue(queued);
        TryDispatch();
    }

    private void TryDispatch()
    {
        while (device.State == DeviceState.Healthy && !_stopped && _inFlight.Count < _maxInFlight)
        {
            while (_queue.TryPeek(out var head) && head.Request.IsDone)
            {
                _queue.Dequeue();
                head.Request.TryEndDispatch(head.Dispatch);
            }

            if (_queue.Count == 0)
            {
                return;
            }

            var waited = time.GetElapsedTime(_queue.Peek().EnqueuedAt);
            if (_queue.Count < _maxBatch && waited < _maxWait)
            {
                ArmFlush(_maxWait - waited);
                return;
            }

            SendBatch();
        }
    }

    private void ArmFlush(TimeSpan due)
    {
        if (_flushArmed)
        {
            return;
        }

        _flushArmed = true;
        _flushTimer ??= time.CreateTimer(static state => ((DeviceHandle)state!).Post(new DeviceMessage.Flush()), device, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _flushTimer.Change(due, Timeout.InfiniteTimeSpan);
    }

    private void SendBatch()
    {
        var batch = new List<QueuedRequest>(Math.Min(_maxBatch, _queue.Count));
        while (batch.Count < _maxBatch && _queue.TryDequeue(out var queued))
        {
            if (queued.Request.IsDone)
            {
                queued.Request.TryEndDispatch(queued.Dispatch);
                continue;
            }

            batch.Add(queued);
        }

        if (batch.Count == 0)
        {
            return;
        }

        var id = ++_nextBatchId;
        _inFlight[id] = batch;
        var token = _service.Token;
        _ = Task.Run(() => RunBatchAsync(id, batch, token), CancellationToken.None);
    }

    private async Task RunBatchAsync(long id, List<QueuedRequest> batch, CancellationToken token)
    {
        var requests = batch.ConvertAll(q => q.Request.Request);
        var started = Stopwatch.GetTimestamp();
        IReadOnlyList<BackendResult> results;
        try
        {
            results = await device.Backend.CompleteBatchAsync(requests, token).ConfigureAwait(false);
            if (results.Count != batch.Count)
            {
                var wrong = BackendResult.Fail(FailureKind.MalformedResponse, string.Create(CultureInfo.InvariantCulture,
                    $"{device.Name}: backend {device.Backend.Name} returned {results.Count} results for {batch.Count} requests"));
                results = [.. batch.Select(_ => wrong)];
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The device went out of service and already handed these requests back.
            device.Post(new DeviceMessage.BatchDone(id, Cancelled: true, OnlyConnectionErrors: false, AnySuccess: false));
            return;
        }
        catch (Exception ex)
        {
            // A backend must classify its failures; one that throws anyway still must not lose the requests.
            var failed = BackendResult.Fail(FailureKind.ServerError, $"{device.Name}: backend {device.Backend.Name} threw {ex.GetType().Name}: {ex.Message}");
            results = [.. batch.Select(_ => failed)];
        }

        var metrics = device.Metrics;
        var tags = InferenceInstruments.Tags(metrics);
        Interlocked.Increment(ref metrics.Batches);
        Interlocked.Add(ref metrics.Requests, batch.Count);
        InferenceInstruments.Latency.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, tags);
        InferenceInstruments.BatchOccupancy.Record(batch.Count / (double)_maxBatch, tags);
        var onlyConnectionErrors = true;
        var anySuccess = false;
        for (var i = 0; i < results.Count; i++)
        {
            var result = results[i];
            if (result.Completion is { } completion)
            {
                anySuccess = true;
                onlyConnectionErrors = false;
                Interlocked.Add(ref metrics.TokensIn, completion.PromptTokens);
                Interlocked.Add(ref metrics.TokensOut, completion.CompletionTokens);
            }
            else
            {
                var kind = result.Failure ?? FailureKind.ServerError;
                metrics.CountError(kind);
                onlyConnectionErrors &= kind == FailureKind.ConnectionReset;
            }
        }

        for (var i = 0; i < batch.Count; i++)
        {
            owner.OnResult(batch[i].Request, batch[i].Dispatch, results[i], device);
        }

        device.Post(new DeviceMessage.BatchDone(id, Cancelled: false, onlyConnectionErrors, anySuccess));
    }

    private void OnBatchDone(DeviceMessage.BatchDone done)
    {
        if (!_inFlight.Remove(done.BatchId) || done.Cancelled)
        {
            // Already handed back when the device went out of service.
            return;
        }

        if (done.OnlyConnectionErrors)
        {
            if (++_connectionErrors >= settings.UnhealthyAfterConnectionErrors)
            {
                GoOutOfService(FailureKind.ConnectionReset, string.Create(CultureInfo.InvariantCulture,
                    $"device '{device.Name}' out of service: {_connectionErrors} calls in a row could not connect to {device.Settings.Endpoint}"));
                return;
            }
        }
        else if (done.AnySuccess)
        {
            _connectionErrors = 0;
        }

        TryDispatch();
    }

    private void StartHealthCheck()
    {
        if (_healthCheckRunning)
        {
            _healthCheckWanted = true;
            return;
        }

        _healthCheckRunning = true;
        var epoch = _healthEpoch;
        var token = _stopping.Token;
        _ = Task.Run(async () =>
        {
            bool healthy;
            try
            {
                healthy = await device.Backend.CheckHealthAsync(token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                healthy = false;
            }

            device.Post(new DeviceMessage.HealthChecked(epoch, healthy));
        }, CancellationToken.None);
    }

    private async Task OnHealthCheckedAsync(DeviceMessage.HealthChecked check)
    {
        _healthCheckRunning = false;
        if (_stopped)
        {
            return;
        }

        if (check.Epoch != _healthEpoch)
        {
            // The state changed while it ran; its answer is about the old state.
            if (_healthCheckWanted)
            {
                _healthCheckWanted = false;
                StartHealthCheck();
            }

            return;
        }

        _healthCheckWanted = false;
        switch (device.State)
        {
            case DeviceState.Healthy when check.Healthy:
                _failedChecks = 0;
                ScheduleHealthTick(settings.HealthCheckInterval);
                break;
            case DeviceState.Healthy when ++_failedChecks < FailedChecksBeforeOutage:
                // One slow answer from a busy server is not an outage: ask again soon before acting on it.
                ScheduleHealthTick(settings.HealthCheckInterval < RecheckAfterFailure ? settings.HealthCheckInterval : RecheckAfterFailure);
                break;
            case DeviceState.Healthy:
                GoOutOfService(FailureKind.ConnectionReset, string.Create(CultureInfo.InvariantCulture,
                    $"device '{device.Name}' out of service: {_failedChecks} health checks of {device.Settings.Endpoint} failed in a row ({HealthProblem()})"));
                break;
            case DeviceState.Starting or DeviceState.Unhealthy when check.Healthy:
                BecomeHealthy();
                break;
            case DeviceState.Starting when device.Settings.Launch is null:
                // Nobody is starting this endpoint for us: it is down, not coming up. Requests fail over or spend
                // their retries instead of waiting startup-timeout for it.
                var reason = $"device '{device.Name}' is not healthy at {device.Settings.Endpoint}: {HealthProblem()}";
                device.LastOutage = (FailureKind.ConnectionReset, reason);
                Transition(DeviceState.Unhealthy);
                owner.Log("inference: " + reason);
                ScheduleHealthTick(settings.Restart.Delay(_restartsSinceHealthy++, Random.Shared.NextDouble()));
                break;
            case DeviceState.Starting:
                if (_server is not null && time.GetElapsedTime(_stateSince) > settings.StartupTimeout)
                {
                    owner.Log($"inference: device '{device.Name}' server not healthy after {settings.StartupTimeout}; restarting it");
                    await RestartServerAsync().ConfigureAwait(false);
                    break;
                }

                var poll = TimeSpan.FromMilliseconds(Math.Min(MaxStartupPoll.TotalMilliseconds, FirstStartupPoll.TotalMilliseconds * Math.Pow(2, Math.Min(_startupPolls++, 10))));
                ScheduleHealthTick(poll);
                break;
            case DeviceState.Unhealthy:
                if (_server is not null && time.GetElapsedTime(_stateSince) > settings.StartupTimeout)
                {
                    owner.Log($"inference: device '{device.Name}' server unhealthy for {settings.StartupTimeout}; restarting it");
                    await RestartServerAsync().ConfigureAwait(false);
                    break;
                }

                ScheduleHealthTick(settings.Restart.Delay(_restartsSinceHealthy++, Random.Shared.NextDouble()));
                break;
        }
    }

    private string HealthProblem() => device.Backend is Backends.OpenAiBackend { HealthProblem: { } problem } ? problem : "health check failed";

    private void ScheduleHealthTick(TimeSpan due)
    {
        _healthTimer?.Dispose();
        var tick = new DeviceMessage.HealthTick(_healthEpoch);
        _healthTimer = time.CreateTimer(static state =>
        {
            var (handle, message) = ((DeviceHandle, DeviceMessage))state!;
            handle.Post(message);
        }, (device, (DeviceMessage)tick), due, Timeout.InfiniteTimeSpan);
    }

    private void Transition(DeviceState state)
    {
        var changed = device.State != state;
        device.State = state;
        _healthEpoch++;
        _stateSince = time.GetTimestamp();
        if (changed && state != DeviceState.Healthy)
        {
            // Requests parked for this device may now have somewhere else to go, or nothing to wait for.
            owner.OnDeviceStateChanged(device);
        }
    }

    private void BecomeHealthy()
    {
        var wasOut = _readmission;
        _readmission = false;
        Transition(DeviceState.Healthy);
        _connectionErrors = 0;
        _failedChecks = 0;
        _restartsSinceHealthy = 0;
        _startupPolls = 0;
        if (wasOut)
        {
            Interlocked.Increment(ref device.Metrics.Restarts);
        }

        if (!device.IsOffline)
        {
            owner.Log($"inference: device '{device.Name}' healthy at {device.Settings.Endpoint} (model '{device.Model}')");
            if (device.Backend is Backends.OpenAiBackend { ModelWarning: { } warning })
            {
                owner.Log($"inference: WARNING device '{device.Name}': {warning}");
            }
            ScheduleHealthTick(settings.HealthCheckInterval);
        }

        owner.OnDeviceStateChanged(device);
        TryDispatch();
    }

    private void GoOutOfService(FailureKind kind, string reason)
    {
        device.LastOutage = (kind, reason);
        Transition(DeviceState.Unhealthy);
        _readmission = true;
        owner.Log("inference: " + reason);
        HandBackAll(kind, reason);
        ScheduleHealthTick(settings.Restart.Delay(_restartsSinceHealthy++, Random.Shared.NextDouble()));
    }

    /// <summary>Cancels the running calls and returns every queued and in-flight request to the router.</summary>
    private void HandBackAll(FailureKind kind, string reason)
    {
        var old = _service;
        _service = new CancellationTokenSource();
        old.Cancel();
        var requests = new List<QueuedRequest>(_queue.Count + (_inFlight.Count * _maxBatch));
        requests.AddRange(_queue);
        _queue.Clear();
        foreach (var batch in _inFlight.Values)
        {
            requests.AddRange(batch);
        }

        _inFlight.Clear();
        if (requests.Count > 0)
        {
            owner.HandBack(device, requests, kind, reason);
        }
    }

    private void Launch()
    {
        _incarnation++;
        _readmission = false;
        device.LastOutage = (FailureKind.ConnectionReset, $"device '{device.Name}' server is starting");
        Transition(DeviceState.Starting);
        _startupPolls = 0;
        try
        {
            _server = LaunchedServer.Start(device.Name, device.Settings.Launch!, device.Settings.Gpu, device.Settings.LaunchLog);
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            owner.Log($"inference: device '{device.Name}' could not launch its server: {ex.Message}");
            ScheduleRelaunch();
            return;
        }

        device.ServerProcessId = _server.ProcessId;
        var gpu = device.Settings.Gpu is { } g ? $" on CUDA_VISIBLE_DEVICES={g}" : "";
        owner.Log($"inference: device '{device.Name}' launched its server (pid {_server.ProcessId}){gpu}; log: {_server.LogPath}");
        var incarnation = _incarnation;
        _ = _server.Exited.ContinueWith(
            static (exited, state) =>
            {
                var (handle, incarnation) = ((DeviceHandle, int))state!;
                handle.Post(new DeviceMessage.ServerExited(incarnation, exited.Result));
            },
            (device, incarnation), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        ScheduleHealthTick(FirstStartupPoll);
    }

    private void OnServerExited(DeviceMessage.ServerExited exited)
    {
        _server = null;
        device.ServerProcessId = null;
        var reason = string.Create(CultureInfo.InvariantCulture, $"device '{device.Name}' server exited with code {exited.ExitCode}");
        owner.Log("inference: " + reason + "; restarting it");
        device.LastOutage = (FailureKind.ConnectionReset, reason);

        // Starting, not Unhealthy: requests for this model wait for the relaunch unless another device serves them.
        Transition(DeviceState.Starting);
        HandBackAll(FailureKind.ConnectionReset, reason);
        ScheduleRelaunch();
    }

    private void ScheduleRelaunch()
    {
        var delay = settings.Restart.Delay(_restartsSinceHealthy++, Random.Shared.NextDouble());
        _healthTimer?.Dispose();
        _healthTimer = time.CreateTimer(static state =>
        {
            var (handle, message) = ((DeviceHandle, DeviceMessage))state!;
            handle.Post(message);
        }, (device, (DeviceMessage)new DeviceMessage.Relaunch(_incarnation)), delay, Timeout.InfiniteTimeSpan);
    }

    private async Task RestartServerAsync()
    {
        var server = _server;
        _server = null;
        _incarnation++;
        device.ServerProcessId = null;
        Transition(DeviceState.Starting);
        HandBackAll(FailureKind.Timeout, $"device '{device.Name}' server restarting (not healthy)");
        if (server is not null)
        {
            await server.StopAsync(settings.StopTimeout, time).ConfigureAwait(false);
        }

        ScheduleRelaunch();
    }

    private async Task ShutdownAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await _stopping.CancelAsync().ConfigureAwait(false);
        _flushTimer?.Dispose();
        _healthTimer?.Dispose();
        HandBackAll(FailureKind.Cancelled, $"device '{device.Name}' stopped");
        device.State = DeviceState.Stopped;
        if (_server is { } server)
        {
            _server = null;
            owner.Log($"inference: device '{device.Name}' stopping its server (pid {server.ProcessId})");
            await server.StopAsync(settings.StopTimeout, time).ConfigureAwait(false);
            device.ServerProcessId = null;
        }
    }
}
