using System.CommandLine;
using Actors.Hocon;

namespace Actors.Cli.Commands;

/// <summary><c>actors config show</c>: prints the effective configuration, or the first configuration error.</summary>
internal static class ConfigCommand
{
    /// <summary>Exit code for bad configuration, distinct from 1 (other failures).</summary>
    private const int ConfigurationError = 2;

    public static Command Create()
    {
        var command = new Command("config", "Inspect the HOCON configuration.");
        var show = new Command("show", "Print the effective configuration: your file over hocon/reference.conf, with includes and substitutions resolved.");
        var file = new Option<string?>("--config") { Description = "A HOCON file whose settings override reference.conf." };
        var json = new Option<bool>("--json") { Description = "Print resolved values as a JSON object (durations in milliseconds, sizes in bytes)." };
        show.Options.Add(file);
        show.Options.Add(json);
        show.SetAction(pr => Show(pr.GetValue(file), pr.GetValue(json)));
        command.Subcommands.Add(show);
        return command;
    }

    private static int Show(string? file, bool json)
    {
        HoconConfig config;
        try
        {
            config = HoconConfig.Load(file);
        }
        catch (ConfigurationException e)
        {
            // One line, file:line first, so editors and CI logs can jump to it.
            Console.Error.WriteLine(e.Message);
            return ConfigurationError;
        }

        if (!json)
        {
            Console.Out.WriteLine("# Effective configuration; each value ends with the file:line it came from.");
        }

        Console.Out.Write(json ? config.ToJson() : config.ToHocon(includeOrigins: true));
        return 0;
    }
}
