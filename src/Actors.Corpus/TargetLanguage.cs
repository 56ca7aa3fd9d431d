namespace Actors.Corpus;

/// <summary>Which segments the language check keeps.</summary>
public enum TargetLanguage
{
    /// <summary>English only (a stopword ratio and an ASCII-letter ratio; cheap and deterministic).</summary>
    En,

    /// <summary>Any language: no language check.</summary>
    Any,
}
