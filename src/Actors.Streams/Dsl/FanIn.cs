using Actors.Streams.Runtime;
using Actors.Streams.Stages;

namespace Actors.Streams.Dsl;

/// <summary>Builds the fan-in stage shared by Merge, Partition, Broadcast and Balance composites.</summary>
internal static class FanIn
{
    public static Edge<T> Merge<T>(MaterializationContext context, StageAttributes attributes, Edge<T>[] inputs, bool eagerComplete)
    {
        var stage = context.CreateStage("merge", attributes.ForInner());
        var output = stage.CreateOutput<T>(singleWriter: false);
        var merge = new MergeStage<T>(stage, inputs, output, eagerComplete);
        context.Start(stage, merge.RunAsync);
        return output;
    }
}
