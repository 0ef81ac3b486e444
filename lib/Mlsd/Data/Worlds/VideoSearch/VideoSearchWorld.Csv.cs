namespace Mlsd.Data.Worlds;

public sealed partial class VideoSearchWorld
{
    /// <summary>
    /// Writes videos.csv (with the content embedding as columns c0 …) and queries.csv into <paramref name="directory"/>
    /// (created if missing), with <see cref="WorldCsv"/>'s format — the same seed gives the same bytes. The ground truth
    /// (facets, query kinds) is not written.
    /// </summary>
    /// <returns>The paths written, in the order above.</returns>
    public IReadOnlyList<string> WriteCsv(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        int dim = Options.ContentDimension;
        string[] header = ["video_id", "artwork_id", "title", "artist", "medium", "year",
            .. Enumerable.Range(0, dim).Select(d => $"c{d}")];
        return
        [
            WorldCsv.Write(directory, "videos.csv", header, _videos, (w, v) =>
            {
                w.Field(v.VideoId).Field(v.ArtworkId).Field(v.Title).Field(v.Artist).Field(v.Medium).Field(v.Year);
                for (int d = 0; d < dim; d++) w.Field(_content[v.VideoId * dim + d]);
            }),
            WorldCsv.Write(directory, "queries.csv", ["query_id", "day", "user_id", "text", "video_id"], _queries,
                (w, q) => w.Field(q.QueryId).Field(q.Day).Field(q.UserId).Field(q.Text).Field(q.VideoId)),
        ];
    }
}
