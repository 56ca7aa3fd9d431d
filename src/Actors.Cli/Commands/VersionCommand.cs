using System.CommandLine;
using System.Reflection;

namespace Actors.Cli.Commands;

/// <summary><c>actors version</c>: prints the build's version and runtime.</summary>
internal static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "Print the Actors version and the .NET runtime it runs on.");
        command.SetAction(_ =>
        {
            var assembly = typeof(VersionCommand).Assembly;
            var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                ?? assembly.GetName().Version?.ToString() ?? "unknown";
            Console.Out.WriteLine($"actors {version} (.NET {Environment.Version})");
            return 0;
        });
        return command;
    }
}
