using System.Text.Encodings.Web;
using System.Text.Json;
using Actors.Cluster;
using Actors.Parquet;

namespace Actors.Pipelines.Runs;

/// <summary>
/// JSON Lines copies of the Parquet datasets, on request: <c>export/DATASET.jsonl</c>, rows of the committed part
/// files in commit order. Rebuilt from scratch each time (atomically), so it always matches the store.
/// </summary>
public static class JsonlExport
{
    private static readonly JsonWriterOptions s_json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes one JSONL file per Parquet dataset; returns rows written by dataset.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> WriteAsync(IRunStore store, RunId run, RunLayout layout, IEnumerable<DatasetSpec> datasets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var parts = await store.ListPartsAsync(run, cancellationToken).ConfigureAwait(false);
        var written = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var dataset in datasets.Where(d => d.Format == DatasetFormat.Parquet))
        {
            var path = layout.Resolve($"export/{dataset.Name}.jsonl");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            long rows = 0;
            var file = AtomicFile.Create(path);
            await using (file.ConfigureAwait(false))
            {
                var json = new Utf8JsonWriter(file.Stream, s_json);
                await using (json.ConfigureAwait(false))
                {
                    foreach (var part in parts.Where(p => p.Part.Dataset == dataset.Name).OrderBy(p => p.CommitSequence))
                    {
                        var reader = await ParquetReader.OpenAsync(layout.Resolve(part.Part.RelativePath), cancellationToken).ConfigureAwait(false);
                        await using var readerScope = reader.ConfigureAwait(false);
                        await foreach (var row in reader.ReadRowsAsync(cancellationToken).ConfigureAwait(false))
                        {
                            PartFileWriter.WriteJsonRow(json, reader.Schema, [.. reader.Schema.Fields.Select(f => row[f.Name])]);
                            await json.FlushAsync(cancellationToken).ConfigureAwait(false);
                            file.Stream.WriteByte((byte)'\n');
                            json.Reset();
                            rows++;
                        }
                    }
                }

                await file.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            written[dataset.Name] = rows;
        }

        return written;
    }
}
