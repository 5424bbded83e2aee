namespace Vigil.Vision.Recording;

/// <summary>
/// Whether the recordings' disk has room: the server's storage guard pauses every recorder when
/// the free-space floor cannot be kept (everything left is held as evidence), and resumes them when
/// space returns. A paused camera goes on analysing, alerting and showing live; it only stops writing.
/// Thread-safe.
/// </summary>
public sealed class RecordingSpace
{
    private volatile bool _paused;

    public bool Paused => _paused;

    public void Pause() => _paused = true;

    public void Resume() => _paused = false;
}
