using System.Globalization;
using System.Text;
using Actors.Hocon.Syntax;

namespace Actors.Hocon.Tests;

/// <summary>Shared helpers: parsing with a controlled environment and a canonical text form of trees.</summary>
internal static class TestHocon
{
    public static HoconConfig Parse(string text, IReadOnlyDictionary<string, string>? environment = null, string? directory = null) =>
        HoconConfig.ParseString(text, "test.conf", directory, name => environment?.GetValueOrDefault(name));

    public static HoconConfig Load(string file, IReadOnlyDictionary<string, string>? environment = null) =>
        HoconConfig.Load(file, name => environment?.GetValueOrDefault(name));

    public static ConfigurationException ParseFails(string text, IReadOnlyDictionary<string, string>? environment = null) =>
        Assert.Throws<ConfigurationException>(() => Parse(text, environment));

    /// <summary>Kinds and values of a tree without origins, e.g. {a:N1,b:[S"x"]}; equal text means equal trees.</summary>
    public static string Canonical(HoconNode node)
    {
        var builder = new StringBuilder();
        Write(builder, node);
        return builder.ToString();
    }

    public static string Canonical(HoconConfig config) => Canonical(config.Root);

    /// <summary>The repository's hocon/ directory, found by walking up from the test binaries.</summary>
    public static string HoconDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "hocon");
            if (File.Exists(Path.Combine(candidate, "reference.conf")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("hocon/reference.conf not found above " + AppContext.BaseDirectory);
    }

    private static void Write(StringBuilder builder, HoconNode node)
    {
        switch (node)
        {
            case HoconObject obj:
                builder.Append('{');
                foreach (var (key, value) in obj.Fields)
                {
                    builder.Append(ConfigPath.Quote(key)).Append(':');
                    Write(builder, value);
                    builder.Append(',');
                }

                builder.Append('}');
                break;
            case HoconArray array:
                builder.Append('[');
                foreach (var item in array.Items)
                {
                    Write(builder, item);
                    builder.Append(',');
                }

                builder.Append(']');
                break;
            case HoconScalar scalar:
                builder.Append(scalar.Kind switch
                {
                    ScalarKind.String => "S",
                    ScalarKind.Number => "N",
                    ScalarKind.Boolean => "B",
                    ScalarKind.Null => "Z",
                    _ => "W",
                }).Append(ConfigPath.Quote(scalar.Text));
                break;
            default:
                builder.Append(CultureInfo.InvariantCulture, $"<unresolved {node.GetType().Name}>");
                break;
        }
    }
}
