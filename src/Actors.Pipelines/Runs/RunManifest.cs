using System.Text.Json;
using System.Text.Json.Serialization;
using Actors.Parquet;

namespace Actors.Pipelines.Runs;

/// <summary>
/// <c>run.json</c> in the output directory: which run lives there, how it was started and where its store is,
/// so <c>actors resume DIR</c> and <c>actors status DIR</c> need nothing else. No secrets: a PostgreSQL
/// connection is recorded without its password.
/// </summary>
public sealed record RunManifest
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The run id.</summary>
    public required string RunId { get; init; }

    /// <summary><c>backtranslation</c> or <c>self-instruct</c>.</summary>
    public required string Recipe { get; init; }

    /// <summary>When the run started.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Version of the code that started it.</summary>
    public required string CodeVersion { get; init; }

    /// <summary>Hash of the effective configuration.</summary>
    public required string ConfigHash { get; init; }

    /// <summary>
    /// The effective configuration as JSON, recorded before anything else so a run killed at any moment
    /// can be resumed with exactly the configuration it started with.
    /// </summary>
    public required string ConfigJson { get; init; }

    /// <summary>The user's configuration file, absolute, or null.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>Recipe inputs as given on the command line (paths absolute).</summary>
    public Dictionary<string, string[]> Inputs { get; init; } = [];

    /// <summary>sqlite or postgres.</summary>
    public required string StoreKind { get; init; }

    /// <summary>The SQLite file (relative to the directory when inside it), or the PostgreSQL connection without password.</summary>
    public required string StoreConnection { get; init; }

    /// <summary>A manifest for a new run of <paramref name="recipe"/> with the effective configuration <paramref name="config"/>.</summary>
    public static RunManifest Create(string runId, string recipe, Actors.Hocon.HoconConfig config, string? configFile, Dictionary<string, string[]> inputs, Actors.Cluster.StoreSettings store)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(store);
        var configJson = config.ToJson();
        return new RunManifest
        {
            RunId = runId,
            Recipe = recipe,
            CreatedAt = DateTimeOffset.UtcNow,
            CodeVersion = Runs.CodeVersion.Current,
            ConfigHash = Actors.Cluster.RunDefinition.HashConfig(configJson),
            ConfigJson = configJson,
            ConfigFile = configFile,
            Inputs = inputs,
            StoreKind = store.Kind.ToString().ToLowerInvariant(),
            StoreConnection = store.Kind == Actors.Cluster.StoreKind.Sqlite ? store.Connection : RedactPassword(store.Connection),
        };
    }

    /// <summary>A connection string without its password, as run.json and job manifests record it.</summary>
    public static string RedactPassword(string connection) =>
        string.Join(';', (connection ?? string.Empty).Split(';').Where(p => !p.TrimStart().StartsWith("password", StringComparison.OrdinalIgnoreCase)));

    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a run manifest.</exception>
    public static RunManifest Load(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<RunManifest>(File.ReadAllText(path), s_json)
                ?? throw new InvalidDataException($"{path} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a valid run manifest: {e.Message}", e);
        }
    }

    /// <summary>Writes the manifest atomically (temporary file, fsync, rename).</summary>
    public async Task SaveAsync(string path, CancellationToken cancellationToken)
    {
        var file = AtomicFile.Create(path);
        await using var fileScope = file.ConfigureAwait(false);
        await JsonSerializer.SerializeAsync(file.Stream, this, s_json, cancellationToken).ConfigureAwait(false);
        await file.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
