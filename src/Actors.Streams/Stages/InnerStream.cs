using Actors.Streams.Runtime;

namespace Actors.Streams.Stages;

/// <summary>What the restart wrappers share: running one incarnation of an inner stream.</summary>
internal static class InnerStream
{
    /// <summary>
    /// Builds an inner stream and forwards every element it emits. Returns null when it completed and its
    /// failure when it failed (a failing factory counts); cancellation of <paramref name="token"/> propagates.
    /// However it ends, the inner stream is cancelled and elements left in its edge are counted as dropped.
    /// </summary>
    public static async Task<Exception?> ForwardAsync<T>(Func<Edge<T>> start, Func<T, ValueTask> push, Action<T> dropUnread, CancellationToken token)
    {
        Edge<T>? inner = null;
        try
        {
            inner = start();
            var reader = inner.Reader;
            while (await reader.WaitToReadAsync(token).ConfigureAwait(false))
            {
                while (reader.TryRead(out var element))
                {
                    await push(element).ConfigureAwait(false);
                }
            }

            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
        {
            return ex;
        }
        finally
        {
            inner?.Cancel(dropUnread);
        }
    }
}
