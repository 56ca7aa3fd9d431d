namespace Actors.Parquet.Jsonl;

/// <summary>Parses sizes such as <c>64MiB</c>, <c>1 GB</c>, <c>512k</c> or <c>1048576</c> into bytes.</summary>
public static class ByteSize
{
    /// <summary>
    /// Parses a size. Units follow HOCON: <c>K</c>, <c>Ki</c>, <c>KiB</c> (and <c>M</c>, <c>G</c>, <c>T</c> forms)
    /// are powers of 1024; <c>kB</c>, <c>MB</c>, <c>GB</c>, <c>TB</c> are powers of 1000; <c>B</c> or no unit is bytes.
    /// </summary>
    public static bool TryParse(string? text, out long bytes)
    {
        bytes = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        string trimmed = text.Trim();
        int split = 0;
        while (split < trimmed.Length && (char.IsAsciiDigit(trimmed[split]) || trimmed[split] == '.'))
        {
            split++;
        }

        if (split == 0 || !decimal.TryParse(trimmed[..split], System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out decimal number))
        {
            return false;
        }

        long? multiplier = trimmed[split..].Trim() switch
        {
            "" or "B" or "b" or "byte" or "bytes" => 1,
            "K" or "k" or "Ki" or "KiB" or "kiB" => 1L << 10,
            "kB" or "KB" => 1000,
            "M" or "m" or "Mi" or "MiB" => 1L << 20,
            "MB" => 1000_000,
            "G" or "g" or "Gi" or "GiB" => 1L << 30,
            "GB" => 1000_000_000,
            "T" or "t" or "Ti" or "TiB" => 1L << 40,
            "TB" => 1000_000_000_000,
            _ => null,
        };
        if (multiplier is not { } m)
        {
            return false;
        }

        decimal result = number * m;
        if (result > long.MaxValue || result != decimal.Truncate(result))
        {
            return false;
        }

        bytes = (long)result;
        return true;
    }
}
