using Vigil.Configuration;

namespace Vigil.Server.Sensors;

/// <summary>The configured sensors, each with its monitor.</summary>
internal sealed class SensorRegistry(VigilConfig config, TimeProvider clock)
{
    private readonly Dictionary<string, SensorRuntime> _sensors = config.Sensors.ToDictionary(s => s.Id, s => new SensorRuntime(s, clock.GetUtcNow()), StringComparer.Ordinal);

    public IEnumerable<SensorRuntime> All => _sensors.Values;

    public SensorRuntime? Find(string id) => _sensors.GetValueOrDefault(id);

    /// <summary>The sensor's name, or its id when it is no longer configured.</summary>
    public string FindName(string id) => Find(id)?.Sensor.Name ?? id;
}
