using Vigil.Domain.Sensors;
using Vigil.Server.Api.Contracts;

namespace Vigil.Server.Sensors;

/// <summary>A configured sensor and its monitor; the ingest loop is the monitor's only driver.</summary>
internal sealed class SensorRuntime(Sensor sensor, DateTimeOffset start)
{
    public Sensor Sensor { get; } = sensor;

    public SensorMonitor Monitor { get; } = new(sensor, start);

    /// <summary>Where the sensor's readings stand now, as the live push and MQTT show it.</summary>
    public SensorStateDto State(DateTimeOffset at) =>
        new(Sensor.Id, Monitor.Stage?.Name, Monitor.Stage?.Severity, Monitor.IsSilent, Monitor.Last?.At, Monitor.Last?.Value, at);

    /// <summary>The alert of the stage episode in force, while one is (only the ingest loop touches it).</summary>
    public string? OpenStageAlert { get; set; }

    /// <summary>The alert of the silence in force, while the sensor is silent.</summary>
    public string? OpenSilentAlert { get; set; }

    /// <summary>When a refused reading of this sensor was last logged (refusals are logged at most once a minute per sensor).</summary>
    public long LastRefusalLogged { get; set; }
}
