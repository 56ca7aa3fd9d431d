using System.CommandLine;
using Actors.Parquet;
using Actors.Parquet.Jsonl;

namespace Actors.Cli.Commands;

/// <summary>
/// <c>actors convert IN.jsonl OUT.parquet</c>: infers a flat schema from JSON Lines and writes
/// Parquet. Records that do not fit are listed on stderr as <c>IN:LINE: reason</c>; without
/// <c>--quarantine</c> no output is written and the exit code is 1, with it they go to the
/// quarantine file, the rest is written and the exit code is 0.
/// </summary>
internal static class ConvertCommand
{
    public static Command Create()
    {
        var input = new Argument<FileInfo>("input") { Description = "JSON Lines file, one object per line." };
        var output = new Argument<FileInfo>("output") { Description = "Parquet file to write (written as OUTPUT.tmp, then renamed)." };
        var codec = new Option<string>("--codec") { Description = "Page compression: snappy, gzip or none.", DefaultValueFactory = _ => "snappy" };
        codec.AcceptOnlyFromAmong("snappy", "gzip", "none");
        var rowGroupSize = new Option<string>("--row-group-size") { Description = "Target uncompressed bytes per row group, e.g. 64MiB, 1 GB, 1048576.", DefaultValueFactory = _ => "64MiB" };
        var quarantine = new Option<FileInfo?>("--quarantine") { Description = "Write records that do not fit here (JSON lines with line, reason, record) and convert the rest." };

        var command = new Command("convert", "Convert JSON Lines to Parquet, inferring a flat schema (strings, integers, doubles, booleans, nulls, arrays of strings).");
        command.Arguments.Add(input);
        command.Arguments.Add(output);
        command.Options.Add(codec);
        command.Options.Add(rowGroupSize);
        command.Options.Add(quarantine);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var inputFile = parseResult.GetValue(input)!;
            var outputFile = parseResult.GetValue(output)!;
            string sizeText = parseResult.GetValue(rowGroupSize)!;
            if (!ByteSize.TryParse(sizeText, out long rowGroupBytes) || rowGroupBytes <= 0)
            {
                await Console.Error.WriteLineAsync($"actors convert: --row-group-size '{sizeText}' is not a size; use forms like 64MiB, 1 GB or 1048576.").ConfigureAwait(false);
                return 2;
            }

            if (!inputFile.Exists)
            {
                await Console.Error.WriteLineAsync($"actors convert: input {inputFile.FullName} does not exist.").ConfigureAwait(false);
                return 2;
            }

            var options = new ParquetWriterOptions
            {
                Codec = parseResult.GetValue(codec) switch { "gzip" => ParquetCodec.Gzip, "none" => ParquetCodec.None, _ => ParquetCodec.Snappy },
                RowGroupSize = rowGroupBytes,
            };
            string? quarantinePath = parseResult.GetValue(quarantine)?.FullName;
            try
            {
                var result = await JsonlConverter.ConvertAsync(
                    inputFile.FullName,
                    outputFile.FullName,
                    options,
                    quarantinePath,
                    rejected => Console.Error.WriteLine($"{inputFile.FullName}:{rejected.Line}: {rejected.Reason}"),
                    cancellationToken).ConfigureAwait(false);
                if (!result.OutputWritten)
                {
                    await Console.Error.WriteLineAsync($"actors convert: {result.RejectedCount} record(s) do not fit the inferred schema (listed above); nothing was written. Fix them, or pass --quarantine FILE to set them aside and convert the rest.").ConfigureAwait(false);
                    return 1;
                }

                await Console.Out.WriteLineAsync($"{outputFile.FullName}: {result.RowsWritten} rows, {result.Schema.Fields.Count} columns ({string.Join(", ", result.Schema.Fields)})").ConfigureAwait(false);
                if (result.RejectedCount > 0)
                {
                    await Console.Error.WriteLineAsync($"actors convert: {result.RejectedCount} record(s) quarantined in {quarantinePath}.").ConfigureAwait(false);
                }

                return 0;
            }
            catch (FormatException e)
            {
                await Console.Error.WriteLineAsync($"actors convert: {e.Message}").ConfigureAwait(false);
                return 1;
            }
        });
        return command;
    }
}
