using Spectre.Console;

namespace Actors.Metrics.Tests.TestKit;

/// <summary>Consoles for tests that check what interactive output draws.</summary>
internal static class TestConsoles
{
    /// <summary>An interactive, colour-capable console writing into <paramref name="writer"/>.</summary>
    public static IAnsiConsole Interactive(StringWriter writer, int? width = null)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.Standard,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(writer),
        });
        if (width is { } columns)
        {
            console.Profile.Width = columns;
        }

        return console;
    }
}
