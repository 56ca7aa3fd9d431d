namespace Actors.Hocon.Values;

/// <summary>
/// HOCON sizes in bytes. kB, MB, GB... are powers of ten; K, Ki, KiB (and M, G, T, P, E alike) are powers of two,
/// as the spec says. A bare number means bytes.
/// </summary>
internal static class Sizes
{
    public const string Help = "a size such as 64MiB, 1 GB or 4096 (bytes); KiB/MiB/GiB are powers of two, kB/MB/GB powers of ten";

    private static readonly Dictionary<string, decimal> BytesPerUnit = Build();

    public static bool TryParse(string text, bool requireUnit, out long bytes)
    {
        bytes = 0;
        if (!UnitNumber.TryParse(text, requireUnit, BytesPerUnit, 1m, out var number, out var multiplier))
        {
            return false;
        }

        if (number < 0 || number * (double)multiplier >= long.MaxValue)
        {
            return false;
        }

        bytes = (long)decimal.Truncate((decimal)number * multiplier);
        return true;
    }

    private static Dictionary<string, decimal> Build()
    {
        var units = new Dictionary<string, decimal>(StringComparer.Ordinal)
        {
            ["B"] = 1, ["b"] = 1, ["byte"] = 1, ["bytes"] = 1,
        };
        string[] letters = ["K", "M", "G", "T", "P", "E"];
        string[] decimalNames = ["kilo", "mega", "giga", "tera", "peta", "exa"];
        string[] binaryNames = ["kibi", "mebi", "gibi", "tebi", "pebi", "exbi"];
        decimal power10 = 1;
        decimal power2 = 1;
        for (var i = 0; i < letters.Length; i++)
        {
            power10 *= 1000;
            power2 *= 1024;
            var letter = letters[i];
            var decimalSymbol = (i == 0 ? "k" : letter) + "B";
            foreach (var name in new[] { decimalSymbol, decimalNames[i] + "byte", decimalNames[i] + "bytes" })
            {
                units[name] = power10;
            }

            foreach (var name in new[] { letter, letter.ToLowerInvariant(), letter + "i", letter + "iB", binaryNames[i] + "byte", binaryNames[i] + "bytes" })
            {
                units[name] = power2;
            }
        }

        return units;
    }
}
