using System.CommandLine;
using System.Globalization;
using Actors.Cluster;
using Actors.Pipelines.Runs;

namespace Actors.Cli.Commands;

/// <summary><c>actors status DIR</c>: progress per shard and the run's counters, read from its store.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var directory = new Argument<string?>("dir") { Description = "Output directory of a run.", Arity = ArgumentArity.ZeroOrOne };
        var store = new Option<string?>("--store") { Description = "A PostgreSQL connection string: list the cluster's nodes, jobs and shards instead." };
        var command = new Command("status", "Show a run's progress per shard and stage (or a cluster's, with --store).");
        command.Arguments.Add(directory);
        command.Options.Add(store);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (parseResult.GetValue(store) is { } connection)
            {
                return await ClusterStatus.PrintAsync(connection, cancellationToken).ConfigureAwait(false);
            }

            if (parseResult.GetValue(directory) is not { } dir)
            {
                await Console.Error.WriteLineAsync("actors status: give a run directory, or --store CONN for a cluster.").ConfigureAwait(false);
                return 2;
            }

            var layout = new RunLayout(dir);
            if (!File.Exists(layout.RunFile))
            {
                await Console.Error.WriteLineAsync($"actors status: {layout.Root} holds no run (no {RunLayout.RunFileName}).").ConfigureAwait(false);
                return 2;
            }

            var manifest = RunManifest.Load(layout.RunFile);
            var runStore = await RunLauncher.OpenStoreAsync(layout, manifest, cancellationToken).ConfigureAwait(false);
            await using var runStoreScope = runStore.ConfigureAwait(false);
            var run = new RunId(manifest.RunId);
            var record = await runStore.GetRunAsync(run, cancellationToken).ConfigureAwait(false);
            await Console.Out.WriteLineAsync($"run {manifest.RunId} ({manifest.Recipe}) state {record?.State.ToString().ToLowerInvariant() ?? "unknown"}, started {manifest.CreatedAt:u}").ConfigureAwait(false);
            await PrintShardsAsync(runStore, run, cancellationToken).ConfigureAwait(false);
            var counters = await runStore.GetCountersAsync(run, cancellationToken).ConfigureAwait(false);
            foreach (var (name, value) in counters.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {name,-40} {value,12}")).ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }

    /// <summary>Done shards are listed one per line only up to this many shards in all (a corpus may have thousands).</summary>
    private const int ListAllUpTo = 40;

    internal static async Task PrintShardsAsync(IRunStore store, RunId run, CancellationToken cancellationToken)
    {
        var shards = await store.ListShardsAsync(run, cancellationToken).ConfigureAwait(false);
        int done = shards.Count(s => s.State == ShardState.Done), failed = shards.Count(s => s.State == ShardState.Failed);
        await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  shards: {shards.Count} ({done} done, {shards.Count - done - failed} pending, {failed} failed); records committed {shards.Sum(s => s.CommittedRecords)}")).ConfigureAwait(false);
        await Console.Out.WriteLineAsync($"  {"shard",-48} {"state",-8} {"records",16} {"parts",6} {"rows",10}  owner").ConfigureAwait(false);
        bool listDone = shards.Count <= ListAllUpTo;
        foreach (var shard in shards.Where(s => listDone || s.State != ShardState.Done))
        {
            var records = shard.TotalRecords is { } total ? $"{shard.CommittedRecords}/{total}" : $"{shard.CommittedRecords}/?";
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {Truncate(shard.Id.Value, 48),-48} {shard.State.ToString().ToLowerInvariant(),-8} {records,16} {shard.Parts,6} {shard.Rows,10}  {shard.Owner?.ToString() ?? "-"}{(shard.Failure is null ? "" : "  " + shard.Failure)}")).ConfigureAwait(false);
        }

        if (!listDone && done > 0)
        {
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  ({done} done shards not listed)")).ConfigureAwait(false);
        }
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : "…" + text[^(length - 1)..];
}
