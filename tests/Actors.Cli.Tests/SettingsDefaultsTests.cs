using Actors.Hocon;
using Actors.Parquet;
using Actors.Streams.Dsl;
using Actors.Streams.Supervision;

namespace Actors.Cli.Tests;

/// <summary>
/// The options records' defaults and hocon/reference.conf must say the same thing: each section bound
/// from the reference alone equals a freshly constructed record.
/// </summary>
public sealed class SettingsDefaultsTests
{
    private static readonly HoconConfig Reference = HoconConfig.Load(null);

    [Fact]
    public void StreamsSection_BindsToTheStreamSettingsDefaults() =>
        Assert.Equal(new StreamSettings(), Reference.Bind<StreamSettings>("actors.streams"));

    [Fact]
    public void RestartSection_BindsToTheRestartSettingsDefaults() =>
        Assert.Equal(new RestartSettings(), Reference.Bind<StreamSettings>("actors.streams").Restart);

    [Fact]
    public void ParquetSection_BindsToTheWriterDefaults() =>
        Assert.Equal(new ParquetWriterOptions(), Reference.Bind<ParquetWriterOptions>("actors.parquet"));

    [Fact]
    public void UserFile_OverridesFlowIntoTheRecords()
    {
        var dir = Directory.CreateTempSubdirectory("actors-cli-tests");
        try
        {
            var file = Path.Combine(dir.FullName, "node.conf");
            File.WriteAllText(file, """
                actors.streams { default-buffer-size = 64, restart.max-backoff = 1 minute, actor.passivate-after = 30s }
                actors.parquet { codec = gzip, row-group-size = 8MiB }
                """);
            var config = HoconConfig.Load(file);
            var streams = config.Bind<StreamSettings>("actors.streams");
            Assert.Equal(64, streams.DefaultBufferSize);
            Assert.Equal(TimeSpan.FromMinutes(1), streams.Restart.MaxBackoff);
            Assert.Equal(TimeSpan.FromMilliseconds(200), streams.Restart.MinBackoff);
            Assert.Equal(TimeSpan.FromSeconds(30), streams.Actor.PassivateAfter);
            var parquet = config.Bind<ParquetWriterOptions>("actors.parquet");
            Assert.Equal(ParquetCodec.Gzip, parquet.Codec);
            Assert.Equal(8L * 1024 * 1024, parquet.RowGroupSize);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
