namespace Actors.Cluster.Tests;

public sealed class PartFileAuditTests : IDisposable
{
    private readonly DirectoryInfo _output = Directory.CreateTempSubdirectory("actors-audit");

    public void Dispose() => _output.Delete(recursive: true);

    [Fact]
    public async Task Audit_FindsUnrecordedMissingAndTruncatedParts()
    {
        Write("candidates/part-0.parquet", 100);
        Write("candidates/part-1.parquet", 40);   // recorded as 100 bytes: truncated
        Write("candidates/part-2.parquet", 10);   // never committed (crash before the commit)
        Write("candidates/part-3.parquet.tmp", 5); // never renamed
        Write("metrics.json", 3);                  // not a part file
        var path = Path.Combine(_output.FullName, "actors.db");
        await using var store = await RunStoreFactory.OpenAsync(new StoreSettings { Connection = path });
        var run = new RunId("r");
        await store.CreateRunAsync(new RunDefinition(run, "test", "{}", "1"));
        for (var i = 0; i < 2; i++)
        {
            await store.BeginCommit(run).AddPart(new PartFile("candidates", $"candidates/part-{i}.parquet", 1, null, OrdinalSet.Empty) { SizeBytes = 100 }).CommitAsync();
        }

        await store.BeginCommit(run).AddPart(new PartFile("candidates", "candidates/part-9.parquet", 1, null, OrdinalSet.Empty)).CommitAsync();

        var audit = PartFileAudit.Audit(_output.FullName, await store.ListPartsAsync(run),
            relative => relative.StartsWith("candidates/", StringComparison.Ordinal));

        Assert.Equal(["candidates/part-2.parquet", "candidates/part-3.parquet.tmp"], audit.Unrecorded);
        Assert.Equal(["candidates/part-9.parquet"], audit.Missing.Select(m => m.Part.RelativePath));
        Assert.Equal(["candidates/part-1.parquet"], audit.SizeMismatch.Select(m => m.Part.RelativePath));
        Assert.False(audit.IsIntact);
    }

    private void Write(string relative, int bytes)
    {
        var file = Path.Combine(_output.FullName, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllBytes(file, new byte[bytes]);
    }
}
