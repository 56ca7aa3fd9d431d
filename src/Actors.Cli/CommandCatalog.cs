using System.CommandLine;
using Actors.Cli.Commands;

namespace Actors.Cli;

/// <summary>The list of top-level commands. A new command family adds one line here.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return VersionCommand.Create();
        yield return ConfigCommand.Create();
        yield return ConvertCommand.Create();
        yield return InspectCommand.Create();
        yield return RunCommand.Create();
        yield return ResumeCommand.Create();
        yield return StatusCommand.Create();
        yield return FeedCommand.Create();
        yield return NodeCommand.Create();
        yield return WatchCommand.Create(StoreMetricsSource.Create);
    }
}
