namespace Actors.Hocon.Tests.Options;

public sealed class InferenceLikeOptions
{
    public string DefaultBackend { get; set; } = "offline";

    public RetryLikeOptions Retry { get; set; } = new() { MinBackoff = TimeSpan.FromSeconds(1) };

    public Dictionary<string, DeviceOptions> Devices { get; set; } = [];
}
