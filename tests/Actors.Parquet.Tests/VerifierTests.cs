using System.Text.Json.Nodes;
using Actors.Parquet;

namespace Actors.Parquet.Tests;

/// <summary>Every writer configuration, checked by DuckDB, hyparquet and arrow-rs with --strict.</summary>
public sealed class VerifierTests : IClassFixture<WriterConfigurationFiles>
{
    private readonly WriterConfigurationFiles _files;

    public VerifierTests(WriterConfigurationFiles files) => _files = files;

    public static TheoryData<ParquetCodec, string, int> Configurations()
    {
        var data = new TheoryData<ParquetCodec, string, int>();
        foreach (var c in WriterConfigurationFiles.Configurations())
        {
            data.Add(c.Codec, c.Dictionary, c.PageVersion);
        }

        return data;
    }

    [VerifierTheory]
    [MemberData(nameof(Configurations))]
    public void Configuration_passes_strict_verification_and_rows_match(ParquetCodec codec, string dictionary, int pageVersion)
    {
        var configuration = new WriterConfigurationFiles.TheoryDataRow(codec, dictionary, pageVersion);
        var result = _files.ResultOf(configuration);

        Assert.True(result.Ok, $"{configuration.Name}: parquet-verify --strict found problems: {result.Problems}");
        Assert.Equal(WriterConfigurationFiles.RowCount, result.Rows.Count);
        for (int i = 0; i < result.Rows.Count; i++)
        {
            var expected = JsonNode.Parse(TestData.Json(_files.Schema, _files.Rows[i]));
            Assert.True(TestData.JsonEquals(expected, result.Rows[i]), $"{configuration.Name} row {i}: expected {expected!.ToJsonString()}, verifier read {result.Rows[i].ToJsonString()}");
        }
    }

    [VerifierTheory]
    [MemberData(nameof(Configurations))]
    public async Task Configuration_uses_the_encodings_it_promises(ParquetCodec codec, string dictionary, int pageVersion)
    {
        var configuration = new WriterConfigurationFiles.TheoryDataRow(codec, dictionary, pageVersion);
        _ = _files.ResultOf(configuration);
        await using var reader = await ParquetReader.OpenAsync(_files.PathOf(configuration));
        var chunks = reader.RowGroups.SelectMany(g => g.Columns).ToList();
        bool anyDictionary = chunks.Any(c => c.HasDictionary);
        bool anyPlain = chunks.Any(c => !c.HasDictionary && c.PhysicalType != "BOOLEAN");
        switch (dictionary)
        {
            case "dictionary":
                Assert.True(anyDictionary && !anyPlain, "every non-boolean chunk should be dictionary-encoded");
                break;
            case "fallback":
                Assert.True(anyDictionary && anyPlain, "some chunks should keep a dictionary and others fall back to PLAIN");
                break;
            default:
                Assert.False(anyDictionary, "no chunk should have a dictionary");
                break;
        }
    }
}
