using Actors.Inference.Routing;

namespace Actors.Inference.Devices;

/// <summary>A request held by a device: which dispatch it came with and when it was queued (a clock timestamp).</summary>
internal readonly record struct QueuedRequest(PendingRequest Request, int Dispatch, long EnqueuedAt);
