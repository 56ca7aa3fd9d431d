using System.Threading.Channels;
using Actors.Streams.Runtime;

namespace Actors.Streams.Stages;

/// <summary>
/// A source reading an external channel until the channel's writer completes it (a failed completion
/// fails the stream). Emits when the channel has an element and downstream has room.
/// </summary>
internal sealed class ChannelSource<T>(StageContext stage, Edge<T> output, ChannelReader<T> reader)
    : SourceStage<T>(stage, output)
{
    protected override async Task ProduceAsync()
    {
        while (await reader.WaitToReadAsync(Token).ConfigureAwait(false))
        {
            while (reader.TryRead(out var element))
            {
                await PushAsync(element).ConfigureAwait(false);
            }
        }
    }
}
