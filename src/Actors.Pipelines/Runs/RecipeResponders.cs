using Actors.Inference;
using Actors.Pipelines.Backtranslation;
using Actors.Pipelines.SelfInstruct;

namespace Actors.Pipelines.Runs;

/// <summary>
/// The offline backend's heuristics for every purpose the recipes use. Each recipe knows its own prompt
/// format, so each supplies the functions that read it; the same functions drive tools/fake-llm.
/// </summary>
public static class RecipeResponders
{
    /// <summary>A registry with every recipe purpose.</summary>
    public static OfflineResponders Create()
    {
        var responders = new OfflineResponders()
            .Register(InferencePurposes.Label, r => BacktranslationOfflineResponders.Label(PromptText(r)))
            .Register(InferencePurposes.Score, r => BacktranslationOfflineResponders.Score(PromptText(r)));
        foreach (var (purpose, respond) in SelfInstructOfflineResponders.ByPurpose)
        {
            responders.Register(purpose, r => respond(PromptText(r)));
        }

        return responders;
    }

    /// <summary>The prompt, or the chat messages' contents joined, as the heuristics read text.</summary>
    public static string PromptText(CompletionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Prompt ?? string.Join("\n\n", request.Messages?.Select(m => m.Content) ?? []);
    }
}
