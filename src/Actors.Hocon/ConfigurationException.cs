using System.Globalization;

namespace Actors.Hocon;

/// <summary>
/// Bad configuration: a syntax error, an unknown key, a value of the wrong type, a missing required include,
/// an undefined substitution or a substitution cycle. The message always starts with <c>file:line:</c>.
/// </summary>
public sealed class ConfigurationException : Exception
{
    /// <summary>Creates an exception with a generic message and no location.</summary>
    public ConfigurationException()
        : base("The configuration is invalid.")
    {
        Reason = Message;
    }

    /// <summary>Creates an exception with the given message and no location.</summary>
    /// <param name="message">What is wrong and what to do about it.</param>
    public ConfigurationException(string message)
        : base(message)
    {
        Reason = message;
    }

    /// <summary>Creates an exception with the given message, no location, and the failure that caused it.</summary>
    /// <param name="message">What is wrong and what to do about it.</param>
    /// <param name="innerException">The failure that caused this one.</param>
    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    internal ConfigurationException(ConfigOrigin origin, string? settingPath, string reason, Exception? innerException = null)
        : base(Format(origin, reason), innerException)
    {
        Origin = origin;
        SettingPath = settingPath;
        Reason = reason;
    }

    /// <summary>Where the offending text is; null only for exceptions created without a location.</summary>
    public ConfigOrigin? Origin { get; }

    /// <summary>The setting's path (for example <c>actors.parquet.codec</c>) when the error concerns one setting.</summary>
    public string? SettingPath { get; }

    /// <summary>The message without the leading <c>file:line:</c>.</summary>
    public string Reason { get; }

    private static string Format(ConfigOrigin origin, string reason) => origin.Detail is null
        ? string.Create(CultureInfo.InvariantCulture, $"{origin.Source}:{origin.Line}: {reason}")
        : string.Create(CultureInfo.InvariantCulture, $"{origin.Source}:{origin.Line}: {reason} (value from {origin.Detail})");
}
