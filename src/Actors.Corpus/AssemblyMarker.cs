namespace Actors.Corpus;

internal static class AssemblyMarker
{
}
