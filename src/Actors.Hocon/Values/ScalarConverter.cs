using System.Globalization;
using Actors.Hocon.Syntax;

namespace Actors.Hocon.Values;

/// <summary>Reads typed values out of resolved nodes; a wrong type is a <see cref="ConfigurationException"/> at the value.</summary>
internal static class ScalarConverter
{
    public static string ToText(HoconNode node, string path) => Scalar(node, path, "a string").Text;

    public static bool ToBoolean(HoconNode node, string path)
    {
        var scalar = Scalar(node, path, "a boolean (true or false)");
        switch (scalar.Text.Trim().ToLowerInvariant())
        {
            case "true" or "yes" or "on":
                return true;
            case "false" or "no" or "off":
                return false;
            default:
                throw WrongType(node, path, "a boolean (true or false)");
        }
    }

    public static long ToInt64(HoconNode node, string path)
    {
        const string expected = "a whole number (or a size such as 64MiB)";
        var text = Scalar(node, path, expected).Text.Trim();
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real)
            && real == Math.Floor(real) && Math.Abs(real) < 9.2e18)
        {
            return (long)real;
        }

        return Sizes.TryParse(text, requireUnit: true, out var bytes) ? bytes : throw WrongType(node, path, expected);
    }

    public static int ToInt32(HoconNode node, string path)
    {
        var value = ToInt64(node, path);
        return value is >= int.MinValue and <= int.MaxValue
            ? (int)value
            : throw new ConfigurationException(node.Origin, path, $"{path}: {value} does not fit in a 32-bit integer (at most {int.MaxValue})");
    }

    public static double ToDouble(HoconNode node, string path)
    {
        var text = Scalar(node, path, "a number").Text.Trim();
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw WrongType(node, path, "a number");
    }

    public static TimeSpan ToDuration(HoconNode node, string path)
    {
        var scalar = Scalar(node, path, Durations.Help);
        return Durations.TryParse(scalar.Text, requireUnit: false, out var value) ? value : throw WrongType(node, path, Durations.Help);
    }

    public static long ToSize(HoconNode node, string path)
    {
        var scalar = Scalar(node, path, Sizes.Help);
        return Sizes.TryParse(scalar.Text, requireUnit: false, out var value) ? value : throw WrongType(node, path, Sizes.Help);
    }

    public static ConfigurationException WrongType(HoconNode node, string path, string expected) =>
        new(node.Origin, path, $"{path}: expected {expected}, got {Describe(node)}");

    public static string Describe(HoconNode node) => node switch
    {
        HoconScalar { Kind: ScalarKind.String } s => "the string " + ConfigPath.Quote(s.Text.Length > 60 ? s.Text[..60] + "..." : s.Text),
        HoconScalar { Kind: ScalarKind.Null } => "null",
        HoconScalar s => ValueConcatenation.Describe(s) + " " + s.Text,
        _ => ValueConcatenation.Describe(node),
    };

    private static HoconScalar Scalar(HoconNode node, string path, string expected) =>
        node is HoconScalar { Kind: not ScalarKind.Null } scalar ? scalar : throw WrongType(node, path, expected);
}
