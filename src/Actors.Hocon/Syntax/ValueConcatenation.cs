using System.Text;

namespace Actors.Hocon.Syntax;

/// <summary>Folds the parts of a value concatenation: simple values join as a string, objects merge, arrays append.</summary>
internal static class ValueConcatenation
{
    /// <summary>
    /// Folds concrete parts; a null part is an undefined optional substitution, which counts as an empty
    /// string, object or array. Returns null when every part is undefined.
    /// </summary>
    public static HoconNode? Fold(IReadOnlyList<HoconNode?> parts, ConfigOrigin origin)
    {
        var anyDefined = false;
        var anyComposite = false;
        foreach (var part in parts)
        {
            if (part is null || IsWhitespace(part))
            {
                continue;
            }

            anyDefined = true;
            anyComposite |= part is HoconObject or HoconArray;
        }

        if (!anyDefined)
        {
            return null;
        }

        if (!anyComposite)
        {
            var text = new StringBuilder();
            foreach (var part in parts)
            {
                if (part is HoconScalar scalar)
                {
                    text.Append(scalar.Text);
                }
            }

            return new HoconScalar(ScalarKind.String, text.ToString(), origin);
        }

        HoconNode? result = null;
        foreach (var part in parts)
        {
            if (part is null || IsWhitespace(part))
            {
                continue;
            }

            result = (result, part) switch
            {
                (null, _) => part,
                (HoconObject earlier, HoconObject later) => NodeMerger.MergeObjects(earlier, later),
                (HoconArray earlier, HoconArray later) => new HoconArray(earlier.Origin, earlier.Items.Concat(later.Items)),
                _ => throw new ConfigurationException(
                    part.Origin,
                    null,
                    $"cannot concatenate {Describe(result)} with {Describe(part)}: only strings with strings, arrays with arrays and objects with objects; put them on separate lines or separate them with a comma"),
            };
        }

        return result;
    }

    public static bool IsWhitespace(HoconNode node) => node is HoconScalar { Kind: ScalarKind.Whitespace };

    public static string Describe(HoconNode node) => node switch
    {
        HoconObject => "an object",
        HoconArray => "an array",
        HoconScalar { Kind: ScalarKind.Number } => "a number",
        HoconScalar { Kind: ScalarKind.Boolean } => "a boolean",
        HoconScalar { Kind: ScalarKind.Null } => "null",
        _ => "a string",
    };
}
