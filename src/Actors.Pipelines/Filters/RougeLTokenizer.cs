namespace Actors.Pipelines.Filters;

/// <summary>
/// rouge_score's default tokenizer without regular expressions or intermediate strings: one pass over the
/// characters, cutting tokens at everything that is not <c>a-z0-9</c> after Python-style lower-casing.
/// </summary>
internal static class RougeLTokenizer
{
    // Python's str.lower() maps exactly two non-ASCII code points to ASCII letters (checked over all of
    // Unicode): KELVIN SIGN to "k", and LATIN CAPITAL LETTER I WITH DOT ABOVE to "i" followed by U+0307
    // COMBINING DOT ABOVE, which is not a token character and so ends the token.
    private const char KelvinSign = '\u212A';
    private const char CapitalIWithDotAbove = '\u0130';

    /// <summary>Appends the tokens of <paramref name="text"/> to <paramref name="tokens"/>.</summary>
    public static void Tokenize(ReadOnlySpan<char> text, List<string> tokens)
    {
        Span<char> buffer = text.Length <= 512 ? stackalloc char[text.Length] : new char[text.Length];
        var length = 0;
        foreach (var c in text)
        {
            switch (Classify(c, out var mapped))
            {
                case CharKind.Token:
                    buffer[length++] = mapped;
                    break;
                case CharKind.TokenThenBreak:
                    buffer[length++] = mapped;
                    Flush(buffer, ref length, tokens);
                    break;
                default:
                    Flush(buffer, ref length, tokens);
                    break;
            }
        }

        Flush(buffer, ref length, tokens);
    }

    /// <summary>Interns the tokens of <paramref name="text"/> and returns their ids in text order.</summary>
    public static int[] TokenizeToIds(ReadOnlySpan<char> text, TokenVocabulary vocabulary)
    {
        Span<char> buffer = text.Length <= 512 ? stackalloc char[text.Length] : new char[text.Length];
        var ids = new List<int>(text.Length / 5 + 1);
        var length = 0;
        foreach (var c in text)
        {
            var kind = Classify(c, out var mapped);
            if (kind != CharKind.Break)
            {
                buffer[length++] = mapped;
            }

            if (kind != CharKind.Token && length > 0)
            {
                ids.Add(vocabulary.GetOrAdd(buffer[..length]));
                length = 0;
            }
        }

        if (length > 0)
        {
            ids.Add(vocabulary.GetOrAdd(buffer[..length]));
        }

        return [.. ids];
    }

    private static void Flush(Span<char> buffer, ref int length, List<string> tokens)
    {
        if (length > 0)
        {
            tokens.Add(new string(buffer[..length]));
            length = 0;
        }
    }

    private static CharKind Classify(char c, out char mapped)
    {
        if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
        {
            mapped = c;
            return CharKind.Token;
        }

        if (c is >= 'A' and <= 'Z')
        {
            mapped = (char)(c + ('a' - 'A'));
            return CharKind.Token;
        }

        mapped = c switch
        {
            KelvinSign => 'k',
            CapitalIWithDotAbove => 'i',
            _ => '\0',
        };
        return mapped switch
        {
            'k' => CharKind.Token,
            'i' => CharKind.TokenThenBreak,
            _ => CharKind.Break,
        };
    }

    private enum CharKind
    {
        Break,
        Token,
        TokenThenBreak,
    }
}
