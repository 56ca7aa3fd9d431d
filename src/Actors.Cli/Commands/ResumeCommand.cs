using System.CommandLine;
using Actors.Pipelines.Runs;

namespace Actors.Cli.Commands;

/// <summary><c>actors resume DIR</c>: continues the run recorded in DIR with its recorded configuration.</summary>
internal static class ResumeCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("dir") { Description = "Output directory of the run (holds run.json)." };
        var jsonl = new Option<bool>("--jsonl") { Description = "Also export every Parquet dataset as export/DATASET.jsonl." };
        var command = new Command("resume", "Continue a run after a crash or Ctrl-C: committed records are skipped, uncommitted files removed, nothing is done twice.");
        command.Arguments.Add(directory);
        command.Options.Add(jsonl);
        command.SetAction((parseResult, cancellationToken) => RunAttempt.ExecuteAsync(
            (attempt, ct) => RunLauncher.ResumeAsync(parseResult.GetValue(directory)!, RecipeCatalog.All, attempt, ct),
            parseResult.GetValue(jsonl),
            "actors resume",
            cancellationToken));
        return command;
    }
}
