namespace Actors.Cluster.Tests.Infrastructure;

/// <summary>
/// On a test class: its <see cref="StoreFactAttribute"/> tests are skipped, with the reason shown, when the named
/// environment variable is unset (for example PGTEST_CONN for the PostgreSQL store).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresEnvironmentAttribute(string variable, string why) : Attribute
{
    public string Variable { get; } = variable;

    public string Why { get; } = why;
}
