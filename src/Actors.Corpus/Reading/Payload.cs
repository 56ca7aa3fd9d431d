namespace Actors.Corpus.Reading;

/// <summary>The outcome of reading an HTTP response: a document's text and title, or why there is none.</summary>
internal readonly record struct Payload(PayloadKind Kind, string? Text, string? Title, string? Reason, string? MediaType)
{
    public static Payload Skip(string reason) => new(PayloadKind.Skip, null, null, reason, null);

    public static Payload Malformed(string reason) => new(PayloadKind.Malformed, null, null, reason, null);
}
