namespace Vigil.Server.Recordings;

/// <summary>How the recordings' disk stands, as the storage guard last saw it.</summary>
public enum StorageState
{
    /// <summary>Above the floor and under every cap.</summary>
    Ok,

    /// <summary>A floor or cap was crossed and the oldest unheld footage was deleted to keep it.</summary>
    Trimmed,

    /// <summary>The floor cannot be kept (what is left is held evidence or nothing): recording is paused; cameras go on analysing and alerting.</summary>
    Paused,
}
