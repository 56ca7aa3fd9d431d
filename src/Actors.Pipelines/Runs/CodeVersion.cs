using System.Reflection;
using System.Security.Cryptography;

namespace Actors.Pipelines.Runs;

/// <summary>
/// The version of the running code as recorded with a run: the product version plus a hash of the recipe
/// assembly (builds are deterministic, so the hash changes exactly when the code does).
/// </summary>
public static class CodeVersion
{
    private static readonly Lazy<string> s_current = new(Compute);

    /// <summary>This build's version string.</summary>
    public static string Current => s_current.Value;

    private static string Compute()
    {
        var assembly = typeof(CodeVersion).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        int plus = version.IndexOf('+', StringComparison.Ordinal);
        if (plus > 0)
        {
            version = version[..plus];
        }

        string hash;
        try
        {
            hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(assembly.Location)))[..12];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            hash = "unknown";
        }

        return $"{version}+{hash}";
    }
}
