namespace Actors.Metrics;

internal static class AssemblyMarker
{
}
