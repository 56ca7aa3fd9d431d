using System.CommandLine;
using System.Globalization;
using Actors.Pipelines.SelfInstruct;

namespace Actors.Cli.Commands;

/// <summary><c>actors run self-instruct --seeds FILE --target N --out DIR</c>.</summary>
internal static class SelfInstructRunCommand
{
    public static Command Create()
    {
        var seeds = new Option<string>("--seeds") { Description = "Seed tasks (JSONL: id, instruction, instances, is_classification); a malformed line stops the run before it starts, with file:line.", Required = true };
        var target = new Option<int>("--target") { Description = "Machine-generated instructions to collect (the pool stops at exactly this many).", Required = true };
        var common = CommonOptions.Create();
        var command = new Command("self-instruct", "Self-Instruct: grow an instruction pool from seed tasks (generate, filter, ROUGE-L gate), then classify each instruction and generate its instances; writes instructions/, prompt_completion/, alpaca/ and chat/.");
        command.Options.Add(seeds);
        command.Options.Add(target);
        common.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var n = parseResult.GetValue(target);
            if (n < 1)
            {
                await Console.Error.WriteLineAsync($"actors run self-instruct: --target {n}: give at least 1.").ConfigureAwait(false);
                return 2;
            }

            var inputs = new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                [SelfInstructDefinition.SeedsInput] = [parseResult.GetValue(seeds)!],
                [SelfInstructDefinition.TargetInput] = [n.ToString(CultureInfo.InvariantCulture)],
            };
            return await RunCommand.StartAsync(new SelfInstructDefinition(), inputs, common, parseResult, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
