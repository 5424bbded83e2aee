using Vigil.Vision.Pipeline;

namespace Vigil.Server.Hosting;

/// <summary>The host's log messages (source-generated: no formatting cost when the level is off).</summary>
internal static partial class ServerLog
{
    [LoggerMessage(1, LogLevel.Information, "Database: {Database}")]
    public static partial void Database(ILogger logger, string database);

    [LoggerMessage(2, LogLevel.Information, "Started {Count} camera pipeline(s)")]
    public static partial void PipelinesStarted(ILogger logger, int count);

    [LoggerMessage(3, LogLevel.Error, "Camera {Camera} cannot start: {Reason}")]
    public static partial void CameraCannotStart(ILogger logger, string camera, string reason);

    [LoggerMessage(4, LogLevel.Warning, "Camera {Camera} is {State}: {Reason}")]
    public static partial void CameraTrouble(ILogger logger, string camera, CameraState state, string? reason);

    [LoggerMessage(5, LogLevel.Error, "Storing {Count} alert change(s) failed; retrying in {Delay}")]
    public static partial void AlertStoreFailed(ILogger logger, Exception exception, int count, TimeSpan delay);

    [LoggerMessage(6, LogLevel.Warning, "Live push of {Method} failed")]
    public static partial void PushFailed(ILogger logger, Exception exception, string method);

    [LoggerMessage(7, LogLevel.Warning, "A console page could not apply a live change ({Change})")]
    public static partial void ConsoleChangeFailed(ILogger logger, Exception exception, string change);

    [LoggerMessage(8, LogLevel.Warning, "SQLite's write-ahead log holds {Pending} of {Frames} page(s) that readers keep from being copied into the database file; a long-running read holds them back")]
    public static partial void WalHeldBack(ILogger logger, int pending, int frames);

    [LoggerMessage(9, LogLevel.Warning, "Copying SQLite's write-ahead log into the database file failed; retrying on the next pass")]
    public static partial void WalCheckpointFailed(ILogger logger, Exception exception);

    [LoggerMessage(10, LogLevel.Error, "Camera {Camera}: an alert or state change could not be handed on")]
    public static partial void CameraOutputFailed(ILogger logger, Exception exception, string camera);

    [LoggerMessage(11, LogLevel.Warning, "Recordings: removed {Files} half-written or unindexed segment file(s) and {Rows} index row(s) whose file was gone (left by an interrupted run)")]
    public static partial void RecordingLeftovers(ILogger logger, int files, int rows);

    [LoggerMessage(12, LogLevel.Warning, "Recordings: {Message}")]
    public static partial void StorageTrimmed(ILogger logger, string message);

    [LoggerMessage(13, LogLevel.Error, "Recordings paused: {Message}")]
    public static partial void RecordingPaused(ILogger logger, string message);

    [LoggerMessage(14, LogLevel.Information, "Recordings resumed: {Free} bytes free")]
    public static partial void RecordingResumed(ILogger logger, long free);

    [LoggerMessage(15, LogLevel.Error, "Evidence request {RequestId} approved but no package made: {Message}")]
    public static partial void EvidenceBuildFailed(ILogger logger, string requestId, string message);

    [LoggerMessage(16, LogLevel.Information, "Sensor {SensorId}: {Kind} (stage {Stage}, value {Value})")]
    public static partial void SensorEvent(ILogger logger, string sensorId, Vigil.Domain.Sensors.SensorEventKind kind, string stage, double? value);

    [LoggerMessage(17, LogLevel.Warning, "Sensor {SensorId}: reading refused ({Reason}: {Detail}); further refusals of this sensor are counted in /metrics and logged at most once a minute")]
    public static partial void SensorReadingRefused(ILogger logger, string sensorId, string reason, string detail);

    [LoggerMessage(18, LogLevel.Warning, "Sensor readings could not be stored (retrying): {Message}")]
    public static partial void SensorStoreFailed(ILogger logger, string message);

    [LoggerMessage(19, LogLevel.Information, "MQTT: subscribed to {Filter} at {Host}:{Port}")]
    public static partial void MqttConnected(ILogger logger, string host, int port, string filter);

    [LoggerMessage(20, LogLevel.Warning, "MQTT: broker {Host}:{Port} unavailable ({Message}); trying again in {Seconds} s (readings over HTTP go on)")]
    public static partial void MqttUnavailable(ILogger logger, string host, int port, string message, double seconds);

    [LoggerMessage(21, LogLevel.Information, "Camera {CameraId}: keeping its originals, sealed, for {Hours} h")]
    public static partial void OriginalsKept(ILogger logger, string cameraId, double hours);

    [LoggerMessage(22, LogLevel.Error, "Camera {CameraId}: an original segment of unmask request {RequestId} does not authenticate and was not played: {Problem}")]
    public static partial void OriginalIntegrityFailed(ILogger logger, string cameraId, string requestId, string problem);
}
