namespace Actors.Inference;

/// <summary>Which backend a device uses (HOCON: <c>offline</c> or <c>openai</c>).</summary>
public enum BackendKind
{
    /// <summary>Deterministic heuristics, no model: for laptops, demos and tests. Never presented as a model.</summary>
    Offline,

    /// <summary>An OpenAI-compatible HTTP server: vLLM, SGLang, TGI, llama.cpp server, Ollama.</summary>
    OpenAI,
}
