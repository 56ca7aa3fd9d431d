namespace Actors.Metrics.Tests.TestKit;

public static class Repository
{
    /// <summary>The checkout's root: the nearest directory above the test binaries that holds Actors.sln.</summary>
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Actors.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("Actors.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
