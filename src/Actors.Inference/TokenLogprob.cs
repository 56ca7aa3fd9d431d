namespace Actors.Inference;

/// <summary>One generated token with its log-probability and the most likely alternatives.</summary>
/// <param name="Token">The token text.</param>
/// <param name="Logprob">Natural-log probability of the token.</param>
/// <param name="Top">The top alternatives at this position (token, log-probability), most likely first.</param>
public sealed record TokenLogprob(string Token, double Logprob, IReadOnlyList<KeyValuePair<string, double>> Top);
