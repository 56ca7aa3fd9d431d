namespace Actors.Cluster;

internal static class AssemblyMarker
{
}
