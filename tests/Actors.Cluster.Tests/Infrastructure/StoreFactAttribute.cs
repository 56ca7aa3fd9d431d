using Xunit.Sdk;

namespace Actors.Cluster.Tests.Infrastructure;

/// <summary>
/// A fact that is skipped (not passed) when the concrete test class carries a <see cref="RequiresEnvironmentAttribute"/>
/// whose variable is unset; contract tests use it so the PostgreSQL run of the contract skips cleanly.
/// </summary>
[XunitTestCaseDiscoverer("Actors.Cluster.Tests.Infrastructure.StoreFactDiscoverer", "Actors.Cluster.Tests")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class StoreFactAttribute : FactAttribute
{
}
