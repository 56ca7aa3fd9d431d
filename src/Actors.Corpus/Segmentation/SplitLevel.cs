namespace Actors.Corpus.Segmentation;

/// <summary>Where over-long text is cut, coarsest first.</summary>
internal enum SplitLevel
{
    Paragraph,
    Line,
    Sentence,
    Word,
    Hard,
}
