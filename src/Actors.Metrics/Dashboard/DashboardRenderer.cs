using System.Globalization;
using System.Text;
using Actors.Metrics.Terminal;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Actors.Metrics.Dashboard;

/// <summary>Draws a <see cref="DashboardView"/>: Spectre tables for a terminal, or plain lines for logs and pipes.</summary>
internal static class DashboardRenderer
{
    public static IRenderable Render(DashboardView view, string source, string? error)
    {
        var parts = new List<IRenderable>
        {
            new Markup($"[bold]actors watch[/] {TextFormat.Markup(source)}  [grey]{Header(view)}[/]"),
        };
        if (error is not null)
        {
            parts.Add(new Markup($"[red]{TextFormat.Markup(error)}[/]"));
        }

        if (view.Progress.Count > 0)
        {
            var table = NewTable("Progress", "Run", "Stage", "Done", "Expected", "Rate", "ETA");
            foreach (var p in view.Progress)
            {
                table.AddRow(Cells(p.Run, p.Stage, TextFormat.Number(p.Done), p.Expected is { } e ? TextFormat.Number(e) : "-", TextFormat.Rate(p.PerSecond), TextFormat.Duration(p.EtaSeconds)));
            }

            parts.Add(table);
        }

        if (view.Stages.Count > 0)
        {
            var table = NewTable("Stages", "Graph", "Stage", "In/s", "Out/s", "Queue", "In flight", "Dropped", "Failed", "Latency", "p95");
            foreach (var s in view.Stages)
            {
                table.AddRow(Cells(s.Graph, s.Stage, TextFormat.Rate(s.InPerSecond), TextFormat.Rate(s.OutPerSecond), TextFormat.Number(s.QueueDepth),
                    TextFormat.Number(s.InFlight), TextFormat.Number(s.Dropped), TextFormat.Number(s.Failed), TextFormat.Milliseconds(s.LatencyMs), TextFormat.Milliseconds(s.LatencyP95Ms)));
            }

            parts.Add(table);
        }

        if (view.ActorGroups.Count > 0)
        {
            var table = NewTable("Actors", "Group", "Actors", "Processed/s", "Mailbox", "Failed", "Dead letters", "Restarts", "Latency");
            foreach (var a in view.ActorGroups)
            {
                table.AddRow(Cells(a.Group, a.Actors.ToString(CultureInfo.InvariantCulture), TextFormat.Rate(a.ProcessedPerSecond), TextFormat.Number(a.MailboxDepth),
                    TextFormat.Number(a.Failed), TextFormat.Number(a.DeadLettered), TextFormat.Number(a.Restarts), TextFormat.Milliseconds(a.LatencyMs)));
            }

            parts.Add(table);
        }

        if (view.Devices.Count > 0)
        {
            var table = NewTable("Devices", "Device", "Models", "Requests/s", "Tokens/s", "Out tok/s", "Latency", "p95", "Errors", "In flight");
            foreach (var d in view.Devices)
            {
                table.AddRow(Cells(d.Device, d.Models, TextFormat.Rate(d.RequestsPerSecond), TextFormat.Rate(d.TokensPerSecond), TextFormat.Rate(d.OutputTokensPerSecond), TextFormat.Milliseconds(d.LatencyMs),
                    TextFormat.Milliseconds(d.LatencyP95Ms), TextFormat.Number(d.Errors), TextFormat.Number(d.InFlight)));
            }

            parts.Add(table);
        }

        if (!view.Quality.IsEmpty)
        {
            parts.Add(new Panel(new Markup(TextFormat.Markup(QualityText(view.Quality)))) { Header = new PanelHeader("Quality") });
            if (view.Quality.Scores.Any(static b => b.Count > 0))
            {
                var chart = new BarChart().Label("Scores").Width(60);
                foreach (var bucket in view.Quality.Scores)
                {
                    chart.AddItem(ScoreLabel(bucket.UpperBound), bucket.Count, Color.Green);
                }

                parts.Add(chart);
            }
        }

        if (view.Progress.Count == 0 && view.Stages.Count == 0 && view.ActorGroups.Count == 0 && view.Devices.Count == 0 && view.Quality.IsEmpty)
        {
            parts.Add(new Markup("[grey]no Actors metrics yet[/]"));
        }

        return new Rows(parts);
    }

    public static List<string> PlainLines(DashboardView view, string source)
    {
        var lines = new List<string> { $"{view.Time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)} {TextFormat.Clean(source)} {Header(view)}" };
        foreach (var p in view.Progress)
        {
            string expected = p.Expected is { } e ? "/" + TextFormat.Number(e) : "";
            lines.Add($"  progress {Clean(p.Run)}/{Clean(p.Stage)}: {TextFormat.Number(p.Done)}{expected} {TextFormat.Rate(p.PerSecond)} ETA {TextFormat.Duration(p.EtaSeconds)}");
        }

        foreach (var s in view.Stages)
        {
            lines.Add($"  stage {Clean(s.Graph)}/{Clean(s.Stage)}: in {TextFormat.Number(s.In)} ({TextFormat.Rate(s.InPerSecond)}) out {TextFormat.Number(s.Out)} ({TextFormat.Rate(s.OutPerSecond)}) " +
                $"queue {TextFormat.Number(s.QueueDepth)} in-flight {TextFormat.Number(s.InFlight)} dropped {TextFormat.Number(s.Dropped)} failed {TextFormat.Number(s.Failed)} latency {TextFormat.Milliseconds(s.LatencyMs)}");
        }

        foreach (var a in view.ActorGroups)
        {
            lines.Add($"  actors {Clean(a.Group)}: {a.Actors} live, processed {TextFormat.Number(a.Processed)} ({TextFormat.Rate(a.ProcessedPerSecond)}) mailbox {TextFormat.Number(a.MailboxDepth)} " +
                $"failed {TextFormat.Number(a.Failed)} dead-lettered {TextFormat.Number(a.DeadLettered)} restarts {TextFormat.Number(a.Restarts)} latency {TextFormat.Milliseconds(a.LatencyMs)}");
        }

        foreach (var d in view.Devices)
        {
            string models = d.Models.Length > 0 ? $" [{Clean(d.Models)}]" : "";
            lines.Add($"  device {Clean(d.Device)}{models}: requests {TextFormat.Number(d.Requests)} ({TextFormat.Rate(d.RequestsPerSecond)}) tokens {TextFormat.Number(d.Tokens)} ({TextFormat.Rate(d.TokensPerSecond)}, out {TextFormat.Rate(d.OutputTokensPerSecond)}) " +
                $"latency {TextFormat.Milliseconds(d.LatencyMs)} p95 {TextFormat.Milliseconds(d.LatencyP95Ms)} errors {TextFormat.Number(d.Errors)} in-flight {TextFormat.Number(d.InFlight)}");
        }

        if (!view.Quality.IsEmpty)
        {
            lines.Add("  quality: " + TextFormat.Clean(QualityText(view.Quality)));
        }

        if (lines.Count == 1)
        {
            lines.Add("  no Actors metrics yet");
        }

        return lines;
    }

    private static string Header(DashboardView view)
    {
        var header = new StringBuilder();
        header.Append(view.WindowSeconds is { } w ? $"window {w.ToString("0.#", CultureInfo.InvariantCulture)}s" : "totals (rates need two snapshots)");
        if (view.EtaSeconds is { } eta)
        {
            header.Append(" ETA ").Append(TextFormat.Duration(eta));
        }

        if (view.Nodes.Count > 1 || view.Nodes.Any(static n => n.AgeSeconds > 0))
        {
            header.Append(" nodes: ").Append(string.Join(", ", view.Nodes.Select(static n => $"{TextFormat.Clean(n.Node)} ({TextFormat.Duration(n.AgeSeconds)} ago)")));
        }

        return header.ToString();
    }

    private static string QualityText(QualityStatus q)
    {
        var text = new StringBuilder();
        text.Append("accepted ").Append(TextFormat.Number(q.Accepted)).Append(" (").Append(TextFormat.Percent(q.AcceptanceRate)).Append(", ")
            .Append(TextFormat.Rate(q.AcceptedPerSecond)).Append(") dropped ").Append(TextFormat.Number(q.Dropped));
        if (q.DropsByReason.Count > 0)
        {
            text.Append(" [").Append(string.Join(", ", q.DropsByReason.Select(static d => $"{d.Name} {TextFormat.Number(d.Count)}"))).Append(']');
        }

        text.Append(" similarity-rejected ").Append(TextFormat.Number(q.SimilarityRejections))
            .Append(" parse-failures ").Append(TextFormat.Number(q.ParseFailures));
        if (q.Scores.Count > 0)
        {
            text.Append(" scores ").Append(string.Join(" ", q.Scores.Where(static b => b.Count > 0).Select(static b => $"{ScoreLabel(b.UpperBound)}:{TextFormat.Number(b.Count)}")));
            text.Append(" mean ").Append(q.MeanScore is { } m ? m.ToString("0.00", CultureInfo.InvariantCulture) : "-");
        }

        return text.ToString();
    }

    private static string ScoreLabel(double upperBound) =>
        double.IsPositiveInfinity(upperBound) ? ">max" : "≤" + TextFormat.Number(upperBound);

    private static string Clean(string text) => TextFormat.Clean(text);

    private static Table NewTable(string title, params string[] columns)
    {
        var table = new Table { Title = new TableTitle(title) }.Border(TableBorder.Simple);
        for (int i = 0; i < columns.Length; i++)
        {
            var column = new TableColumn(columns[i]);
            table.AddColumn(i < 2 ? column : column.RightAligned());
        }

        return table;
    }

    private static IRenderable[] Cells(params string[] values) => [.. values.Select(static v => new Text(TextFormat.Clean(v)))];
}
