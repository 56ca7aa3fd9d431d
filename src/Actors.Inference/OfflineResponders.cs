using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Actors.Inference.Backends;

namespace Actors.Inference;

/// <summary>
/// The offline backend's heuristics, per purpose. Recipes register one per purpose they use, because only they know
/// their prompt formats; a purpose without one gets <see cref="Fallback"/>. Responders must be deterministic: the
/// same request (prompt, parameters, seed) must always give the same text. Safe to use from several threads.
/// </summary>
/// <example>
/// <code>
/// var responders = new OfflineResponders()
///     .Register(InferencePurposes.Classify, r => r.Prompt!.Contains("positive", StringComparison.Ordinal) ? " Yes" : " No");
/// await using var router = await InferenceRouter.StartAsync(new InferenceSettings(),
///     new InferenceRouterOptions { OfflineResponders = responders }, ct);
/// </code>
/// </example>
public sealed class OfflineResponders
{
    private readonly ConcurrentDictionary<string, Func<CompletionRequest, string>> _byPurpose = new(StringComparer.Ordinal);

    /// <summary>The purposes with a registered responder.</summary>
    public IReadOnlyCollection<string> Purposes => [.. _byPurpose.Keys];

    /// <summary>Registers (or replaces) the responder for <paramref name="purpose"/>.</summary>
    /// <param name="purpose">The purpose tag, e.g. <see cref="InferencePurposes.Label"/>.</param>
    /// <param name="responder">Returns the completion text for a request; called once per choice (see remarks of <see cref="Respond"/>).</param>
    /// <returns>This registry, for chaining.</returns>
    public OfflineResponders Register(string purpose, Func<CompletionRequest, string> responder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        ArgumentNullException.ThrowIfNull(responder);
        _byPurpose[purpose] = responder;
        return this;
    }

    /// <summary>The responder registered for <paramref name="purpose"/>.</summary>
    /// <param name="purpose">The purpose tag.</param>
    /// <param name="responder">The responder, when one is registered.</param>
    /// <returns>Whether one is registered.</returns>
    public bool TryGet(string purpose, [NotNullWhen(true)] out Func<CompletionRequest, string>? responder) =>
        _byPurpose.TryGetValue(purpose, out responder);

    /// <summary>
    /// The raw text for <paramref name="request"/>: the registered responder's, else <see cref="Fallback"/>'s.
    /// </summary>
    /// <remarks>
    /// For n &gt; 1 choices the backend calls this once per choice; choice j (from 0) gets the request with
    /// <see cref="SamplingParameters.Seed"/> = (seed ?? 0) + j, so responders that hash the seed vary their choices.
    /// The backend then applies stop sequences and the token limit.
    /// </remarks>
    /// <param name="request">The request.</param>
    /// <returns>The text before stop sequences and the token limit apply.</returns>
    public string Respond(CompletionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return TryGet(request.Purpose, out var responder) ? responder(request) ?? "" : Fallback(request);
    }

    /// <summary>
    /// The generic heuristics for a purpose nobody registered: plausible shapes for the recipes' purposes ("Yes"/"No"
    /// for classify, "Score: n" for score, an instruction for label, a few instructions for generate-instructions,
    /// "Input:/Output:" for generate-instances), built from words of the prompt chosen by a hash of the request.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <returns>Deterministic text for the request.</returns>
    public static string Fallback(CompletionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return OfflineHeuristics.Generic(request);
    }
}
