using Actors.Hocon;

namespace Actors.Inference.Tests;

public sealed class SettingsTests
{
    [Fact]
    public void ReferenceConf_BindsToTheDefaults()
    {
        var bound = HoconConfig.Load(null).Bind<InferenceSettings>("actors.inference");
        Assert.Equal(new InferenceSettings(), bound);
        Assert.Empty(bound.Devices);
    }

    [Fact]
    public void DeviceEntries_GetTheTemplateDefaults_AndUserValues()
    {
        var dir = Directory.CreateTempSubdirectory("actors-inference-tests");
        try
        {
            var file = Path.Combine(dir.FullName, "devices.conf");
            File.WriteAllText(file, """
                actors.inference {
                  request-timeout = 30s
                  health-check-timeout = 2s
                  unhealthy-after-connection-errors = 5
                  startup-timeout = 20 minutes
                  stop-timeout = 30s
                  restart.max-backoff = 5 minutes
                  retry.max-attempts = 3
                  devices {
                    gpu0 { endpoint = "http://127.0.0.1:8001/v1", model = "llama", gpu = 0, launch = "vllm serve llama --port 8001", launch-log = "/var/log/gpu0.log" }
                    gpu1 { endpoint = "http://127.0.0.1:8002/v1", model = "llama", max-batch = 64 }
                  }
                }
                """);
            var settings = HoconConfig.Load(file).Bind<InferenceSettings>("actors.inference");
            Assert.Equal(TimeSpan.FromSeconds(30), settings.RequestTimeout);
            Assert.Equal(3, settings.Retry.MaxAttempts);
            Assert.Equal((TimeSpan.FromSeconds(2), 5), (settings.HealthCheckTimeout, settings.UnhealthyAfterConnectionErrors));
            Assert.Equal((TimeSpan.FromMinutes(20), TimeSpan.FromSeconds(30)), (settings.StartupTimeout, settings.StopTimeout));
            Assert.Equal((TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5)), (settings.Restart.MinBackoff, settings.Restart.MaxBackoff));
            Assert.Equal("/var/log/gpu0.log", settings.Devices["gpu0"].LaunchLog);
            Assert.Equal(TimeSpan.FromMilliseconds(500), settings.Retry.MinBackoff);
            Assert.Equal(2, settings.Devices.Count);
            var gpu0 = settings.Devices["gpu0"];
            Assert.Equal("0", gpu0.Gpu);
            Assert.Equal("vllm serve llama --port 8001", gpu0.Launch);
            Assert.Equal(32, gpu0.MaxBatch);
            Assert.Equal(BackendKind.OpenAI, gpu0.Backend);
            Assert.Equal(64, settings.Devices["gpu1"].MaxBatch);
            Assert.Null(settings.Devices["gpu1"].Launch);
            Assert.Equal(TimeSpan.FromMilliseconds(20), settings.Devices["gpu1"].MaxWait);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void SingleOpenAiDevice_AddsV1WhenMissing_AndUsesOpenAiKeyVariable()
    {
        var settings = InferenceSettings.SingleOpenAiDevice(new Uri("http://10.0.0.5:8000"), "qwen");
        var (name, device) = Assert.Single(settings.EffectiveDevices());
        Assert.Equal("default", name);
        Assert.Equal(new Uri("http://10.0.0.5:8000/v1"), device.Endpoint);
        Assert.Equal("qwen", device.Model);
        Assert.Equal(BackendKind.OpenAI, device.Backend);
        Assert.Equal("OPENAI_API_KEY", settings.ApiKeyEnv);
        Assert.Equal(new Uri("http://h/custom/v1"), InferenceSettings.SingleOpenAiDevice(new Uri("http://h/custom/v1"), "m").Devices["default"].Endpoint);
    }

    [Fact]
    public void NoDevices_OfflineIsTheDefault_OpenAiDefaultMeansTheTemplateEndpoint()
    {
        var offline = Assert.Single(new InferenceSettings().EffectiveDevices());
        Assert.Equal(("offline", BackendKind.Offline), (offline.Key, offline.Value.Backend));
        var openai = Assert.Single(new InferenceSettings { DefaultBackend = BackendKind.OpenAI }.EffectiveDevices());
        Assert.Equal(BackendKind.OpenAI, openai.Value.Backend);
    }

    [Fact]
    public void UnknownDeviceKey_IsReportedWithItsLocation()
    {
        var dir = Directory.CreateTempSubdirectory("actors-inference-tests");
        try
        {
            var file = Path.Combine(dir.FullName, "bad.conf");
            File.WriteAllText(file, "actors.inference.devices.gpu0 { max-bach = 8 }\n");
            var error = Assert.Throws<ConfigurationException>(() => HoconConfig.Load(file));
            Assert.Contains("max-batch", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void OutOfRangeValues_AreRejectedWithTheSettingName()
    {
        var bad = new InferenceSettings { Devices = new Dictionary<string, DeviceSettings> { ["g"] = new() { MaxBatch = 0 } } };
        var error = Assert.Throws<ArgumentException>(bad.Validate);
        Assert.Contains("max-batch", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(new InferenceSettings { Retry = new RetrySettings { MaxAttempts = 0 } }.Validate);
    }

    [Fact]
    public void RetryDelay_DoublesUpToTheCap_WithBoundedJitter()
    {
        var retry = new RetrySettings { MinBackoff = TimeSpan.FromMilliseconds(100), MaxBackoff = TimeSpan.FromSeconds(1), RandomFactor = 0.2 };
        Assert.Equal(TimeSpan.FromMilliseconds(100), retry.Delay(0, 0));
        Assert.Equal(TimeSpan.FromMilliseconds(400), retry.Delay(2, 0));
        Assert.Equal(TimeSpan.FromSeconds(1), retry.Delay(10, 0));
        Assert.Equal(TimeSpan.FromSeconds(1.2), retry.Delay(10, 1));
    }
}
