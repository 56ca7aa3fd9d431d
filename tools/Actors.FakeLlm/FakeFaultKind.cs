namespace Actors.FakeLlm;

/// <summary>The faults fake-llm can inject, with their command-line names.</summary>
internal enum FakeFaultKind
{
    /// <summary>"500": HTTP 500 with an OpenAI error body.</summary>
    ServerError,

    /// <summary>"429": HTTP 429 with an OpenAI error body (and Retry-After when configured).</summary>
    RateLimited,

    /// <summary>"hang": no answer until the client gives up.</summary>
    Hang,

    /// <summary>"reset": the connection is aborted before any response.</summary>
    Reset,

    /// <summary>"malformed": HTTP 200 with a body cut off mid-JSON.</summary>
    Malformed,

    /// <summary>"empty": a choice with empty text (per choice).</summary>
    Empty,

    /// <summary>"length": a choice cut to half its words with finish_reason "length" (per choice).</summary>
    Length,
}
