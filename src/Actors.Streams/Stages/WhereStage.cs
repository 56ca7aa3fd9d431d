using Actors.Streams.Runtime;

namespace Actors.Streams.Stages;

/// <summary>
/// Where (filter). Emits when an element passes the predicate and downstream has room. Elements that do
/// not pass are filtered, not dropped: they are the operator's purpose and are not dead letters.
/// Backpressures when downstream backpressures. Completes when upstream completes. Cancels when
/// downstream cancels. Supervision: yes.
/// </summary>
internal sealed class WhereStage<T>(StageContext stage, Edge<T> input, Edge<T> output, Func<T, bool> predicate)
    : LinearStage<T, T>(stage, input, output)
{
    protected override ValueTask OnPushAsync(T element) => predicate(element) ? PushAsync(element) : default;
}
