using Actors.Metrics.Progress;
using Actors.Metrics.Terminal;
using Actors.Metrics.Tests.TestKit;
using Spectre.Console;

namespace Actors.Metrics.Tests;

public sealed class SummaryTableTests
{
    private static readonly Dictionary<string, object?> Summary = new()
    {
        ["run"] = "self-instruct",
        ["accepted"] = 1234L,
        ["acceptance rate"] = 0.8125,
        ["elapsed"] = TimeSpan.FromSeconds(3723),
        ["dropped by reason"] = new Dictionary<string, long> { ["too_long"] = 12, ["similarity"] = 30 },
        ["resumed"] = false,
        ["output"] = "out/\u001b[31mdata.parquet",
        ["quarantined"] = null,
    };

    [Fact]
    public void PlainText_AlignsValues_IndentsGroups_AndHasNoControlCodes()
    {
        string text = SummaryTable.ToPlainText(Summary, "Run summary");

        NoEscape.Assert(text);
        Assert.Equal(
            """
            Run summary
              run              self-instruct
              accepted         1234
              acceptance rate  0.81
              elapsed          1h02m03s
              dropped by reason
                too_long       12
                similarity     30
              resumed          no
              output           out/?[31mdata.parquet
              quarantined      -

            """.ReplaceLineEndings("\n"), text);
    }

    [Fact]
    public void AJsonSummary_RendersLikeADictionary()
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse("""
            {"run_id":"r1","records_committed":120,"rate":2.5,"resumed":true,"drops":{"too_long":3,"similarity":4},"files":["a","b"],"note":null}
            """)!.AsObject();

        string text = SummaryTable.ToPlainText(json, "Run");

        Assert.Equal(
            """
            Run
              run_id             r1
              records_committed  120
              rate               2.5
              resumed            yes
              drops
                too_long         3
                similarity       4
              files              a, b
              note               -

            """.ReplaceLineEndings("\n"), text);
    }

    [Fact]
    public void Write_GoesPlainWhenNotInteractive_AndAsATableOtherwise()
    {
        var plain = new StringWriter();
        SummaryTable.Write(Summary, TerminalOutput.Plain(plain));
        Assert.StartsWith("Summary\n", plain.ToString(), StringComparison.Ordinal);

        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Interactive = InteractionSupport.Yes, Out = new AnsiConsoleOutput(writer) });
        console.Profile.Width = 100;
        SummaryTable.Write(Summary, TerminalOutput.Interactive(console, writer));
        string table = writer.ToString();
        Assert.Contains("│ accepted", table, StringComparison.Ordinal);
        Assert.Contains("1234 │", table, StringComparison.Ordinal);
        Assert.Contains("│   too_long", table, StringComparison.Ordinal);
    }
}
