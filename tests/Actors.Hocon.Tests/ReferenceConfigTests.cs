using System.Text.Json;
using System.Text.RegularExpressions;

namespace Actors.Hocon.Tests;

/// <summary>reference.conf as defaults and schema, the open device map, and the example files in hocon/.</summary>
public sealed partial class ReferenceConfigTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Defaults_that_other_components_rely_on_have_their_agreed_values()
    {
        var config = TestHocon.Load(_dir.Write("empty.conf", string.Empty));
        Assert.Equal(16, config.GetInt("actors.streams.default-buffer-size"));
        Assert.Equal(TimeSpan.FromMilliseconds(200), config.GetDuration("actors.streams.restart.min-backoff"));
        Assert.Equal(TimeSpan.FromSeconds(30), config.GetDuration("actors.streams.restart.max-backoff"));
        Assert.Equal(0.2, config.GetDouble("actors.streams.restart.random-factor"));
        Assert.Equal(1000, config.GetInt("actors.streams.actor.mailbox-capacity"));
        Assert.Equal(TimeSpan.FromMinutes(2), config.GetDuration("actors.streams.actor.passivate-after"));
        Assert.Equal(TimeSpan.FromSeconds(30), config.GetDuration("actors.streams.actor.ask-timeout"));
        Assert.Equal("snappy", config.GetString("actors.parquet.codec"));
        Assert.Equal(64L << 20, config.GetSize("actors.parquet.row-group-size"));
        Assert.Equal(1L << 20, config.GetSize("actors.parquet.page-size"));
        Assert.Equal(1L << 20, config.GetSize("actors.parquet.dictionary-page-size-limit"));
        Assert.Equal(1, config.GetInt("actors.parquet.data-page-version"));
        Assert.True(config.GetBoolean("actors.parquet.write-statistics"));
        Assert.Equal(600, config.GetInt("actors.backtranslation.segment.min-chars"));
        Assert.Equal(3000, config.GetInt("actors.backtranslation.segment.max-chars"));
        Assert.Equal(5, config.GetInt("actors.backtranslation.score-threshold"));
        Assert.Equal(0.7, config.GetDouble("actors.self-instruct.rouge-threshold"));
        Assert.Equal("127.0.0.1", config.GetString("actors.metrics.bind"));
    }

    [Fact]
    public void Embedded_reference_is_the_file_in_the_repository()
    {
        var onDisk = HoconConfig.ParseFile(Path.Combine(TestHocon.HoconDirectory(), "reference.conf"));
        var embedded = TestHocon.Load(_dir.Write("empty.conf", string.Empty));
        Assert.Equal(onDisk.GetString("actors.parquet.codec"), embedded.GetString("actors.parquet.codec"));
        Assert.Equal(onDisk.Keys, embedded.Keys);
    }

    [Fact]
    public void Every_setting_in_reference_conf_sits_under_a_comment()
    {
        // Each setting line follows a comment, except a second assignment of the same key (an environment override).
        var lines = File.ReadAllLines(Path.Combine(TestHocon.HoconDirectory(), "reference.conf"));
        var previous = string.Empty;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (Setting().IsMatch(line))
            {
                Assert.True(previous.StartsWith('#') || IsOverride(previous, line), $"reference.conf:{i + 1}: '{line}' has no comment above it");
            }

            if (line.Length > 0)
            {
                previous = line;
            }
        }
    }

    [Theory]
    [InlineData("humpback.conf")]
    [InlineData("self-instruct.conf")]
    [InlineData("cluster.conf")]
    [InlineData("devices.example.conf")]
    public void Example_files_load_and_validate(string name)
    {
        var config = TestHocon.Load(Path.Combine(TestHocon.HoconDirectory(), name));
        Assert.True(config.HasPath("actors.streams.default-buffer-size"));
        Assert.NotEmpty(config.ToJson());
    }

    [Fact]
    public void Device_map_entries_get_template_defaults_and_the_template_disappears()
    {
        var file = _dir.Write("devices.conf", """
            actors.inference.devices {
              "*".max-batch = 64
              gpu0 { endpoint = "http://127.0.0.1:8000/v1", gpu = 0 }
              gpu1 { endpoint = "http://127.0.0.1:8001/v1", gpu = 1, max-batch = 8 }
            }
            """);
        var devices = TestHocon.Load(file).GetConfig("actors.inference.devices");
        Assert.Equal(["gpu0", "gpu1"], devices.Keys);
        Assert.Equal(64, devices.GetInt("gpu0.max-batch"));
        Assert.Equal(8, devices.GetInt("gpu1.max-batch"));
        Assert.Equal(TimeSpan.FromMilliseconds(20), devices.GetDuration("gpu0.max-wait"));
        Assert.Equal("openai", devices.GetString("gpu1.backend"));
    }

    [Fact]
    public void Substitutions_see_the_defaults_a_device_entry_inherits()
    {
        var file = _dir.Write("devices.conf", "actors.inference.devices {\n  \"*\".max-in-flight = 6\n  a { }\n  b { max-in-flight = ${actors.inference.devices.a.max-in-flight} }\n}");
        var devices = TestHocon.Load(file).GetConfig("actors.inference.devices");
        Assert.Equal(6, devices.GetInt("b.max-in-flight"));
        Assert.Equal(32, devices.GetInt("a.max-batch"));
    }

    [Fact]
    public void Unknown_key_names_file_line_path_and_the_closest_valid_key()
    {
        var file = _dir.Write("typo.conf", "actors {\n  parquet {\n    codec = gzip\n    row-group-sise = 32MiB\n  }\n}\n");
        var error = Assert.Throws<ConfigurationException>(() => TestHocon.Load(file));
        Assert.Equal(file + ":4: unknown setting actors.parquet.row-group-sise; did you mean actors.parquet.row-group-size? (hocon/reference.conf lists every setting with its default)", error.Message);
        Assert.Equal("actors.parquet.row-group-sise", error.SettingPath);
    }

    [Fact]
    public void Unknown_key_inside_a_device_entry_is_checked_against_the_template()
    {
        var file = _dir.Write("dev.conf", "actors.inference.devices.gpu0 {\n  endpont = \"http://x/v1\"\n}");
        var error = Assert.Throws<ConfigurationException>(() => TestHocon.Load(file));
        Assert.Contains(":2: unknown setting actors.inference.devices.gpu0.endpont; did you mean actors.inference.devices.gpu0.endpoint?", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("actors.streams.actor.ask-timeout = soon", "expected a duration")]
    [InlineData("actors.parquet.row-group-size = big", "expected a size")]
    [InlineData("actors.streams.default-buffer-size = many", "expected a whole number")]
    [InlineData("actors.parquet.write-statistics = maybe", "expected a boolean")]
    [InlineData("actors.parquet = 3", "expected an object")]
    [InlineData("actors.self-instruct.keyword-blacklist = image", "expected an array")]
    [InlineData("actors.metrics.bind = { a = 1 }", "expected a string")]
    public void Wrong_types_are_reported_at_the_users_line(string setting, string expected)
    {
        var file = _dir.Write("wrong.conf", "# first line\n" + setting + "\n");
        var error = Assert.Throws<ConfigurationException>(() => TestHocon.Load(file));
        Assert.StartsWith(file + ":2: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Top_level_helper_keys_are_allowed_but_a_misspelt_actors_is_not()
    {
        var helper = _dir.Write("helper.conf", "defaults { model = m }\nactors.inference.devices.g { model = ${defaults.model} }");
        Assert.Equal("m", TestHocon.Load(helper).GetString("actors.inference.devices.g.model"));

        var typo = _dir.Write("typo.conf", "actor.parquet.codec = gzip");
        Assert.Contains("did you mean actors?", Assert.Throws<ConfigurationException>(() => TestHocon.Load(typo)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Environment_overrides_declared_in_reference_conf_apply()
    {
        var config = TestHocon.Load(_dir.Write("empty.conf", string.Empty), new Dictionary<string, string> { ["ACTORS_METRICS_PORT"] = "9999" });
        Assert.Equal(9999, config.GetInt("actors.metrics.port"));
    }

    [Fact]
    public void Json_output_writes_durations_in_milliseconds_and_sizes_in_bytes()
    {
        var file = _dir.Write("user.conf", """
            base { timeout = 45 s }
            actors.streams.actor.ask-timeout = ${base.timeout}
            actors.parquet.row-group-size = 1 GB
            actors.parquet.page-size = 4096
            actors.inference.devices.gpu0.max-wait = 5ms
            """);
        using var json = JsonDocument.Parse(TestHocon.Load(file).ToJson());
        var actors = json.RootElement.GetProperty("actors");
        Assert.Equal(45_000, actors.GetProperty("streams").GetProperty("actor").GetProperty("ask-timeout").GetInt64());
        Assert.Equal(120_000, actors.GetProperty("streams").GetProperty("actor").GetProperty("passivate-after").GetInt64());
        Assert.Equal(1_000_000_000, actors.GetProperty("parquet").GetProperty("row-group-size").GetInt64());
        Assert.Equal(4096, actors.GetProperty("parquet").GetProperty("page-size").GetInt64());
        Assert.Equal(5, actors.GetProperty("inference").GetProperty("devices").GetProperty("gpu0").GetProperty("max-wait").GetInt64());
        Assert.Equal("snappy", actors.GetProperty("parquet").GetProperty("codec").GetString());
        Assert.Equal("45 s", json.RootElement.GetProperty("base").GetProperty("timeout").GetString());
    }

    [Fact]
    public void Hocon_output_names_each_values_origin()
    {
        var file = _dir.Write("user.conf", "actors.parquet.codec = gzip\n");
        var text = TestHocon.Load(file).ToHocon();
        Assert.Contains($"codec = \"gzip\"  # {file}:1", text, StringComparison.Ordinal);
        Assert.Contains("page-size = \"1MiB\"  # reference.conf:", text, StringComparison.Ordinal);
    }

    private static bool IsOverride(string previous, string line) =>
        Setting().IsMatch(previous) && previous[..previous.IndexOf('=', StringComparison.Ordinal)].Trim() == line[..line.IndexOf('=', StringComparison.Ordinal)].Trim();

    [GeneratedRegex(@"^[a-z""*][a-z0-9""*-]*\s*=")]
    private static partial Regex Setting();
}
