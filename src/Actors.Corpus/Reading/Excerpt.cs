using System.Text;

namespace Actors.Corpus.Reading;

/// <summary>Short, printable, valid-UTF-16 excerpts of bad records for quarantine entries.</summary>
internal static class Excerpt
{
    /// <summary>Longest excerpt, in UTF-16 code units.</summary>
    public const int MaxChars = 200;

    /// <summary>Decodes the first bytes leniently (invalid sequences become U+FFFD) and cuts to <see cref="MaxChars"/>.</summary>
    public static string FromBytes(ReadOnlySpan<byte> bytes)
    {
        var slice = bytes[..Math.Min(bytes.Length, MaxChars * 4)];
        return FromText(Encoding.UTF8.GetString(slice));
    }

    /// <summary>Cuts to <see cref="MaxChars"/> without splitting a surrogate pair and replaces lone surrogates.</summary>
    public static string FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var length = Math.Min(text.Length, MaxChars);
        if (length < text.Length && char.IsHighSurrogate(text[length - 1]))
        {
            length--;
        }

        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                builder.Append('\uFFFD');
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
