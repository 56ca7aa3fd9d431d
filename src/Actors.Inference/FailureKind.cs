namespace Actors.Inference;

/// <summary>Why an inference attempt failed. Every failure is classified as one of these.</summary>
public enum FailureKind
{
    /// <summary>No answer within the request timeout (or the connect timeout). Retried.</summary>
    Timeout,

    /// <summary>HTTP 429: the server asked us to slow down. Retried, honouring Retry-After.</summary>
    RateLimited,

    /// <summary>HTTP 5xx. Retried.</summary>
    ServerError,

    /// <summary>The connection was refused, reset or closed before a whole response arrived. Retried.</summary>
    ConnectionReset,

    /// <summary>The response body was not the JSON the API defines. Retried.</summary>
    MalformedResponse,

    /// <summary>The generation was empty or whitespace. Retried.</summary>
    EmptyText,

    /// <summary>finish_reason "length" on a request with <see cref="CompletionRequest.FailOnTruncation"/>. Retried.</summary>
    Truncated,

    /// <summary>HTTP 4xx other than 408 and 429: the request itself is wrong (unknown model, bad field). Not retried.</summary>
    ClientError,

    /// <summary>The router shut down before the request finished. Not retried.</summary>
    Cancelled,

    /// <summary>No device serves the requested model, or none became healthy in time. Not retried.</summary>
    NoDevice,
}
