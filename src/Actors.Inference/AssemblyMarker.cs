namespace Actors.Inference;

internal static class AssemblyMarker
{
}
