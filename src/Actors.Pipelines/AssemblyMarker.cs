namespace Actors.Pipelines;

internal static class AssemblyMarker
{
}
