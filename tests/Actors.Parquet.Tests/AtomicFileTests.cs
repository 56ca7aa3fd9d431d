using Actors.Parquet;

namespace Actors.Parquet.Tests;

public sealed class AtomicFileTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("actors-atomic-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task Plain_temporary_is_path_dot_tmp_and_is_gone_after_the_commit()
    {
        var path = Path.Combine(_dir.FullName, "a.json");
        await using var file = AtomicFile.Create(path);
        Assert.Equal(path + ".tmp", file.TemporaryPath);
        await file.Stream.WriteAsync("x"u8.ToArray());
        await file.CommitAsync();
        Assert.Equal("x", await File.ReadAllTextAsync(path));
        Assert.Empty(_dir.GetFiles("*.tmp"));
    }

    [Fact]
    public async Task Writers_of_the_same_file_with_unique_temporaries_never_collide_and_the_last_rename_wins_whole()
    {
        var path = Path.Combine(_dir.FullName, "summary.json");
        await using var first = AtomicFile.Create(path, uniqueTemporary: true);
        await using var second = AtomicFile.Create(path, uniqueTemporary: true);
        Assert.NotEqual(first.TemporaryPath, second.TemporaryPath);
        Assert.EndsWith(".tmp", first.TemporaryPath, StringComparison.Ordinal);

        // Interleaved writes into two files, not one: each stays whole.
        await first.Stream.WriteAsync(new byte[1000].Select(_ => (byte)'a').ToArray());
        await second.Stream.WriteAsync(new byte[10].Select(_ => (byte)'b').ToArray());
        await first.CommitAsync();
        Assert.Equal(new string('a', 1000), await File.ReadAllTextAsync(path));
        await second.CommitAsync();
        Assert.Equal(new string('b', 10), await File.ReadAllTextAsync(path));
        Assert.Empty(_dir.GetFiles("*.tmp"));
    }
}
