using System.CommandLine;
using Actors.Cli;

var root = new RootCommand(
    "Actors: a streaming dataflow engine that generates instruction-tuning data " +
    "(Self-Instruct, instruction backtranslation).");

// One entry per command family; each lives in its own file under Commands/.
foreach (var command in CommandCatalog.All())
{
    root.Subcommands.Add(command);
}

return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
