using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Actors.Parquet.Encodings;
using Actors.Parquet.Format;

namespace Actors.Parquet.Writing;

/// <summary>
/// Turns one buffered column chunk into bytes: an optional dictionary page, then data pages cut at
/// row boundaries once they reach the page size. Returns the chunk's metadata with offsets made
/// absolute from <c>chunkOffset</c>.
/// Pages are independent once their boundaries are known, so with a codec they are encoded and
/// compressed in parallel, a batch at a time, and then written in order: compression is most of
/// the cost of writing (snappy runs at a few hundred MB/s a core), and a chunk has a page per MiB.
/// The output is the same bytes whatever the parallelism.
/// </summary>
internal sealed class ColumnChunkWriter
{
    // Pages encoded ahead of writing, per worker: enough to keep workers busy, few enough that the
    // encoded pages waiting for their turn stay a small part of the row group in memory.
    private const int PagesPerWorker = 4;

    private readonly ParquetWriterOptions _options;
    private readonly int _codec;
    private readonly ConcurrentBag<PageEncoder> _encoders = [];
    private readonly ParallelOptions _parallel;

    public ColumnChunkWriter(ParquetWriterOptions options)
    {
        _options = options;
        _codec = PageCodec.ThriftId(options.Codec);

        // Uncompressed pages are mostly copying, which more threads do not speed up (it measured
        // slower), so only compressed chunks are spread over threads.
        int workers = _codec == PageCodec.Uncompressed ? 1 : options.MaxDegreeOfParallelism;
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, workers) };
    }

    public ColumnMetadata Encode(ColumnBuffer buffer, long chunkOffset, ArrayBufferWriter<byte> output)
    {
        var leaf = buffer.Leaf;
        var dictionary = ColumnDictionary.TryBuild(buffer, _options.DictionaryPageSizeLimit);
        int start = output.WrittenCount;
        long uncompressedTotal = 0;
        long? dictionaryOffset = null;

        if (dictionary is not null)
        {
            dictionaryOffset = chunkOffset;
            var encoder = RentEncoder();
            uncompressedTotal += encoder.DictionaryPage(buffer, dictionary).WriteTo(output);
            _encoders.Add(encoder);
        }

        long dataOffset = chunkOffset + output.WrittenCount - start;
        var pages = PageRanges(buffer, dictionary, _options.PageSize);
        int batch = _parallel.MaxDegreeOfParallelism * PagesPerWorker;
        var encoded = new EncodedPage?[Math.Min(batch, pages.Count)];
        for (int first = 0; first < pages.Count; first += batch)
        {
            int count = Math.Min(batch, pages.Count - first);
            EncodeBatch(buffer, dictionary, pages, first, count, encoded);
            for (int i = 0; i < count; i++)
            {
                uncompressedTotal += encoded[i]!.WriteTo(output);
                encoded[i] = null;
            }
        }

        ParquetEncoding[] encodings = dictionary is null
            ? [ParquetEncoding.Plain, ParquetEncoding.Rle]
            : [ParquetEncoding.Plain, ParquetEncoding.Rle, ParquetEncoding.RleDictionary];
        return new ColumnMetadata
        {
            Type = leaf.Physical,
            Encodings = encodings,
            PathInSchema = leaf.Path,
            Codec = _codec,
            NumValues = buffer.EntryCount,
            TotalUncompressedSize = uncompressedTotal,
            TotalCompressedSize = output.WrittenCount - start,
            DataPageOffset = dataOffset,
            DictionaryPageOffset = dictionaryOffset,
            Statistics = _options.WriteStatistics ? StatisticsBuilder.Build(buffer) : null,
        };
    }

    private void EncodeBatch(ColumnBuffer buffer, ColumnDictionary? dictionary, List<PageRange> pages, int first, int count, EncodedPage?[] encoded)
    {
        int version = _options.DataPageVersion;
        if (count == 1 || _parallel.MaxDegreeOfParallelism == 1)
        {
            var encoder = RentEncoder();
            for (int i = 0; i < count; i++)
            {
                encoded[i] = encoder.DataPage(buffer, dictionary, version, pages[first + i]);
            }

            _encoders.Add(encoder);
            return;
        }

        try
        {
            Parallel.For(
                0,
                count,
                _parallel,
                RentEncoder,
                (i, _, encoder) =>
                {
                    encoded[i] = encoder.DataPage(buffer, dictionary, version, pages[first + i]);
                    return encoder;
                },
                _encoders.Add);
        }
        catch (AggregateException e)
        {
            for (int i = 0; i < count; i++)
            {
                encoded[i]?.Release();
                encoded[i] = null;
            }

            // A failure here is a bug, not bad input; surface it as itself, not wrapped.
            ExceptionDispatchInfo.Capture(e.Flatten().InnerExceptions[0]).Throw();
        }
    }

    private PageEncoder RentEncoder() => _encoders.TryTake(out var encoder) ? encoder : new PageEncoder(_codec);

    /// <summary>Cuts the chunk into pages: each ends at the size target, never inside a row.</summary>
    private static List<PageRange> PageRanges(ColumnBuffer buffer, ColumnDictionary? dictionary, int pageSize)
    {
        var definition = buffer.DefinitionLevels;
        var repetition = buffer.RepetitionLevels;
        int maxDef = buffer.Leaf.MaxDefinitionLevel;
        int fixedWidth = buffer.Leaf.Physical switch
        {
            PhysicalType.Boolean => 1,
            PhysicalType.Int32 => 4,
            _ => 8,
        };
        int indexWidth = dictionary is null ? 0 : (dictionary.BitWidth + 7) / 8;
        var pages = new List<PageRange>();
        int entry = 0, value = 0;
        while (entry < buffer.EntryCount)
        {
            int pageEntry = entry, pageValue = value;
            long bytes = 0;
            do
            {
                if (definition is null || definition[entry] == maxDef)
                {
                    bytes += dictionary is not null ? indexWidth
                        : buffer.Leaf.Physical == PhysicalType.ByteArray ? 4 + buffer.Binary.Length(value)
                        : fixedWidth;
                    value++;
                }

                entry++;
            }
            while (entry < buffer.EntryCount && (bytes < pageSize || (repetition is not null && repetition[entry] != 0)));
            pages.Add(new PageRange(pageEntry, entry, pageValue, value));
        }

        return pages;
    }
}
