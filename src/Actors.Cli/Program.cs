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

// Commands that run work (run, resume, node start) handle SIGINT/SIGTERM themselves: the first drains, the second
// aborts. System.CommandLine's own handler would cancel the invocation on the first signal, so it is turned off.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = null };
return await root.Parse(args).InvokeAsync(invocation).ConfigureAwait(false);
