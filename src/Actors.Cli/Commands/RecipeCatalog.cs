using System.CommandLine;
using Actors.Pipelines.Backtranslation;
using Actors.Pipelines.Runs;
using Actors.Pipelines.SelfInstruct;

namespace Actors.Cli.Commands;

/// <summary>The recipes this build runs, for <c>run</c>, <c>resume</c> and <c>node</c>.</summary>
internal static class RecipeCatalog
{
    public static IReadOnlyList<IRecipeDefinition> All { get; } = [new BacktranslationDefinition(), new SelfInstructDefinition()];

    /// <summary><c>run</c> subcommands of recipes other than backtranslation.</summary>
    public static IEnumerable<Command> ExtraRunCommands()
    {
        yield return SelfInstructRunCommand.Create();
    }
}
