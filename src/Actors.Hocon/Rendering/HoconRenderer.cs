using System.Text;
using Actors.Hocon.Syntax;

namespace Actors.Hocon.Rendering;

/// <summary>Writes a resolved tree as HOCON that parses back to the same tree; optionally notes each value's origin.</summary>
internal static class HoconRenderer
{
    public static string Render(HoconObject root, bool includeOrigins)
    {
        var builder = new StringBuilder();
        WriteFields(builder, root, 0, includeOrigins);
        return builder.ToString();
    }

    private static void WriteFields(StringBuilder builder, HoconObject obj, int indent, bool includeOrigins)
    {
        foreach (var (key, value) in obj.Fields)
        {
            builder.Append(' ', indent).Append(ConfigPath.FormatKey(key));
            if (value is HoconObject child)
            {
                builder.Append(" {\n");
                WriteFields(builder, child, indent + 2, includeOrigins);
                builder.Append(' ', indent).Append("}\n");
                continue;
            }

            builder.Append(" = ");
            WriteValue(builder, value, indent, includeOrigins);
            if (includeOrigins)
            {
                builder.Append("  # ").Append(value.Origin);
            }

            builder.Append('\n');
        }
    }

    private static void WriteValue(StringBuilder builder, HoconNode value, int indent, bool includeOrigins)
    {
        switch (value)
        {
            case HoconScalar { Kind: ScalarKind.String } text:
                builder.Append(ConfigPath.Quote(text.Text));
                break;
            case HoconScalar scalar:
                builder.Append(scalar.Text);
                break;
            case HoconObject obj:
                builder.Append("{\n");
                WriteFields(builder, obj, indent + 2, includeOrigins);
                builder.Append(' ', indent).Append('}');
                break;
            case HoconArray array:
                WriteArray(builder, array, indent, includeOrigins);
                break;
        }
    }

    private static void WriteArray(StringBuilder builder, HoconArray array, int indent, bool includeOrigins)
    {
        if (array.Items.Count == 0)
        {
            builder.Append("[]");
            return;
        }

        if (array.Items.TrueForAll(item => item is HoconScalar))
        {
            builder.Append('[');
            for (var i = 0; i < array.Items.Count; i++)
            {
                builder.Append(i == 0 ? string.Empty : ", ");
                WriteValue(builder, array.Items[i], indent, includeOrigins);
            }

            builder.Append(']');
            return;
        }

        builder.Append("[\n");
        foreach (var item in array.Items)
        {
            builder.Append(' ', indent + 2);
            WriteValue(builder, item, indent + 2, includeOrigins);
            builder.Append('\n');
        }

        builder.Append(' ', indent).Append(']');
    }
}
