namespace Vigil.Data;

/// <summary>
/// What one pass of <see cref="SqliteWalCheckpointer"/> found: the frames (page versions) in the
/// write-ahead log, and how many of them are now in the database file.
/// </summary>
/// <param name="LogFrames">Frames in the log; −1 when the database is not in WAL mode.</param>
/// <param name="CheckpointedFrames">Of those, the frames now copied into the database file.</param>
public readonly record struct WalCheckpoint(int LogFrames, int CheckpointedFrames)
{
    /// <summary>Frames still only in the log: readers still using older pages kept them back.</summary>
    public int Pending => Math.Max(0, LogFrames - CheckpointedFrames);
}
