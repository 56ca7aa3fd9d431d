using Actors.Hocon.Binding;
using Actors.Hocon.Parsing;
using Actors.Hocon.Rendering;
using Actors.Hocon.Resolution;
using Actors.Hocon.Schema;
using Actors.Hocon.Syntax;
using Actors.Hocon.Values;

namespace Actors.Hocon;

/// <summary>
/// A resolved HOCON configuration: parsed, merged, with every substitution and include applied. Immutable.
/// </summary>
/// <remarks>
/// <see cref="Load(string?)"/> is what the engine uses: the user's file over the embedded
/// <c>hocon/reference.conf</c>, which is both the defaults and the schema the file is checked against.
/// Paths use HOCON syntax (<c>actors.parquet.row-group-size</c>, with quotes for keys holding dots).
/// </remarks>
public sealed class HoconConfig
{
    private const string ReferenceName = "reference.conf";
    private static readonly Lazy<string> ReferenceText = new(ReadReferenceText);

    private readonly HoconObject _root;
    private readonly HoconNode? _schema;
    private readonly string _path;

    internal HoconConfig(HoconObject root, HoconNode? schema, string path)
    {
        _root = root;
        _schema = schema;
        _path = path;
    }

    /// <summary>The top-level keys of this configuration, in the order they were first written.</summary>
    public IReadOnlyList<string> Keys => _root.Keys;

    internal HoconObject Root => _root;

    /// <summary>
    /// Loads the effective configuration: <paramref name="userFile"/> (when given) over the embedded reference.conf.
    /// Substitutions not found in the configuration fall back to environment variables.
    /// </summary>
    /// <param name="userFile">A HOCON file; its includes resolve relative to it. Null for the defaults alone.</param>
    /// <returns>The validated configuration; open maps such as <c>actors.inference.devices</c> have their defaults filled in.</returns>
    /// <exception cref="ConfigurationException">Bad syntax, an unknown key, a wrong type, a missing required include, an undefined substitution or a cycle.</exception>
    public static HoconConfig Load(string? userFile) => Load(userFile, Environment.GetEnvironmentVariable);

    /// <summary>Parses and resolves HOCON text on its own, without reference.conf and without validation.</summary>
    /// <param name="text">The HOCON document.</param>
    /// <param name="sourceName">The name used in origins and error messages.</param>
    /// <param name="baseDirectory">Where relative includes are looked up; the working directory when null.</param>
    /// <returns>The resolved configuration.</returns>
    /// <exception cref="ConfigurationException">The text is not valid HOCON or a substitution cannot be resolved.</exception>
    public static HoconConfig ParseString(string text, string sourceName = "string", string? baseDirectory = null) =>
        ParseString(text, sourceName, baseDirectory, Environment.GetEnvironmentVariable);

    /// <summary>Parses and resolves one HOCON file on its own, without reference.conf and without validation.</summary>
    /// <param name="path">The file; its includes resolve relative to it.</param>
    /// <returns>The resolved configuration.</returns>
    /// <exception cref="ConfigurationException">The file is missing, unreadable or invalid.</exception>
    public static HoconConfig ParseFile(string path) => ParseFile(path, Environment.GetEnvironmentVariable);

    /// <summary>
    /// Loads <paramref name="text"/> (HOCON or JSON, e.g. a configuration recorded with a run) over the embedded
    /// reference.conf, validated like <see cref="Load(string?)"/>; <paramref name="sourceName"/> names it in errors.
    /// </summary>
    /// <param name="text">The configuration text; includes are not resolved.</param>
    /// <param name="sourceName">The name used in origins and error messages.</param>
    /// <returns>The validated configuration.</returns>
    /// <exception cref="ConfigurationException">Bad syntax, an unknown key or a wrong type.</exception>
    public static HoconConfig LoadText(string text, string sourceName) =>
        Load(HoconParser.ParseDocument(text, sourceName, IncludeLoader.ForText(null), []), Environment.GetEnvironmentVariable);

    internal static HoconConfig Load(string? userFile, Func<string, string?> environment) =>
        Load(userFile is null ? null : ParseFileTree(userFile), environment);

    private static HoconConfig Load(HoconObject? user, Func<string, string?> environment)
    {
        var referenceTree = ParseReferenceTree();

        // The schema is read without the environment, so a variable cannot change what kind a setting is.
        var reference = SubstitutionResolver.Resolve(ParseReferenceTree(), _ => null);
        var merged = user is null ? referenceTree : NodeMerger.MergeObjects(referenceTree, user);
        ReferenceSchema.StackTemplates(merged, reference);
        var resolved = SubstitutionResolver.Resolve(merged, environment);
        ReferenceSchema.Validate(resolved, reference);
        var effective = (HoconObject)ReferenceSchema.ApplyTemplates(resolved, reference);
        return new HoconConfig(effective, reference, string.Empty);
    }

    internal static HoconConfig ParseString(string text, string sourceName, string? baseDirectory, Func<string, string?> environment)
    {
        var tree = HoconParser.ParseDocument(text, sourceName, IncludeLoader.ForText(baseDirectory), []);
        return new HoconConfig(SubstitutionResolver.Resolve(tree, environment), null, string.Empty);
    }

    internal static HoconConfig ParseFile(string path, Func<string, string?> environment) =>
        new(SubstitutionResolver.Resolve(ParseFileTree(path), environment), null, string.Empty);

    /// <summary>True when a value (possibly null) is set at <paramref name="path"/>.</summary>
    /// <param name="path">A HOCON path such as <c>actors.metrics.port</c>.</param>
    /// <returns>Whether the path exists.</returns>
    public bool HasPath(string path) => TryFind(path, out _, out _);

    /// <summary>The value at <paramref name="path"/> as text; numbers and booleans as written.</summary>
    /// <param name="path">A HOCON path.</param>
    /// <returns>The text.</returns>
    /// <exception cref="ConfigurationException">The path is not set or holds an object, array or null.</exception>
    public string GetString(string path) => ScalarConverter.ToText(Find(path, out var full), full);

    /// <summary>The value at <paramref name="path"/> as a boolean (true/false, also yes/no and on/off).</summary>
    /// <param name="path">A HOCON path.</param>
    /// <returns>The boolean.</returns>
    /// <exception cref="ConfigurationException">The path is not set or is not a boolean.</exception>
    public bool GetBoolean(string path) => ScalarConverter.ToBoolean(Find(path, out var full), full);

    /// <summary>The value at <paramref name="path"/> as a 32-bit integer; a size such as <c>64KiB</c> counts as bytes.</summary>
    /// <param name="path">A HOCON path.</param>
    /// <returns>The integer.</returns>
    /// <exception cref="ConfigurationException">The path is not set, not a whole number, or out of range.</exception>
    public int GetInt(string path) => ScalarConverter.ToInt32(Find(path, out var full), full);

    /// <summary>The value at <paramref name="path"/> as a 64-bit integer; a size such as <c>64MiB</c> counts as bytes.</summary>
    /// <param name="path">A HOCON path.</param>
    /// <returns>The integer.</returns>
    /// <exception cref="ConfigurationException">The path is not set or not a whole number.</exception>
    public long GetLong(string path) => ScalarConverter.ToInt64(Find(path, out var full), full);

    /// <summary>The value at <paramref name="path"/> as a floating-point number.</summary>
    /// <param name="path">A HOCON path.</param>
    /// <returns>The number.</returns>
    /// <exception cref="ConfigurationException">The path is not set or not a number.</exception>
    public double GetDouble(string path) => ScalarConverter.ToDouble(Find(path, out var full), full);

    /// <summary>The value at <paramref name="path"/> as a duration (<c>500ms</c>, <c>10 s</c>, <c>2 minutes</c>; a bare number is milliseconds).</summary>
    /// <param name="path">A HOCON path.</param>
    /// <returns>The duration.</returns>
    /// <exception cref="ConfigurationException">The path is not set or not a duration.</exception>
    public TimeSpan GetDuration(string path) => ScalarConverter.ToDuration(Find(path, out var full), full);

    /// <summary>The value at <paramref name="path"/> as a size in bytes (<c>64MiB</c>, <c>1 GB</c>; a bare number is bytes).</summary>
    /// <param name="path">A HOCON path.</param>
    /// <returns>The number of bytes.</returns>
    /// <exception cref="ConfigurationException">The path is not set or not a size.</exception>
    public long GetSize(string path) => ScalarConverter.ToSize(Find(path, out var full), full);

    /// <summary>The array at <paramref name="path"/> as strings.</summary>
    /// <param name="path">A HOCON path.</param>
    /// <returns>The elements as text.</returns>
    /// <exception cref="ConfigurationException">The path is not set or is not an array of simple values.</exception>
    public IReadOnlyList<string> GetStringList(string path)
    {
        var node = Find(path, out var full);
        return node is HoconArray array
            ? [.. array.Items.Select((item, i) => ScalarConverter.ToText(item, $"{full}[{i}]"))]
            : throw ScalarConverter.WrongType(node, full, "an array [ ... ]");
    }

    /// <summary>The object at <paramref name="path"/> as a configuration of its own (paths relative to it).</summary>
    /// <param name="path">A HOCON path.</param>
    /// <returns>The sub-configuration.</returns>
    /// <exception cref="ConfigurationException">The path is not set or does not hold an object.</exception>
    public HoconConfig GetConfig(string path)
    {
        var node = Find(path, out var full);
        if (node is not HoconObject obj)
        {
            throw ScalarConverter.WrongType(node, full, "an object { ... }");
        }

        var schema = _schema;
        foreach (var key in HoconParser.ParsePath(path, "path"))
        {
            schema = ReferenceSchema.Child(schema, key);
        }

        return new HoconConfig(obj, schema, full);
    }

    /// <summary>Where the value at <paramref name="path"/> was written.</summary>
    /// <param name="path">A HOCON path.</param>
    /// <returns>The file and line.</returns>
    /// <exception cref="ConfigurationException">The path is not set.</exception>
    public ConfigOrigin GetOrigin(string path) => Find(path, out _).Origin;

    /// <summary>
    /// Binds the object at <paramref name="path"/> to an options type: key <c>row-group-size</c> sets property
    /// <c>RowGroupSize</c>; keys that are not set keep the type's defaults.
    /// </summary>
    /// <typeparam name="T">A record or class with a public constructor and init or set properties.</typeparam>
    /// <param name="path">A HOCON path such as <c>actors.parquet</c>.</param>
    /// <returns>The bound options.</returns>
    /// <exception cref="ConfigurationException">An unknown key, a wrong type or a missing required value, with its location.</exception>
    public T Bind<T>(string path)
        where T : notnull => (T)new ConfigBinder().Bind(typeof(T), Find(path, out var full), full)!;

    /// <summary>Binds this whole configuration to an options type; see <see cref="Bind{T}(string)"/>.</summary>
    /// <typeparam name="T">A record or class with a public constructor and init or set properties.</typeparam>
    /// <returns>The bound options.</returns>
    /// <exception cref="ConfigurationException">An unknown key, a wrong type or a missing required value, with its location.</exception>
    public T Bind<T>()
        where T : notnull => (T)new ConfigBinder().Bind(typeof(T), _root, _path)!;

    /// <summary>Renders the configuration as HOCON that parses back to the same values.</summary>
    /// <param name="includeOrigins">Whether to end each value's line with a <c># file:line</c> comment.</param>
    /// <returns>The HOCON text.</returns>
    public string ToHocon(bool includeOrigins = true) => HoconRenderer.Render(_root, includeOrigins);

    /// <summary>
    /// Renders resolved values as a JSON object. Settings that reference.conf declares as durations are written in
    /// milliseconds and sizes in bytes.
    /// </summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonRenderer.Render(_root, _schema, _path);

    /// <summary>The configuration as HOCON without origins.</summary>
    /// <returns>The HOCON text.</returns>
    public override string ToString() => ToHocon(includeOrigins: false);

    private static HoconObject ParseReferenceTree() =>
        HoconParser.ParseDocument(ReferenceText.Value, ReferenceName, IncludeLoader.ForText(null), []);

    private static string ReadReferenceText()
    {
        using var stream = typeof(HoconConfig).Assembly.GetManifestResourceStream(ReferenceName)
            ?? throw new InvalidOperationException("reference.conf is not embedded in Actors.Hocon; the build is broken.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static HoconObject ParseFileTree(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            var reason = e is FileNotFoundException or DirectoryNotFoundException
                ? $"configuration file {path} does not exist; check the path given to --config"
                : $"cannot read configuration file {path}: {e.Message}";
            throw new ConfigurationException(new ConfigOrigin(path, 1), null, reason, e);
        }

        return HoconParser.ParseDocument(text, path, IncludeLoader.ForFile(path), []);
    }

    private HoconNode Find(string path, out string fullPath)
    {
        if (TryFind(path, out var node, out fullPath))
        {
            return node;
        }

        throw new ConfigurationException(_root.Origin, fullPath, $"{fullPath} is not set; add it to the configuration (hocon/reference.conf documents every setting)");
    }

    private bool TryFind(string path, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HoconNode? node, out string fullPath)
    {
        var elements = HoconParser.ParsePath(path, "path");
        fullPath = _path.Length == 0 ? ConfigPath.Format(elements) : _path + "." + ConfigPath.Format(elements);
        HoconNode current = _root;
        foreach (var key in elements)
        {
            if (current is not HoconObject obj || !obj.TryGetValue(key, out var child))
            {
                node = null;
                return false;
            }

            current = child;
        }

        node = current;
        return true;
    }
}
