using System.Security.Cryptography;
using System.Text;

namespace Actors.Cluster;

/// <summary>
/// What a run is: its recipe and its effective configuration, recorded when the run is created so that
/// <c>actors resume DIR</c> can compare them with the configuration it would use now.
/// </summary>
public sealed record RunDefinition
{
    /// <summary>Describes a run.</summary>
    /// <param name="id">The run id.</param>
    /// <param name="recipe">The recipe name, for example <c>backtranslation</c> or <c>self-instruct</c>.</param>
    /// <param name="configJson">The effective configuration as JSON text; hashed as given, so render it canonically.</param>
    /// <param name="codeVersion">The version of the code that creates the run.</param>
    public RunDefinition(RunId id, string recipe, string configJson, string codeVersion)
    {
        ArgumentException.ThrowIfNullOrEmpty(recipe);
        ArgumentNullException.ThrowIfNull(configJson);
        ArgumentNullException.ThrowIfNull(codeVersion);
        Id = id;
        Recipe = recipe;
        ConfigJson = configJson;
        CodeVersion = codeVersion;
        ConfigHash = HashConfig(configJson);
    }

    /// <summary>The run id.</summary>
    public RunId Id { get; }

    /// <summary>The recipe name.</summary>
    public string Recipe { get; }

    /// <summary>The effective configuration as JSON text.</summary>
    public string ConfigJson { get; }

    /// <summary>Lower-case hex SHA-256 of the UTF-8 bytes of <see cref="ConfigJson"/>.</summary>
    public string ConfigHash { get; }

    /// <summary>The version of the code that created the run.</summary>
    public string CodeVersion { get; }

    /// <summary>The hash <see cref="ConfigHash"/> holds for <paramref name="configJson"/>.</summary>
    public static string HashConfig(string configJson)
    {
        ArgumentNullException.ThrowIfNull(configJson);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(configJson)));
    }
}
