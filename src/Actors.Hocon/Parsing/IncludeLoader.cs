using Actors.Hocon.Syntax;

namespace Actors.Hocon.Parsing;

/// <summary>
/// Finds and parses included files relative to the including file (never the working directory, unless the
/// text being parsed has no file), and refuses include cycles.
/// </summary>
internal sealed class IncludeLoader
{
    private const int MaxDepth = 32;

    private readonly string? _directory;
    private readonly string _displayDirectory;
    private readonly IReadOnlyList<string> _chain;

    private IncludeLoader(string? directory, string displayDirectory, IReadOnlyList<string> chain)
    {
        _directory = directory;
        _displayDirectory = displayDirectory;
        _chain = chain;
    }

    /// <summary>For text that is not a file: includes resolve against <paramref name="baseDirectory"/> or the working directory.</summary>
    public static IncludeLoader ForText(string? baseDirectory) => new(baseDirectory, baseDirectory ?? string.Empty, []);

    /// <summary>For a file given by the user; <paramref name="path"/> is shown in messages as given.</summary>
    public static IncludeLoader ForFile(string path)
    {
        var full = Path.GetFullPath(path);
        return new IncludeLoader(Path.GetDirectoryName(full), Path.GetDirectoryName(path) ?? string.Empty, [full]);
    }

    public HoconObject? Load(string name, IncludeKind kind, bool required, ConfigOrigin at, IReadOnlyList<string> prefix)
    {
        if (_chain.Count >= MaxDepth)
        {
            throw new ConfigurationException(at, null, $"includes are nested more than {MaxDepth} deep at include \"{name}\"; flatten them");
        }

        if (kind == IncludeKind.Classpath)
        {
            throw new ConfigurationException(at, null, $"classpath includes are not supported (include classpath(\"{name}\")); use include file(\"...\") with a path relative to this file");
        }

        var fileName = name;
        if (kind is IncludeKind.Url or IncludeKind.Heuristic && LooksLikeUrl(name) && Uri.TryCreate(name, UriKind.Absolute, out var uri))
        {
            if (!uri.IsFile)
            {
                throw new ConfigurationException(at, null, $"cannot include \"{name}\": only file includes are supported (configuration is never fetched over the network); download it and include the file");
            }

            fileName = uri.LocalPath;
        }
        else if (kind == IncludeKind.Url)
        {
            throw new ConfigurationException(at, null, $"include url(\"{name}\") is not a URL; use include file(\"{name}\") for a file");
        }

        if (fileName.Length == 0)
        {
            throw new ConfigurationException(at, null, "include needs a file name, got an empty string");
        }

        HoconObject? loaded = null;
        var tried = new List<string>();
        foreach (var (full, display) in Candidates(fileName, at))
        {
            tried.Add(display);
            if (!File.Exists(full))
            {
                continue;
            }

            var parsed = ParseIncluded(full, display, at, prefix);
            loaded = loaded is null ? parsed : NodeMerger.MergeObjects(loaded, parsed);
        }

        if (loaded is null && required)
        {
            throw new ConfigurationException(at, null, $"required include not found: {string.Join(" or ", tried)}; create the file or drop required(...) to make it optional");
        }

        return loaded;
    }

    private static bool LooksLikeUrl(string name) =>
        name.Contains("://", StringComparison.Ordinal) || name.StartsWith("file:", StringComparison.OrdinalIgnoreCase);

    private IEnumerable<(string Full, string Display)> Candidates(string fileName, ConfigOrigin at)
    {
        string full;
        string display;
        try
        {
            var rooted = Path.IsPathRooted(fileName);
            full = Path.GetFullPath(rooted ? fileName : Path.Combine(_directory ?? Directory.GetCurrentDirectory(), fileName));
            display = rooted ? fileName : Path.Combine(_displayDirectory, fileName);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException or IOException)
        {
            throw new ConfigurationException(at, null, $"cannot include \"{fileName}\": {e.Message}", e);
        }

        // A name without an extension means "every supported format", JSON first so HOCON wins.
        if (Path.GetExtension(fileName).Length == 0)
        {
            yield return (full + ".json", display + ".json");
            yield return (full + ".conf", display + ".conf");
        }
        else
        {
            yield return (full, display);
        }
    }

    private HoconObject ParseIncluded(string full, string display, ConfigOrigin at, IReadOnlyList<string> prefix)
    {
        if (_chain.Contains(full, StringComparer.Ordinal))
        {
            var cycle = string.Join(" -> ", _chain.Append(full).Select(Path.GetFileName));
            throw new ConfigurationException(at, null, $"include cycle: {cycle}; remove one of these includes");
        }

        string text;
        try
        {
            text = File.ReadAllText(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException(at, null, $"cannot read included file {display}: {e.Message}", e);
        }

        var child = new IncludeLoader(Path.GetDirectoryName(full), Path.GetDirectoryName(display) ?? string.Empty, [.. _chain, full]);
        return HoconParser.ParseDocument(text, display, child, prefix);
    }
}
