using System.CommandLine;
using Actors.Parquet;

namespace Actors.Cli.Commands;

/// <summary>
/// <c>actors inspect FILE.parquet [--rows N]</c>: prints the schema, the row groups with their
/// column chunks (codec, encodings, sizes), the key/value metadata, then the first N rows as JSON lines.
/// </summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "Parquet file to describe." };
        var rows = new Option<int>("--rows") { Description = "How many rows to print as JSON lines (0 for none).", DefaultValueFactory = _ => 10 };
        var command = new Command("inspect", "Describe a Parquet file: schema, row groups, codecs, metadata and the first rows as JSON lines.");
        command.Arguments.Add(file);
        command.Options.Add(rows);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var path = parseResult.GetValue(file)!;
            int rowLimit = parseResult.GetValue(rows);
            if (rowLimit < 0)
            {
                await Console.Error.WriteLineAsync($"actors inspect: --rows must be 0 or more, got {rowLimit}.").ConfigureAwait(false);
                return 2;
            }

            try
            {
                var reader = await ParquetReader.OpenAsync(path.FullName, cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    await PrintAsync(reader, path.FullName, rowLimit, cancellationToken).ConfigureAwait(false);
                }

                return 0;
            }
            catch (Exception e) when (e is ParquetFormatException or IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"actors inspect: {e.Message}").ConfigureAwait(false);
                return 1;
            }
        });
        return command;
    }

    private static async Task PrintAsync(ParquetReader reader, string path, int rowLimit, CancellationToken cancellationToken)
    {
        var o = Console.Out;
        await o.WriteLineAsync($"file: {path}").ConfigureAwait(false);
        await o.WriteLineAsync($"created by: {reader.CreatedBy ?? "(not recorded)"}").ConfigureAwait(false);
        await o.WriteLineAsync($"rows: {reader.RowCount} in {reader.RowGroupCount} row group(s)").ConfigureAwait(false);
        await o.WriteLineAsync("schema:").ConfigureAwait(false);
        foreach (var field in reader.Schema.Fields)
        {
            await o.WriteLineAsync($"  {field}").ConfigureAwait(false);
        }

        for (int i = 0; i < reader.RowGroups.Count; i++)
        {
            var group = reader.RowGroups[i];
            await o.WriteLineAsync($"row group {i}: {group.RowCount} rows, {group.UncompressedSize} bytes uncompressed, {group.CompressedSize} stored").ConfigureAwait(false);
            foreach (var chunk in group.Columns)
            {
                string nulls = chunk.NullCount is { } n ? $", {n} null(s)" : "";
                await o.WriteLineAsync($"  {chunk.Path}: {chunk.PhysicalType} {chunk.Codec} [{string.Join(", ", chunk.Encodings)}] {chunk.ValueCount} values{nulls}, {chunk.CompressedSize}/{chunk.UncompressedSize} bytes").ConfigureAwait(false);
            }
        }

        await o.WriteLineAsync("metadata:").ConfigureAwait(false);
        foreach (var (key, value) in reader.CustomMetadata)
        {
            await o.WriteLineAsync($"  {key} = {value}").ConfigureAwait(false);
        }

        if (rowLimit == 0)
        {
            return;
        }

        await o.WriteLineAsync($"rows (first {rowLimit}):").ConfigureAwait(false);
        int printed = 0;
        await foreach (var row in reader.ReadRowsAsync(cancellationToken).ConfigureAwait(false))
        {
            var ordered = reader.Schema.Fields.Select(f => new KeyValuePair<string, object?>(f.Name, row[f.Name]));
            await o.WriteLineAsync(ParquetJson.FormatRow(ordered)).ConfigureAwait(false);
            if (++printed >= rowLimit)
            {
                break;
            }
        }
    }
}
