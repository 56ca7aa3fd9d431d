using System.Globalization;
using Actors.Hocon;

namespace Actors.Metrics.Tests;

public sealed class MetricsSettingsTests
{
    [Fact]
    public void ReferenceConf_BindsToTheDefaults()
    {
        var expected = new MetricsSettings();
        // reference.conf lets ACTORS_METRICS_PORT override the port.
        if (Environment.GetEnvironmentVariable("ACTORS_METRICS_PORT") is { Length: > 0 } port)
        {
            expected = expected with { Port = int.Parse(port, CultureInfo.InvariantCulture) };
        }

        Assert.Equal(expected, HoconConfig.Load(null).Bind<MetricsSettings>("actors.metrics"));
    }

    [Fact]
    public void UserFile_OverridesTheSection()
    {
        var dir = Directory.CreateTempSubdirectory("actors-metrics-settings");
        try
        {
            string file = Path.Combine(dir.FullName, "node.conf");
            File.WriteAllText(file, """
                actors.metrics { enabled = false, port = 0, bind = "::1", allow-remote = true, snapshot-interval = 2s, progress-interval = 1 minute }
                """);
            Assert.Equal(new MetricsSettings
            {
                Enabled = false,
                Port = 0,
                Bind = "::1",
                AllowRemote = true,
                SnapshotInterval = TimeSpan.FromSeconds(2),
                ProgressInterval = TimeSpan.FromMinutes(1),
            }, HoconConfig.Load(file).Bind<MetricsSettings>("actors.metrics"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
