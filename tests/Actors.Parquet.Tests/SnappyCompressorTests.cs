using System.Text;
using Actors.Parquet.Encodings;

namespace Actors.Parquet.Tests;

/// <summary>Our Snappy encoder, checked by decoding its output with IronSnappy (the reader's decoder).</summary>
public sealed class SnappyCompressorTests
{
    public static TheoryData<string, int> Shapes()
    {
        var data = new TheoryData<string, int>();
        foreach (string shape in new[] { "random", "zeros", "two-symbols", "text", "runs" })
        {
            // Around the small-input cut-off (17), literal tag sizes (60, 256), the 64 KiB block, and beyond.
            foreach (int length in new[] { 0, 1, 4, 16, 17, 18, 59, 60, 61, 255, 256, 257, 4096, 65535, 65536, 65537, 200_000, 1 << 20 })
            {
                data.Add(shape, length);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Output_decodes_to_the_input(string shape, int length)
    {
        byte[] input = Make(shape, length, new Random(length));
        byte[] decoded = IronSnappy.Snappy.Decode(Compress(input));
        Assert.Equal(input, decoded);
    }

    [Fact]
    public void Repetitive_input_shrinks_and_random_input_stays_within_the_bound()
    {
        byte[] text = Make("text", 1 << 20, new Random(1));
        Assert.True(Compress(text).Length < text.Length / 2, "repetitive text should compress to under half");
        byte[] random = Make("random", 1 << 20, new Random(2));
        Assert.InRange(Compress(random).Length, random.Length, SnappyCompressor.MaxCompressedLength(random.Length));
    }

    [Fact]
    public void Random_slices_of_mixed_data_round_trip()
    {
        var random = new Random(11);
        byte[] pool = [.. Make("text", 300_000, random), .. Make("random", 100_000, random), .. Make("runs", 100_000, random)];
        for (int trial = 0; trial < 300; trial++)
        {
            int length = random.Next(0, 150_000);
            int start = random.Next(0, pool.Length - length);
            byte[] input = pool.AsSpan(start, length).ToArray();
            Assert.Equal(input, IronSnappy.Snappy.Decode(Compress(input)));
        }
    }

    private static byte[] Compress(byte[] input)
    {
        var output = new byte[SnappyCompressor.MaxCompressedLength(input.Length)];
        int length = SnappyCompressor.Compress(input, output, new ushort[SnappyCompressor.TableSize]);
        return output.AsSpan(0, length).ToArray();
    }

    private static byte[] Make(string shape, int length, Random random)
    {
        var bytes = new byte[length];
        switch (shape)
        {
            case "random":
                random.NextBytes(bytes);
                break;
            case "two-symbols":
                for (int i = 0; i < length; i++)
                {
                    bytes[i] = (byte)('a' + random.Next(2));
                }

                break;
            case "text":
                byte[][] words = [.. new[] { "the ", "model ", "answer ", "données ", "東京 ", "question, ", "is ", "a\n" }.Select(Encoding.UTF8.GetBytes)];
                for (int at = 0; at < length;)
                {
                    byte[] word = words[random.Next(words.Length)];
                    int take = Math.Min(word.Length, length - at);
                    word.AsSpan(0, take).CopyTo(bytes.AsSpan(at));
                    at += take;
                }

                break;
            case "runs":
                for (int i = 0; i < length;)
                {
                    int run = Math.Min(length - i, random.Next(1, 300));
                    bytes.AsSpan(i, run).Fill((byte)random.Next(4));
                    i += run;
                }

                break;
            default:
                break;
        }

        return bytes;
    }
}
