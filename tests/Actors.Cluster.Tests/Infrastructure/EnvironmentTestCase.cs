using System.ComponentModel;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Actors.Cluster.Tests.Infrastructure;

/// <summary>A test case whose skip reason is computed from the environment of the process that runs it.</summary>
public sealed class EnvironmentTestCase : XunitTestCase
{
    [EditorBrowsable(EditorBrowsableState.Never)]
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public EnvironmentTestCase()
    {
    }

    public EnvironmentTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod testMethod)
        : base(diagnosticMessageSink, display, options, testMethod)
    {
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute)
    {
        foreach (var requirement in TestMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresEnvironmentAttribute)))
        {
            var arguments = requirement.GetConstructorArguments().Cast<string>().ToArray();
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(arguments[0])))
            {
                return $"{arguments[0]} is not set: {arguments[1]}";
            }
        }

        return base.GetSkipReason(factAttribute);
    }
}
