namespace Peepshow.Protocol.Rows;

/// <summary>
/// One run as a table row: the shape databricks, cassandra and any table-shaped sink store.
/// Column names are the snake_case names in <see cref="Columns"/>.
/// </summary>
public sealed record StandardRow(
    string RunId,
    string Title,
    long Frames,
    double Duration,
    string? Transcript,
    string? ThumbnailUrl,
    string Strategy,
    string Tags,
    DateTimeOffset CreatedAt)
{
    /// <summary>Column names in table order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["run_id", "title", "frames", "duration", "transcript", "thumbnail_url", "strategy", "tags", "created_at"];
}
