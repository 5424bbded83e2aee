namespace Vigil.Domain.Cameras;

/// <summary>What a camera records. Whatever it records is the redacted picture operators see.</summary>
public enum RecordingMode
{
    /// <summary>Nothing is recorded (the default until the storage guard lands: a recorder must never fill the disk unattended).</summary>
    Off,

    /// <summary>Every moment the camera is live, in short segments.</summary>
    Continuous,
}
