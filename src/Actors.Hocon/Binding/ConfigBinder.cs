using System.Reflection;
using System.Runtime.CompilerServices;
using Actors.Hocon.Syntax;
using Actors.Hocon.Values;

namespace Actors.Hocon.Binding;

/// <summary>
/// Binds resolved configuration into options types: records and classes (constructor parameters or settable
/// properties), scalars, TimeSpan from durations, enums by name (case and dashes ignored), lists and
/// string-keyed dictionaries. Keys that match no member and values of the wrong type fail with their location.
/// </summary>
internal sealed class ConfigBinder
{
    private readonly NullabilityInfoContext _nullability = new();

    public object? Bind(Type type, HoconNode node, string path)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return IsNull(node) ? null : Bind(underlying, node, path);
        }

        if (IsNull(node))
        {
            return type.IsValueType
                ? throw new ConfigurationException(node.Origin, path, $"{path}: null is not allowed here; give a value, or delete the line to keep the default")
                : null;
        }

        return type switch
        {
            _ when type == typeof(string) => ScalarConverter.ToText(node, path),
            _ when type == typeof(bool) => ScalarConverter.ToBoolean(node, path),
            _ when type == typeof(int) => ScalarConverter.ToInt32(node, path),
            _ when type == typeof(long) => ScalarConverter.ToInt64(node, path),
            _ when type == typeof(double) => ScalarConverter.ToDouble(node, path),
            _ when type == typeof(float) => (float)ScalarConverter.ToDouble(node, path),
            _ when type == typeof(decimal) => (decimal)ScalarConverter.ToDouble(node, path),
            _ when type == typeof(TimeSpan) => ScalarConverter.ToDuration(node, path),
            _ when type == typeof(Uri) => BindUri(node, path),
            { IsEnum: true } => BindEnum(type, node, path),
            _ when DictionaryValueType(type) is { } valueType => BindDictionary(valueType, node, path),
            _ when ElementType(type) is { } elementType => BindList(type, elementType, node, path),
            _ => BindObject(type, node, path),
        };
    }

    private static bool IsNull(HoconNode node) => node is HoconScalar { Kind: ScalarKind.Null };

    private static Uri BindUri(HoconNode node, string path)
    {
        var text = ScalarConverter.ToText(node, path);
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : throw ScalarConverter.WrongType(node, path, "an absolute URL such as http://127.0.0.1:8000/v1");
    }

    private static object BindEnum(Type type, HoconNode node, string path)
    {
        var text = ScalarConverter.ToText(node, path);
        foreach (var name in Enum.GetNames(type))
        {
            if (NameMapping.Matches(text, name))
            {
                return Enum.Parse(type, name);
            }
        }

        var valid = string.Join(" | ", Enum.GetNames(type).Select(NameMapping.ToKebab));
        throw new ConfigurationException(node.Origin, path, $"{path}: \"{text}\" is not one of {valid}");
    }

    private static Type? DictionaryValueType(Type type)
    {
        if (!type.IsGenericType)
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        var arguments = type.GetGenericArguments();
        var isMap = definition == typeof(Dictionary<,>) || definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>);
        return isMap && arguments[0] == typeof(string) ? arguments[1] : null;
    }

    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        if (!type.IsGenericType)
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        Type[] lists = [typeof(List<>), typeof(IList<>), typeof(IReadOnlyList<>), typeof(ICollection<>), typeof(IReadOnlyCollection<>), typeof(IEnumerable<>)];
        return lists.Contains(definition) ? type.GetGenericArguments()[0] : null;
    }

    private object BindDictionary(Type valueType, HoconNode node, string path)
    {
        if (node is not HoconObject obj)
        {
            throw ScalarConverter.WrongType(node, path, "an object { name = value, ... }");
        }

        var dictionary = (System.Collections.IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(typeof(string), valueType))!;
        foreach (var (key, value) in obj.Fields)
        {
            dictionary[key] = Bind(valueType, value, ConfigPath.Append(path, key));
        }

        return dictionary;
    }

    private object BindList(Type type, Type elementType, HoconNode node, string path)
    {
        if (node is not HoconArray array)
        {
            throw ScalarConverter.WrongType(node, path, "an array [ ... ]");
        }

        var list = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(elementType))!;
        for (var i = 0; i < array.Items.Count; i++)
        {
            list.Add(Bind(elementType, array.Items[i], $"{path}[{i}]"));
        }

        if (!type.IsArray)
        {
            return list;
        }

        var result = Array.CreateInstance(elementType, list.Count);
        list.CopyTo(result, 0);
        return result;
    }

    private object BindObject(Type type, HoconNode node, string path)
    {
        if (node is not HoconObject obj)
        {
            throw ScalarConverter.WrongType(node, path, $"an object {{ ... }} (for {type.Name})");
        }

        var parameterless = type.GetConstructor(Type.EmptyTypes);
        var constructor = parameterless
            ?? type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new InvalidOperationException($"{type.Name} has no public constructor, so configuration cannot be bound to it.");
        var parameters = parameterless is null ? constructor.GetParameters() : [];
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0)
            .ToList();

        var arguments = new object?[parameters.Length];
        var given = new bool[parameters.Length];
        var assignments = new List<(PropertyInfo Property, object? Value)>();
        foreach (var (key, value) in obj.Fields)
        {
            var childPath = ConfigPath.Append(path, key);
            var index = Array.FindIndex(parameters, p => NameMapping.Matches(key, p.Name!));
            if (index >= 0)
            {
                arguments[index] = Bind(parameters[index].ParameterType, value, childPath);
                RejectNull(arguments[index], _nullability.Create(parameters[index]), value, childPath);
                given[index] = true;
            }
            else if (properties.Find(p => NameMapping.Matches(key, p.Name)) is { } property)
            {
                var bound = Bind(property.PropertyType, value, childPath);
                RejectNull(bound, _nullability.Create(property), value, childPath);
                assignments.Add((property, bound));
            }
            else
            {
                var names = parameters.Select(p => NameMapping.ToKebab(p.Name!)).Concat(properties.Select(p => NameMapping.ToKebab(p.Name))).Distinct();
                var hint = KeySuggestions.Closest(key, names) is { } near ? $"did you mean {ConfigPath.Append(path, near)}?" : $"{type.Name} takes no settings";
                throw new ConfigurationException(value.Origin, childPath, $"unknown setting {childPath}; {hint}");
            }
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            if (given[i])
            {
                continue;
            }

            arguments[i] = parameters[i].HasDefaultValue
                ? parameters[i].DefaultValue
                : throw Missing(obj, path, parameters[i].Name!, type);
        }

        foreach (var property in properties.Where(p => p.IsDefined(typeof(RequiredMemberAttribute), inherit: false)))
        {
            if (!assignments.Exists(a => a.Property == property) && !parameters.Any(p => NameMapping.Matches(p.Name!, property.Name)))
            {
                throw Missing(obj, path, property.Name, type);
            }
        }

        try
        {
            var instance = constructor.Invoke(parameterless is null ? arguments : null);
            foreach (var (property, value) in assignments)
            {
                property.SetValue(instance, value);
            }

            return instance;
        }
        catch (TargetInvocationException e) when (e.InnerException is ArgumentException or InvalidOperationException or FormatException)
        {
            // Options types validate themselves; report their complaint at the configuration that caused it.
            throw new ConfigurationException(obj.Origin, path, $"{path}: {e.InnerException.Message}", e.InnerException);
        }
    }

    private static void RejectNull(object? value, NullabilityInfo nullability, HoconNode node, string path)
    {
        if (value is null && nullability.WriteState == NullabilityState.NotNull)
        {
            throw new ConfigurationException(node.Origin, path, $"{path}: null is not allowed here; give a value, or delete the line to keep the default");
        }
    }

    private static ConfigurationException Missing(HoconObject obj, string path, string memberName, Type type)
    {
        var missing = ConfigPath.Append(path, NameMapping.ToKebab(memberName));
        return new ConfigurationException(obj.Origin, missing, $"{missing} is required by {type.Name} but not set; add it (hocon/reference.conf documents it)");
    }
}
