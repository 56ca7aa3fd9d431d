using System.Globalization;
using Actors.Hocon.Syntax;
using Actors.Hocon.Values;

namespace Actors.Hocon.Schema;

/// <summary>
/// reference.conf used as the schema, as in Lightbend config: every key a user writes under a section that
/// reference.conf defines must exist there, with a value of the same kind as the default.
/// </summary>
/// <remarks>
/// An object in reference.conf with a <c>"*"</c> key is an open map: its keys are names the user chooses
/// (device names, for example), and every entry is checked against and defaulted from the <c>"*"</c> template.
/// The template itself does not appear in the effective configuration.
/// </remarks>
internal static class ReferenceSchema
{
    public const string OpenMapKey = "*";

    public static SettingKind Classify(HoconNode reference) => reference switch
    {
        HoconObject => SettingKind.Object,
        HoconArray => SettingKind.Array,
        HoconScalar { Kind: ScalarKind.Null } => SettingKind.Any,
        HoconScalar { Kind: ScalarKind.Boolean } => SettingKind.Boolean,
        HoconScalar { Kind: ScalarKind.Number } s => long.TryParse(s.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
            ? SettingKind.Integer
            : SettingKind.Number,
        HoconScalar s when Durations.TryParse(s.Text, requireUnit: true, out _) => SettingKind.Duration,
        HoconScalar s when Sizes.TryParse(s.Text, requireUnit: true, out _) => SettingKind.Size,
        _ => SettingKind.String,
    };

    /// <summary>The schema of a child key: the key itself, or the template of an open map; null when unknown.</summary>
    public static HoconNode? Child(HoconNode? schema, string key)
    {
        if (schema is not HoconObject obj)
        {
            return null;
        }

        return obj.TryGetValue(key, out var child) || obj.TryGetValue(OpenMapKey, out child) ? child : null;
    }

    /// <summary>
    /// Checks an effective (resolved) tree. Top-level keys that reference.conf does not define are left alone,
    /// so users can keep helper values for substitutions, unless they look like a misspelt top-level key.
    /// </summary>
    public static void Validate(HoconObject effective, HoconObject reference)
    {
        foreach (var (key, value) in effective.Fields)
        {
            if (reference.TryGetValue(key, out var schema))
            {
                ValidateNode(value, schema, ConfigPath.FormatKey(key));
            }
            else if (KeySuggestions.Closest(key, reference.Keys) is { } near && KeySuggestions.Distance(key, near) <= 2)
            {
                throw Unknown(value, ConfigPath.FormatKey(key), near);
            }
        }
    }

    /// <summary>
    /// Before resolution: stacks each open-map entry over its template, so substitutions can see the defaults an
    /// entry inherits. Only follows plain objects; <see cref="ApplyTemplates"/> finishes the job afterwards.
    /// </summary>
    public static void StackTemplates(HoconObject tree, HoconObject schema)
    {
        var isOpen = schema.TryGetValue(OpenMapKey, out _);
        tree.TryGetValue(OpenMapKey, out var template);
        foreach (var key in tree.Keys.ToList())
        {
            if (!tree.TryGetValue(key, out var value) || key == OpenMapKey)
            {
                continue;
            }

            if (isOpen && template is not null && !schema.TryGetValue(key, out _))
            {
                tree.Set(key, value = NodeMerger.Merge(template, value));
            }

            if (value is HoconObject child && Child(schema, key) is HoconObject childSchema)
            {
                StackTemplates(child, childSchema);
            }
        }
    }

    /// <summary>After resolution: fills every open-map entry from its template and drops the templates.</summary>
    public static HoconNode ApplyTemplates(HoconNode node, HoconNode? schema)
    {
        if (node is not HoconObject obj || schema is not HoconObject schemaObject)
        {
            return node;
        }

        var isOpen = schemaObject.TryGetValue(OpenMapKey, out var template);
        obj.TryGetValue(OpenMapKey, out var effectiveTemplate);
        var result = new HoconObject(obj.Origin);
        foreach (var (key, value) in obj.Fields)
        {
            if (isOpen && key == OpenMapKey)
            {
                continue;
            }

            var childSchema = Child(schemaObject, key);
            var entry = value;
            if (isOpen && !schemaObject.TryGetValue(key, out _) && (effectiveTemplate ?? template) is HoconObject defaults && value is HoconObject given)
            {
                entry = NodeMerger.MergeObjects(defaults, given);
            }

            result.Set(key, ApplyTemplates(entry, childSchema));
        }

        return result;
    }

    private static void ValidateNode(HoconNode node, HoconNode schema, string path)
    {
        switch (Classify(schema))
        {
            case SettingKind.Object:
                ValidateObject(node, (HoconObject)schema, path);
                break;
            case SettingKind.Array:
                if (node is not HoconArray array)
                {
                    throw ScalarConverter.WrongType(node, path, "an array [ ... ]");
                }

                if (((HoconArray)schema).Items is [var itemSchema, ..])
                {
                    for (var i = 0; i < array.Items.Count; i++)
                    {
                        ValidateNode(array.Items[i], itemSchema, string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"));
                    }
                }

                break;
            case SettingKind.Boolean:
                ScalarConverter.ToBoolean(node, path);
                break;
            case SettingKind.Integer:
                ScalarConverter.ToInt64(node, path);
                break;
            case SettingKind.Number:
                ScalarConverter.ToDouble(node, path);
                break;
            case SettingKind.Duration:
                ScalarConverter.ToDuration(node, path);
                break;
            case SettingKind.Size:
                ScalarConverter.ToSize(node, path);
                break;
            case SettingKind.String:
                ScalarConverter.ToText(node, path);
                break;
        }
    }

    private static void ValidateObject(HoconNode node, HoconObject schema, string path)
    {
        if (node is not HoconObject obj)
        {
            throw ScalarConverter.WrongType(node, path, "an object { ... }");
        }

        schema.TryGetValue(OpenMapKey, out var template);
        foreach (var (key, value) in obj.Fields)
        {
            var childPath = ConfigPath.Append(path, key);
            if (schema.TryGetValue(key, out var childSchema) || (childSchema = template) is not null)
            {
                ValidateNode(value, childSchema, childPath);
                continue;
            }

            var near = KeySuggestions.Closest(key, schema.Keys.Where(k => k != OpenMapKey));
            throw Unknown(value, childPath, near is null ? null : ConfigPath.Append(path, near));
        }
    }

    private static ConfigurationException Unknown(HoconNode value, string path, string? near)
    {
        var hint = near is null ? "this section takes no settings" : $"did you mean {near}?";
        return new ConfigurationException(value.Origin, path, $"unknown setting {path}; {hint} (hocon/reference.conf lists every setting with its default)");
    }
}
