namespace Actors.Cluster.Tests;

/// <summary>
/// Entry point when this test assembly runs as a child process (<c>dotnet Actors.Cluster.Tests.dll crash-writer DB</c>);
/// the test host never calls it.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["crash-writer", var path])
        {
            await CrashWriter.RunAsync(path);
            return 0;
        }

        await Console.Error.WriteLineAsync("usage: Actors.Cluster.Tests crash-writer DB");
        return 2;
    }
}
