using System.Diagnostics;
using Actors.Cluster.Tests.Contract;
using Microsoft.Data.Sqlite;

namespace Actors.Cluster.Tests;

/// <summary>The contract on the embedded SQLite store, plus what only SQLite has: its file, pragmas and crash safety.</summary>
public sealed class SqliteRunStoreTests : RunStoreContract
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("actors-store-tests");

    protected override StoreSettings NewLocation() =>
        new() { Kind = StoreKind.Sqlite, Connection = Path.Combine(_directory.FullName, $"{Guid.NewGuid():N}", "actors.db") };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task Open_RelativePath_LivesInTheBaseDirectory_InWalMode()
    {
        var output = Path.Combine(_directory.FullName, "run-output");

        await using (var store = await RunStoreFactory.OpenAsync(new StoreSettings(), baseDirectory: output))
        {
            Assert.Equal(StoreKind.Sqlite, store.Kind);
        }

        var file = Path.Combine(output, "actors.db");
        Assert.True(File.Exists(file));
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Connections_CommitWithSynchronousFull_AndWaitForOtherWriters()
    {
        var store = (Sqlite.SqliteRunStore)await OpenAsync(NewLocation() with { BusyTimeout = TimeSpan.FromSeconds(7) });

        Assert.Equal(2, await store.ReadPragmaAsync("synchronous", default)); // 2 = FULL: fsync the WAL on every commit
        Assert.Equal(7000, await store.ReadPragmaAsync("busy_timeout", default));
        Assert.Equal(1, await store.ReadPragmaAsync("foreign_keys", default));
    }

    [Fact]
    public void ResolveSqlitePath_RejectsConnectionStringsAndMemory()
    {
        Assert.Throws<ArgumentException>(() => RunStoreFactory.ResolveSqlitePath("Data Source=x.db", null));
        Assert.Throws<ArgumentException>(() => RunStoreFactory.ResolveSqlitePath(":memory:", null));
        Assert.Equal(Path.GetFullPath("/data/run/actors.db"), RunStoreFactory.ResolveSqlitePath("actors.db", "/data/run"));
        Assert.Equal("/elsewhere/x.db", RunStoreFactory.ResolveSqlitePath("/elsewhere/x.db", "/data/run"));
    }

    [Fact]
    public async Task Open_FileFromANewerSchema_FailsWithAClearMessage()
    {
        var location = NewLocation();
        await using (await RunStoreFactory.OpenAsync(location))
        {
        }

        await using (var connection = new SqliteConnection($"Data Source={location.Connection};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO schema_version (version, description, applied_at) VALUES (999, 'from the future', 0)";
            await command.ExecuteNonQueryAsync();
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RunStoreFactory.OpenAsync(location));
        Assert.Contains("999", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A child process commits units as fast as it can and is killed with SIGKILL at a random point, three times.
    /// After each kill every kind of state agrees with the part files recorded (no torn commit), every commit the
    /// child saw acknowledged is there, and the file passes SQLite's integrity check.
    /// </summary>
    [Fact]
    public async Task Sigkill_DuringCommits_LeavesEveryCommitWholeOrAbsent()
    {
        var path = NewLocation().Connection;
        var random = new Random(42);
        var acknowledged = -1;
        for (var round = 0; round < 3; round++)
        {
            var target = acknowledged + 2 + random.Next(6);
            acknowledged = Math.Max(acknowledged, await RunChildUntilAsync(path, target, extraMilliseconds: random.Next(15)));
            await VerifyCrashStoreAsync(path, acknowledged);
        }
    }

    private static async Task<int> RunChildUntilAsync(string path, int target, int extraMilliseconds)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(CrashWriter).Assembly.Location);
        start.ArgumentList.Add("crash-writer");
        start.ArgumentList.Add(path);
        using var child = Process.Start(start)!;
        var stderr = child.StandardError.ReadToEndAsync();
        var last = -1;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (last < target)
        {
            var line = await child.StandardOutput.ReadLineAsync(timeout.Token);
            if (line is null)
            {
                Assert.Fail($"the crash writer exited early with {await stderr}");
            }

            last = int.Parse(line["committed ".Length..], System.Globalization.CultureInfo.InvariantCulture);
        }

        // Land the kill somewhere inside a later commit.
        await Task.Delay(extraMilliseconds);
        child.Kill(); // SIGKILL on Unix: no finalizers, no flush, no rollback by the process.
        await child.WaitForExitAsync();
        return last;
    }

    private static async Task VerifyCrashStoreAsync(string path, int acknowledged)
    {
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", (string?)await check.ExecuteScalarAsync());
        }

        await using var store = await RunStoreFactory.OpenAsync(new StoreSettings { Connection = path });
        var run = CrashWriter.Run;
        var parts = await store.ListPartsAsync(run);
        var commits = parts.Count;
        Assert.True(commits > acknowledged, $"{commits} commits visible but commit {acknowledged} was acknowledged");
        Assert.Equal(Enumerable.Range(0, commits).Select(i => $"out/part-{i:D5}.parquet"), parts.Select(p => p.Part.RelativePath));
        var counters = await store.GetCountersAsync(run);
        Assert.Equal(commits, counters["commits"]);
        Assert.Equal(commits * CrashWriter.RowsPerCommit, counters["rows"]);
        Assert.Equal(OrdinalSet.FromRange(0, commits * CrashWriter.RowsPerCommit), await store.GetCommittedOrdinalsAsync(run, CrashWriter.Shard));
        Assert.Equal(Enumerable.Range(0, commits).Select(i => (long)i), (await ToListAsync(store.ReadPoolAsync(run))).Select(p => p.Sequence));
        Assert.Equal(commits * CrashWriter.DedupPerCommit, (await ToListAsync(store.ReadDedupEntriesAsync(run, "exact"))).Count);
        Assert.Equal(commits, await store.CountDeadLettersAsync(run));
    }
}
