namespace Mlsd.Data.Worlds;

public sealed partial class StreetViewWorld
{
    /// <summary>
    /// Writes frames.csv and objects.csv into <paramref name="directory"/> (created if missing), with
    /// <see cref="WorldCsv"/>'s format — the same seed gives the same bytes. Pixels are not written (render them with
    /// <see cref="Pixels"/>); the ground truth is not written.
    /// </summary>
    /// <returns>The paths written, in the order above.</returns>
    public IReadOnlyList<string> WriteCsv(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        return
        [
            WorldCsv.Write(directory, "frames.csv", ["frame_id", "day", "light"], Frames, (w, f) => w.Field(f.FrameId).Field(f.Day).Field(f.Light)),
            WorldCsv.Write(directory, "objects.csv", ["object_id", "frame_id", "class", "x1", "y1", "x2", "y2"], Objects,
                (w, o) => w.Field(o.ObjectId).Field(o.FrameId).Field(o.Class).Field(o.X1).Field(o.Y1).Field(o.X2).Field(o.Y2)),
        ];
    }
}
