using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Actors.Corpus;

namespace Actors.Bench.Scenarios;

/// <summary>
/// The corpus side of the backtranslation recipe, with no model: documents/s and MB/s through reading and parsing
/// (ShardReader), then + segmentation, then + cleaning and dedup (SegmentCleaner), each against reading and
/// decompressing the same files as raw bytes in the same run. MB counts decompressed input bytes on every line,
/// so the MB/s and documents/s ratios are equal. Runs alternate (baseline, read, segment, clean) and each figure
/// is the median of <c>--repeats</c> runs after one warm-up.
/// </summary>
/// <remarks>
/// <c>--corpus PATH[,PATH...]</c> reads existing files or directories (for example shared/data/web); without it a
/// synthetic corpus of <c>--documents N</c> documents is written to a temporary directory first (JSONL, JSONL.gz,
/// a per-record-gzip WARC of HTML pages, and markdown files; with boilerplate, duplicates, near duplicates and
/// other-language documents mixed in) and deleted at the end.
/// </remarks>
internal static class BacktranslationScenario
{
    private const double Megabyte = 1_000_000;

    public static async Task<IReadOnlyList<BenchResult>> RunAsync(string? corpus, long documents, int repeats)
    {
        if (repeats < 1)
        {
            throw new ArgumentException("--repeats must be at least 1");
        }

        DirectoryInfo? temporary = null;
        try
        {
            string[] paths;
            if (string.IsNullOrWhiteSpace(corpus))
            {
                temporary = Directory.CreateTempSubdirectory("actors-bench-corpus-");
                WriteSyntheticCorpus(temporary.FullName, checked((int)documents));
                paths = [temporary.FullName];
            }
            else
            {
                paths = corpus.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            }

            var shards = CorpusDiscovery.Discover(paths);
            if (shards.Count == 0)
            {
                throw new ArgumentException($"--corpus {corpus}: no shards found");
            }

            return await MeasureAsync(shards, repeats);
        }
        catch (CorpusDiscoveryException e)
        {
            throw new ArgumentException(e.Message, e);
        }
        finally
        {
            temporary?.Delete(recursive: true);
        }
    }

    private static async Task<IReadOnlyList<BenchResult>> MeasureAsync(IReadOnlyList<CorpusShard> shards, int repeats)
    {
        // Warm-up (JIT, page cache), and the counts every timed run must reproduce.
        var bytes = await ReadRawAsync(shards);
        var (documents, _) = await ReadDocumentsAsync(shards);
        var segments = await SegmentAsync(shards);
        var clean = await CleanAsync(shards);

        var raw = new List<double>();
        var read = new List<double>();
        var segment = new List<double>();
        var cleaning = new List<double>();
        for (var i = 0; i < repeats; i++)
        {
            raw.Add(await TimeAsync(async () => Check(await ReadRawAsync(shards), bytes)));
            read.Add(await TimeAsync(async () => Check((await ReadDocumentsAsync(shards)).Documents, documents)));
            segment.Add(await TimeAsync(async () => Check(await SegmentAsync(shards), segments)));
            cleaning.Add(await TimeAsync(async () => Check((await CleanAsync(shards)).Kept, clean.Kept)));
        }

        var megabytes = bytes / Megabyte;
        var baseline = Median(raw);
        var results = new List<BenchResult>();
        foreach (var (name, seconds) in new[] { ("read", Median(read)), ("read_segment", Median(segment)), ("read_segment_clean", Median(cleaning)) })
        {
            results.Add(new("backtranslation", $"{name}_documents_per_s", documents / seconds, documents / baseline, "documents/s"));
            results.Add(new("backtranslation", $"{name}_mb_per_s", megabytes / seconds, megabytes / baseline, "MB/s"));
        }

        // Context for the figures above (ratio = value / baseline).
        results.Add(new("backtranslation", "input_mb_decompressed", megabytes, shards.Sum(s => s.SizeBytes) / Megabyte, "MB (baseline: on disk)"));
        results.Add(new("backtranslation", "segments_kept", clean.Kept, segments, "segments (baseline: all)"));
        results.Add(new("backtranslation", "dedup_index_bytes_per_kept_segment", clean.IndexBytes / (double)Math.Max(1, clean.Kept), 1, "bytes"));
        Console.Error.WriteLine($"backtranslation: {shards.Count} shards, {documents} documents, {segments} segments; {clean.Summary}");
        return results;
    }

    private static long Check(long actual, long expected) =>
        actual == expected ? actual : throw new InvalidOperationException($"A timed run disagrees with the warm-up ({actual} vs {expected}).");

    private static async Task<double> TimeAsync(Func<Task> run)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var started = Stopwatch.GetTimestamp();
        await run();
        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    /// <summary>The baseline: the same files read (and gunzipped) as bytes, with the same 64 KiB file buffer and async reads.</summary>
    private static async Task<long> ReadRawAsync(IReadOnlyList<CorpusShard> shards)
    {
        var buffer = new byte[256 * 1024];
        long total = 0;
        foreach (var shard in shards)
        {
            await using var file = new FileStream(shard.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await using Stream stream = shard.Compression == ShardCompression.Gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                total += read;
            }
        }

        return total;
    }

    private static async Task<(long Documents, long Quarantined)> ReadDocumentsAsync(IReadOnlyList<CorpusShard> shards)
    {
        long documents = 0;
        long quarantined = 0;
        foreach (var shard in shards)
        {
            await foreach (var record in ShardReader.ReadAsync(shard))
            {
                if (record is CorpusDocument)
                {
                    documents++;
                }
                else if (record is QuarantinedRecord)
                {
                    quarantined++;
                }
            }
        }

        return (documents, quarantined);
    }

    private static async Task<long> SegmentAsync(IReadOnlyList<CorpusShard> shards)
    {
        var segmenter = new Segmenter(new SegmentSettings());
        long segments = 0;
        foreach (var shard in shards)
        {
            await foreach (var record in ShardReader.ReadAsync(shard))
            {
                if (record is CorpusDocument document)
                {
                    segments += segmenter.Split(document).Count;
                }
            }
        }

        return segments;
    }

    private static async Task<(long Kept, long IndexBytes, string Summary)> CleanAsync(IReadOnlyList<CorpusShard> shards)
    {
        var segmenter = new Segmenter(new SegmentSettings());
        var cleaner = new SegmentCleaner(new CleaningSettings(), new SegmentSettings(), new MinHashSettings());
        foreach (var shard in shards)
        {
            await foreach (var record in ShardReader.ReadAsync(shard))
            {
                if (record is CorpusDocument document)
                {
                    foreach (var segment in segmenter.Split(document))
                    {
                        cleaner.Decide(segment);
                    }
                }
            }
        }

        return (cleaner.Counts.Kept, cleaner.Exact.Bytes + cleaner.NearDuplicates.Bytes, cleaner.Counts.ToString());
    }

    // ---- Synthetic corpus -------------------------------------------------------------------------------------

    private static readonly string[] s_function = ["the", "of", "and", "to", "a", "in", "is", "that", "for", "it", "as", "was", "with", "on", "by", "this", "are", "from"];

    private static readonly string[] s_foreign = ["der", "die", "und", "el", "la", "de", "que", "les", "des", "et", "il", "una"];

    private static readonly string[] s_syllables = ["ka", "lo", "mi", "ren", "tas", "vor", "qui", "bel", "dan", "sor", "ete", "lin", "mar", "pol", "zen", "tri", "ova", "gus", "hel", "nim"];

    private static readonly string[] s_boilerplate =
    [
        "Skip to content", "Home", "About", "Blog", "Contact", "Shop",
        "We use cookies to improve your experience. By continuing you accept our cookie policy.",
        "Copyright © 2024 Example Media. All rights reserved.", "Share on Facebook", "Leave a comment",
    ];

    private static void WriteSyntheticCorpus(string directory, int documents)
    {
        var random = new Random(20230811);
        var vocabulary = Enumerable.Range(0, 5000).Select(_ => string.Concat(Enumerable.Range(0, random.Next(1, 4)).Select(_ => s_syllables[random.Next(s_syllables.Length)]))).ToArray();
        var texts = new List<string>(documents);
        for (var i = 0; i < documents; i++)
        {
            var roll = random.NextDouble();
            texts.Add(roll switch
            {
                < 0.05 when texts.Count > 0 => texts[random.Next(texts.Count)],
                < 0.10 when texts.Count > 0 => Mutate(texts[random.Next(texts.Count)], random, vocabulary),
                < 0.15 => Document(random, vocabulary, s_foreign),
                _ => Document(random, vocabulary, s_function),
            });
        }

        var json = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        var jsonlCount = documents * 4 / 10;
        var gzipCount = documents * 3 / 10;
        var warcCount = documents * 2 / 10;
        WriteJsonl(Path.Combine(directory, "part-0000.jsonl"), texts.Take(jsonlCount), json, gzip: false);
        WriteJsonl(Path.Combine(directory, "part-0001.jsonl.gz"), texts.Skip(jsonlCount).Take(gzipCount), json, gzip: true);
        WriteWarc(Path.Combine(directory, "pages-0000.warc.gz"), texts.Skip(jsonlCount + gzipCount).Take(warcCount));
        var markdown = Directory.CreateDirectory(Path.Combine(directory, "notes"));
        var n = 0;
        foreach (var text in texts.Skip(jsonlCount + gzipCount + warcCount))
        {
            File.WriteAllText(Path.Combine(markdown.FullName, $"note-{n++:D6}.md"), text);
        }
    }

    /// <summary>Markdown-like text: headings, paragraphs of sentences, and navigation lines around it.</summary>
    private static string Document(Random random, string[] vocabulary, string[] function)
    {
        var builder = new StringBuilder();
        if (random.Next(3) == 0)
        {
            foreach (var line in s_boilerplate.Take(random.Next(3, s_boilerplate.Length)))
            {
                builder.Append(line).Append('\n');
            }

            builder.Append('\n');
        }

        var target = random.Next(500, 8000);
        var level = 1;
        while (builder.Length < target)
        {
            if (random.Next(4) == 0)
            {
                level = Math.Clamp(level + random.Next(-1, 2), 1, 3);
                builder.Append(new string('#', level)).Append(' ').Append(Words(random, vocabulary, function, random.Next(2, 6))).Append("\n\n");
            }

            var sentences = random.Next(2, 9);
            for (var s = 0; s < sentences; s++)
            {
                var sentence = Words(random, vocabulary, function, random.Next(8, 25));
                builder.Append(char.ToUpperInvariant(sentence[0])).Append(sentence.AsSpan(1)).Append(". ");
            }

            builder.Length--;
            builder.Append("\n\n");
        }

        return builder.ToString().TrimEnd();
    }

    private static string Words(Random random, string[] vocabulary, string[] function, int count)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            builder.Append(i % 2 == 0 ? function[random.Next(function.Length)] : vocabulary[random.Next(vocabulary.Length)]).Append(' ');
        }

        return builder.ToString(0, builder.Length - 1);
    }

    private static string Mutate(string text, Random random, string[] vocabulary)
    {
        var words = text.Split(' ');
        for (var i = random.Next(100); i < words.Length; i += 100)
        {
            words[i] = vocabulary[random.Next(vocabulary.Length)];
        }

        return string.Join(' ', words);
    }

    private static void WriteJsonl(string path, IEnumerable<string> texts, JsonWriterOptions options, bool gzip)
    {
        using var file = File.Create(path);
        using Stream stream = gzip ? new GZipStream(file, CompressionLevel.Fastest) : file;
        using var writer = new Utf8JsonWriter(stream, options);
        var id = 0;
        foreach (var text in texts)
        {
            writer.WriteStartObject();
            writer.WriteString("id", id.ToString(CultureInfo.InvariantCulture));
            writer.WriteString("text", text);
            writer.WriteString("url", $"https://example.org/{id++}");
            writer.WriteEndObject();
            writer.Flush();
            stream.WriteByte((byte)'\n');
            writer.Reset();
        }
    }

    /// <summary>A WARC of HTML responses (with a request record before each), one gzip member per record.</summary>
    private static void WriteWarc(string path, IEnumerable<string> texts)
    {
        using var file = File.Create(path);
        var id = 0;
        foreach (var text in texts)
        {
            var uri = $"https://pages.example.org/{id++}";
            WriteRecord(file, "request", uri, "application/http; msgtype=request", Encoding.ASCII.GetBytes($"GET /{id} HTTP/1.1\r\nHost: pages.example.org\r\n\r\n"));
            var body = Encoding.UTF8.GetBytes(Html(text));
            var http = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {body.Length}\r\n\r\n");
            WriteRecord(file, "response", uri, "application/http; msgtype=response", [.. http, .. body]);
        }
    }

    private static void WriteRecord(Stream file, string type, string uri, string contentType, byte[] block)
    {
        var header = Encoding.ASCII.GetBytes(
            $"WARC/1.0\r\nWARC-Type: {type}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-05-18T01:58:10Z\r\nWARC-Record-ID: <urn:uuid:{Guid.NewGuid()}>\r\nContent-Type: {contentType}\r\nContent-Length: {block.Length}\r\n\r\n");
        using var member = new GZipStream(file, CompressionLevel.Fastest, leaveOpen: true);
        member.Write(header);
        member.Write(block);
        member.Write("\r\n\r\n"u8);
    }

    private static string Html(string text)
    {
        var builder = new StringBuilder("<!DOCTYPE html><html><head><title>Page</title><script>var analytics = 1;</script></head><body><nav><a href=\"/\">Home</a></nav>\n");
        foreach (var block in text.Split("\n\n"))
        {
            var hashes = block.TakeWhile(c => c == '#').Count();
            var content = System.Net.WebUtility.HtmlEncode(block.TrimStart('#', ' '));
            builder.Append(hashes > 0 ? $"<h{hashes}>{content}</h{hashes}>\n" : $"<p>{content.Replace("\n", "<br>", StringComparison.Ordinal)}</p>\n");
        }

        return builder.Append("<footer>© 2024 Example</footer></body></html>").ToString();
    }
}
