using Actors.Pipelines.SelfInstruct;

namespace Actors.Pipelines.Tests.SelfInstruct;

/// <summary>The self-instruct settings bound from hocon/reference.conf alone.</summary>
internal static class Settings
{
    private static readonly Lazy<SelfInstructSettings> Loaded = new(() => SelfInstructSettings.Load());

    public static SelfInstructSettings Reference => Loaded.Value;
}
