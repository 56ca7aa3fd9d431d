namespace Actors.Pipelines.Export;

/// <summary>A chat-format row (columns of <see cref="TrainingRowSchemas.ChatMessages"/>).</summary>
/// <param name="Messages">The conversation, in order.</param>
/// <param name="Lineage">Where it came from; template id "chat".</param>
public sealed record ChatMessagesRow(IReadOnlyList<ChatMessage> Messages, RowLineage Lineage)
{
    /// <summary>
    /// The row's values in the schema's column order. Actors.Parquet has no struct columns, so the messages
    /// are two parallel string lists: roles and contents.
    /// </summary>
    public object?[] ToParquetValues() =>
        [Messages.Select(m => m.Role).ToArray(), Messages.Select(m => m.Content).ToArray(), .. TrainingRowSchemas.LineageValues(Lineage)];
}
