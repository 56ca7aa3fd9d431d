using System.Buffers;
using Actors.Parquet.Encodings;
using Actors.Parquet.Format;
using Actors.Parquet.Thrift;

namespace Actors.Parquet.Tests;

/// <summary>The worked byte examples of the implementation brief (research/parquet.md §4.2, §6).</summary>
public sealed class EncodingTests
{
    [Theory]
    [InlineData(new[] { 1, 0, 1, 1, 0, 0, 1, 0 }, 1, "03 4D")]
    [InlineData(new[] { 1, 0, 1, 0 }, 1, "03 05")]
    [InlineData(new[] { 0, 1, 3, 2, 3, 3 }, 2, "03 B4 0F")]
    [InlineData(new[] { 0, 0, 0, 1, 1, 0 }, 1, "03 18")]
    public void Hybrid_encoding_matches_the_brief(int[] values, int width, string hex)
    {
        var output = new ArrayBufferWriter<byte>();
        RleBitPackedEncoder.Encode(values, width, output);
        Assert.Equal(hex, Convert.ToHexString(output.WrittenSpan).Chunk(2).Select(c => new string(c)).Aggregate((a, b) => a + " " + b));
        var decoded = new int[values.Length];
        RleBitPackedDecoder.Decode(output.WrittenSpan, width, decoded);
        Assert.Equal(values, decoded);
    }

    [Fact]
    public void Long_runs_become_rle_runs()
    {
        var output = new ArrayBufferWriter<byte>();
        RleBitPackedEncoder.Encode(Enumerable.Repeat(1, 1000).ToArray(), 1, output);
        Assert.Equal(new byte[] { 0xD0, 0x0F, 0x01 }, output.WrittenSpan.ToArray());
    }

    [Fact]
    public void Mixed_runs_round_trip()
    {
        var random = new Random(3);
        for (int trial = 0; trial < 200; trial++)
        {
            int width = random.Next(1, 9);
            int[] values = [.. Enumerable.Range(0, random.Next(1, 3000)).Select(_ => random.Next(3) == 0 ? random.Next(1 << width) : 1)];
            var output = new ArrayBufferWriter<byte>();
            RleBitPackedEncoder.Encode(values, width, output);
            var decoded = new int[values.Length];
            RleBitPackedDecoder.Decode(output.WrittenSpan, width, decoded);
            Assert.Equal(values, decoded);
        }
    }

    [Fact]
    public void Page_header_matches_the_brief()
    {
        var output = new ArrayBufferWriter<byte>();
        new PageHeader { Type = PageType.DataPage, UncompressedSize = 100, CompressedSize = 60, NumValues = 6, Encoding = ParquetEncoding.Plain }
            .Write(new ThriftCompactWriter(output));
        Assert.Equal("1500 15C801 1578 2C 150C 1500 1506 1506 00 00".Replace(" ", "", StringComparison.Ordinal), Convert.ToHexString(output.WrittenSpan));
    }

    [Fact]
    public void Timestamp_schema_element_matches_the_brief()
    {
        var output = new ArrayBufferWriter<byte>();
        new SchemaElement
        {
            Type = PhysicalType.Int64,
            Repetition = FieldRepetition.Required,
            Name = "ts",
            ConvertedType = ConvertedType.TimestampMillis,
            LogicalType = LogicalTypeAnnotation.UtcMillis,
        }.Write(new ThriftCompactWriter(output));
        Assert.Equal("1504 2500 18027473 2512 4C8C111C1C00000000 00".Replace(" ", "", StringComparison.Ordinal), Convert.ToHexString(output.WrittenSpan));
    }
}
