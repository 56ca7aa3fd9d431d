using Actors.Cluster.Postgres;

namespace Actors.Cluster.Tests;

public sealed class PostgresSchemaNameTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("$user, public", null)]
    [InlineData("Job_7, public", "job_7")]
    [InlineData("\"Job 7\",public", "Job 7")]
    [InlineData("\"a\"\"b\"", "a\"b")]
    public void SchemaOf_FoldsLikePostgres(string? searchPath, string? expected) =>
        Assert.Equal(expected, PostgresRunStore.SchemaOf(searchPath));
}
