using System.Globalization;

namespace Actors.Hocon.Values;

/// <summary>Reads "10 s", "64MiB" or "1.5" as a number and the factor of its unit (or of the bare-number unit).</summary>
internal static class UnitNumber
{
    public static bool TryParse<TFactor>(string text, bool requireUnit, IReadOnlyDictionary<string, TFactor> units, TFactor bareFactor, out double number, out TFactor factor)
    {
        factor = bareFactor;
        var trimmed = text.Trim();
        var end = 0;
        while (end < trimmed.Length && (char.IsAsciiDigit(trimmed[end]) || trimmed[end] is '.' or '-' or '+'))
        {
            end++;
        }

        var unit = trimmed[end..].Trim();
        if (!double.TryParse(trimmed.AsSpan(0, end), NumberStyles.Float, CultureInfo.InvariantCulture, out number) || !double.IsFinite(number))
        {
            return false;
        }

        return unit.Length == 0 ? !requireUnit : units.TryGetValue(unit, out factor!);
    }
}
