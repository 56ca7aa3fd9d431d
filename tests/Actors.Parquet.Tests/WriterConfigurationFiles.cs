using Actors.Parquet;

namespace Actors.Parquet.Tests;

/// <summary>
/// Writes one file per writer configuration (codec x dictionary mode x page version, every column
/// kind required/optional/list in each) and runs parquet-verify once over all of them.
/// </summary>
public sealed class WriterConfigurationFiles : IDisposable
{
    public const int RowCount = 1500;

    private readonly Lazy<IReadOnlyDictionary<string, VerifyResult>> _results;

    public WriterConfigurationFiles()
    {
        Directory = Path.Combine(Path.GetTempPath(), "actors-parquet-configs-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Rows = TestData.Rows(Schema, RowCount, new Random(2024));
        _results = new Lazy<IReadOnlyDictionary<string, VerifyResult>>(WriteAndVerify);
    }

    public static IEnumerable<TheoryDataRow> Configurations()
    {
        foreach (var codec in new[] { ParquetCodec.None, ParquetCodec.Snappy, ParquetCodec.Gzip })
        {
            foreach (string dictionary in new[] { "dictionary", "fallback", "plain" })
            {
                foreach (int version in new[] { 1, 2 })
                {
                    yield return new TheoryDataRow(codec, dictionary, version);
                }
            }
        }
    }

    public sealed record TheoryDataRow(ParquetCodec Codec, string Dictionary, int PageVersion)
    {
        public string Name => $"{Codec}-{Dictionary}-v{PageVersion}".ToLowerInvariant();

        public ParquetWriterOptions Options => new()
        {
            Codec = Codec,
            DataPageVersion = PageVersion,

            // "fallback": small enough that high-cardinality chunks overflow and fall back to PLAIN
            // while low-cardinality ones (s_cat, booleans excepted) keep their dictionary.
            DictionaryPageSizeLimit = Dictionary switch { "dictionary" => 1 << 20, "fallback" => 256, _ => 0 },
            PageSize = 4096,
            RowGroupSize = 48 * 1024,
        };
    }

    public ParquetSchema Schema { get; } = TestData.AllKinds();

    public List<object?[]> Rows { get; }

    public string Directory { get; }

    public string PathOf(TheoryDataRow configuration) => Path.Combine(Directory, configuration.Name + ".parquet");

    public VerifyResult ResultOf(TheoryDataRow configuration) => _results.Value[configuration.Name];

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private Dictionary<string, VerifyResult> WriteAndVerify()
    {
        var files = new List<string>();
        var names = new List<string>();
        foreach (var configuration in Configurations())
        {
            byte[] bytes = TestData.WriteAsync(Schema, Rows, configuration.Options, new Dictionary<string, string> { ["config"] = configuration.Name })
                .GetAwaiter().GetResult();
            File.WriteAllBytes(PathOf(configuration), bytes);
            files.Add(PathOf(configuration));
            names.Add(configuration.Name);
        }

        var results = ParquetVerifier.Run(files, RowCount);
        return names.Zip(results).ToDictionary(p => p.First, p => p.Second);
    }
}
