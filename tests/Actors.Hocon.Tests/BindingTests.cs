using Actors.Hocon.Binding;
using Actors.Hocon.Tests.Options;

namespace Actors.Hocon.Tests;

public sealed class BindingTests
{
    [Fact]
    public void Kebab_keys_bind_to_init_properties_and_unset_keys_keep_defaults()
    {
        var options = TestHocon.Parse("p { codec = gzip, row-group-size = 128MiB, flush-interval = 250ms, columns = [a, b] }").Bind<ParquetLikeOptions>("p");
        Assert.Equal(Compression.Gzip, options.Codec);
        Assert.Equal(128L << 20, options.RowGroupSize);
        Assert.Equal(1 << 20, options.PageSize);
        Assert.True(options.WriteStatistics);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.FlushInterval);
        Assert.Equal(["a", "b"], options.Columns);
        Assert.Null(options.Comment);
    }

    [Theory]
    [InlineData("GZIP", Compression.Gzip)]
    [InlineData("zstd-fast", Compression.ZstdFast)]
    [InlineData("zstd_fast", Compression.ZstdFast)]
    public void Enums_bind_case_insensitively_in_kebab_case(string text, Compression expected)
    {
        Assert.Equal(expected, TestHocon.Parse($"p.codec = {text}").Bind<ParquetLikeOptions>("p").Codec);
    }

    [Fact]
    public void Nested_objects_positional_records_and_dictionaries_bind()
    {
        var config = TestHocon.Parse("""
            inference {
              default-backend = openai
              retry { max-attempts = 3, min-backoff = 1s }
              devices {
                gpu0 { endpoint = "http://127.0.0.1:8000/v1", model = m, gpu = 0 }
                gpu1 { endpoint = "http://127.0.0.1:8001/v1", model = m, max-batch = 8, max-wait = 5ms }
              }
            }
            """);
        var options = config.Bind<InferenceLikeOptions>("inference");
        Assert.Equal("openai", options.DefaultBackend);
        Assert.Equal(3, options.Retry.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(1), options.Retry.MinBackoff);
        Assert.Equal(0, options.Devices["gpu0"].Gpu);
        Assert.Equal(32, options.Devices["gpu0"].MaxBatch);
        Assert.Null(options.Devices["gpu1"].Gpu);
        Assert.Equal(8, options.Devices["gpu1"].MaxBatch);
        Assert.Equal(TimeSpan.FromMilliseconds(5), options.Devices["gpu1"].MaxWait);
        Assert.Equal(new Uri("http://127.0.0.1:8001/v1"), options.Devices["gpu1"].Endpoint);
    }

    [Fact]
    public void Unknown_key_suggests_the_closest_property()
    {
        var error = Assert.Throws<ConfigurationException>(() => TestHocon.Parse("p {\n  row-group-sise = 1\n}").Bind<ParquetLikeOptions>("p"));
        Assert.Equal("test.conf:2: unknown setting p.row-group-sise; did you mean p.row-group-size?", error.Message);
    }

    [Theory]
    [InlineData("p.page-size = 8GiB", "does not fit in a 32-bit integer")]
    [InlineData("p.codec = lz4", "\"lz4\" is not one of none | snappy | gzip | zstd-fast")]
    [InlineData("p.write-statistics = 3", "expected a boolean")]
    [InlineData("p.columns = a", "expected an array")]
    [InlineData("p.flush-interval = null", "null is not allowed")]
    [InlineData("p.codec = null", "null is not allowed")]
    public void Wrong_types_fail_with_the_location_and_path(string text, string expected)
    {
        var error = Assert.Throws<ConfigurationException>(() => TestHocon.Parse("\n" + text).Bind<ParquetLikeOptions>("p"));
        Assert.StartsWith("test.conf:2: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_required_members_and_constructor_parameters_are_reported()
    {
        var retry = Assert.Throws<ConfigurationException>(() => TestHocon.Parse("r { max-attempts = 2 }").Bind<RetryLikeOptions>("r"));
        Assert.Contains("r.min-backoff is required", retry.Message, StringComparison.Ordinal);

        var device = Assert.Throws<ConfigurationException>(() => TestHocon.Parse("d { model = m }").Bind<DeviceOptions>("d"));
        Assert.Contains("d.endpoint is required", device.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_options_type_rejecting_a_value_is_reported_at_its_configuration()
    {
        var error = Assert.Throws<ConfigurationException>(() => TestHocon.Parse("\nr { max-attempts = 0, min-backoff = 1s }").Bind<RetryLikeOptions>("r"));
        Assert.StartsWith("test.conf:2: r: max-attempts must be at least 1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RowGroupSize", "row-group-size")]
    [InlineData("MaxInFlight", "max-in-flight")]
    [InlineData("HTTPTimeout", "http-timeout")]
    [InlineData("TopP", "top-p")]
    [InlineData("Gpu0", "gpu0")]
    [InlineData("rowGroupSize", "row-group-size")]
    public void Member_names_map_to_kebab_case(string member, string key)
    {
        Assert.Equal(key, NameMapping.ToKebab(member));
        Assert.True(NameMapping.Matches(key, member));
    }

    [Fact]
    public void Binding_reads_the_reference_sections()
    {
        var parquet = HoconConfig.Load(null).Bind<ParquetLikeOptions>("actors.parquet");
        Assert.Equal(Compression.Snappy, parquet.Codec);
        Assert.Equal(64L << 20, parquet.RowGroupSize);
    }

    [Fact]
    public void A_configuration_recorded_as_json_loads_back_to_the_same_configuration()
    {
        var recorded = HoconConfig.Load(null).ToJson();
        Assert.Equal(recorded, HoconConfig.LoadText(recorded, "recorded").ToJson());
        var error = Assert.Throws<ConfigurationException>(() => HoconConfig.LoadText("actors.parquet.no-such-setting = 1", "recorded"));
        Assert.Contains("recorded", error.Message, StringComparison.Ordinal);
    }
}
